/**
 * SLA clocks on hand-computed cases (issue 20): every deadline below was worked out on paper from the
 * business hours, the calendar and the zone's offsets of that day, and is written as the UTC instant.
 * A clock computed in UTC hours (the easy mistake) misses each DST case by an hour; one that ignores the
 * holiday calendar misses the Easter case by two days.
 */
import { describe, expect, it } from 'vitest';
import { businessDeadline, businessMinutesBetween, ticketSla, wallClock, zonedInstant, type SlaPolicy } from '../../src-shared/crm';
import { closedDaysAround, holidayDates } from '../../src-main/crm/holidays';

const weekdays = (open: string, close: string) => Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [[open, close]] as [string, string][]]));
const targets = {
  low: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
  normal: { firstResponseMinutes: 240, resolutionMinutes: 960 },
  high: { firstResponseMinutes: 240, resolutionMinutes: 960 },
  urgent: { firstResponseMinutes: 60, resolutionMinutes: 480 },
};
const policy = (timeZone: string, country: string | null, region: string | null, open = '09:00', close = '17:00'): SlaPolicy => ({
  timeZone,
  businessHours: weekdays(open, close),
  closedDays: closedDaysAround(Date.parse('2026-06-01T00:00:00Z'), country, region),
  targets,
  atRiskPercent: 75,
});
const due = (p: SlaPolicy, start: string, minutes: number, pauses: { from: number; to: number | null }[] = []) =>
  new Date(businessDeadline(p, Date.parse(start), minutes, pauses)!).toISOString();

const toronto = policy('America/Toronto', 'CA', 'ON');
const london = policy('Europe/London', 'GB', 'ENG');

describe('SLA deadlines in business hours', () => {
  it('across the spring DST change: Friday 16:00 EST + 4 h = Monday 12:00 EDT (16:00Z, not 17:00Z)', () => {
    // Fri 2026-03-06 16:00 EST = 21:00Z; 1 h on Friday; clocks go forward Sun 8 March; Mon 09:00 EDT = 13:00Z; +3 h.
    expect(due(toronto, '2026-03-06T21:00:00Z', 240)).toBe('2026-03-09T16:00:00.000Z');
    expect(businessMinutesBetween(toronto, Date.parse('2026-03-06T21:00:00Z'), Date.parse('2026-03-09T16:00:00Z'))).toBe(240);
  });

  it('over Good Friday and Easter Monday (Ontario): Thursday 15:00 + 16 h = Wednesday 15:00 EDT', () => {
    // Thu 2 Apr: 2 h; Fri 3 (Good Friday) and Mon 6 (Easter Monday) closed; Tue 7: 8 h; Wed 8: 6 h -> 15:00 EDT = 19:00Z.
    expect(due(toronto, '2026-04-02T19:00:00Z', 960)).toBe('2026-04-08T19:00:00.000Z');
  });

  it('across the autumn DST change in London: Friday 16:30 BST + 2 h = Monday 10:30 GMT', () => {
    // Fri 23 Oct 16:30 BST = 15:30Z: 30 min; clocks go back Sun 25 Oct; Mon 26 09:00 GMT = 09:00Z; +90 min.
    expect(due(london, '2026-10-23T15:30:00Z', 120)).toBe('2026-10-26T10:30:00.000Z');
  });

  it('a ticket opened before hours starts its clock at opening, in the policy zone (Kolkata, +05:30)', () => {
    const kolkata = policy('Asia/Kolkata', 'IN', null, '09:30', '18:00');
    // Mon 5 Jan 2026 03:00Z = 08:30 IST; opening 09:30 IST = 04:00Z; +60 min = 05:00Z.
    expect(due(kolkata, '2026-01-05T03:00:00Z', 60)).toBe('2026-01-05T05:00:00.000Z');
    // Republic Day (Mon 26 Jan) is closed: Fri 23 Jan 17:00 IST (11:30Z) + 2 h = 1 h Fri, Tue 27 10:30 IST = 05:00Z.
    expect(due(kolkata, '2026-01-23T11:30:00Z', 120)).toBe('2026-01-27T05:00:00.000Z');
  });

  it('waiting on the customer stops the clock', () => {
    // Mon 2 Nov 2026 (GMT): opened 10:00; waiting 10:30-14:00; 8 h target: Mon 30 + 180 min; Tue 09:00 + 270 min = 13:30.
    const pauses = [{ from: Date.parse('2026-11-02T10:30:00Z'), to: Date.parse('2026-11-02T14:00:00Z') }];
    expect(due(london, '2026-11-02T10:00:00Z', 480, pauses)).toBe('2026-11-03T13:30:00.000Z');
    expect(businessDeadline(london, Date.parse('2026-11-02T10:00:00Z'), 480, [{ from: Date.parse('2026-11-02T10:30:00Z'), to: null }])).toBeNull();
  });

  it('reads wall clocks and local instants on DST days', () => {
    expect(zonedInstant('2026-03-09', '09:00', 'America/Toronto')).toBe(Date.parse('2026-03-09T13:00:00Z'));
    expect(zonedInstant('2026-03-06', '09:00', 'America/Toronto')).toBe(Date.parse('2026-03-06T14:00:00Z'));
    expect(wallClock(Date.parse('2026-10-25T00:30:00Z'), 'Europe/London')).toEqual({ date: '2026-10-25', minutes: 90 });
  });

  it('takes only public and bank holidays from the calendar, not observances', () => {
    const days = holidayDates('CA', 'QC', [2026]);
    expect(days).toContain('2026-06-24'); // Fête nationale
    expect(days).not.toContain('2026-02-14'); // Valentine's Day is an observance
    expect(() => holidayDates('XX', null, [2026])).toThrow(/no holiday calendar/);
  });
});

describe('SLA states', () => {
  const t = { priority: 'urgent' as const, openedAt: '2026-11-02T09:00:00Z', firstResponseAt: null, resolvedAt: null, pauses: [] };
  const at = (iso: string) => ticketSla(london, t, Date.parse(iso));

  it('on track, at risk from 75 % of the target, breached past it', () => {
    expect(at('2026-11-02T09:30:00Z').firstResponse).toMatchObject({ state: 'on_track', dueAt: '2026-11-02T10:00:00.000Z', elapsedMinutes: 30 });
    expect(at('2026-11-02T09:45:00Z').firstResponse.state).toBe('at_risk');
    expect(at('2026-11-02T10:01:00Z').firstResponse.state).toBe('breached');
    // Resolution (8 h): at 12:00 three hours used; on track.
    expect(at('2026-11-02T12:00:00Z').resolution).toMatchObject({ state: 'on_track', dueAt: '2026-11-02T17:00:00.000Z' });
  });

  it('met or breached once done, paused while waiting, and the night does not count', () => {
    const answered = ticketSla(london, { ...t, firstResponseAt: '2026-11-02T09:50:00Z' }, Date.parse('2026-11-03T12:00:00Z'));
    expect(answered.firstResponse.state).toBe('met');
    const late = ticketSla(london, { ...t, firstResponseAt: '2026-11-02T10:20:00Z' }, Date.parse('2026-11-03T12:00:00Z'));
    expect(late.firstResponse.state).toBe('breached');
    const waiting = ticketSla(
      london,
      { ...t, firstResponseAt: '2026-11-02T09:10:00Z', pauses: [{ from: '2026-11-02T10:00:00Z', to: null }] },
      Date.parse('2026-11-04T12:00:00Z'),
    );
    expect(waiting.resolution).toMatchObject({ state: 'paused', dueAt: null, elapsedMinutes: 60 });
    // Opened Friday 16:00 GMT, urgent: at Monday 09:30 only 90 business minutes have run.
    const weekend = ticketSla(london, { ...t, openedAt: '2026-11-06T16:00:00Z' }, Date.parse('2026-11-09T09:30:00Z'));
    expect(weekend.resolution.elapsedMinutes).toBe(90);
    expect(weekend.firstResponse.state).toBe('breached');
  });
});
