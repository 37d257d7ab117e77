/**
 * Ticket SLA clocks counted in the org's business hours (issue 20). Business hours are wall-clock times in
 * the policy's IANA time zone, so every day's opening is turned into an instant with that day's offset:
 * a clock that runs over a daylight-saving change gains or loses no hour, and a laptop in another zone
 * computes the same deadline. Closed days (the holiday calendar and the org's own) and the intervals a
 * ticket waited on the customer do not count. Instants are epoch milliseconds in UTC throughout.
 */

export const SLA_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type SlaPriority = (typeof SLA_PRIORITIES)[number];

export interface SlaTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export interface SlaPolicy {
  timeZone: string;
  /** Per ISO weekday ("1" Monday .. "7" Sunday): opening intervals as [["09:00","17:00"]]; missing = closed. */
  businessHours: Partial<Record<string, [string, string][]>>;
  /** Local dates (YYYY-MM-DD) the office is closed: holidays and the org's own closures. */
  closedDays: readonly string[];
  targets: Record<SlaPriority, SlaTargets>;
  /** Share of a target used up (percent) from which a running clock is "at risk". */
  atRiskPercent: number;
}

/** A waiting-on-customer interval; `to` null while still waiting. */
export interface Pause {
  from: number;
  to: number | null;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, f);
  }
  return f;
}

/** A time zone the runtime knows, or an error that names it. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new Error(`unknown time zone "${timeZone}" (use an IANA name such as America/Toronto)`);
  }
}

/** The wall clock in `timeZone` at instant `ms`. */
export function wallClock(ms: number, timeZone: string): { date: string; minutes: number } {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** The zone's offset from UTC at instant `ms`, in ms (local − UTC). */
function offsetAt(ms: number, timeZone: string): number {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local date and time happen in `timeZone`. The offset is read at the guess and again at
 * the result: on a day the clocks change, the second reading is the one in force at that time.
 */
export function zonedInstant(date: string, hhmm: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, h, mi);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return second;
}

const isoWeekday = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
};
const nextDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + DAY).toISOString().slice(0, 10);
};

/** Open intervals [start, end) from `fromMs` on, day by day, for at most `maxDays` local days. */
export function* openIntervals(policy: SlaPolicy, fromMs: number, maxDays = 3 * 366): Generator<[number, number]> {
  const closed = new Set(policy.closedDays);
  let date = wallClock(fromMs, policy.timeZone).date;
  for (let i = 0; i < maxDays; i++, date = nextDate(date)) {
    if (closed.has(date)) continue;
    for (const [open, close] of policy.businessHours[String(isoWeekday(date))] ?? []) {
      const a = Math.max(zonedInstant(date, open, policy.timeZone), fromMs);
      const b = zonedInstant(date, close, policy.timeZone);
      if (b > a) yield [a, b];
    }
  }
}

/** An interval minus the pauses (sorted, merged), as the pieces the clock runs in. */
function minusPauses([a, b]: [number, number], pauses: readonly Pause[], now: number): [number, number][] {
  let pieces: [number, number][] = [[a, b]];
  for (const p of pauses) {
    const pf = p.from;
    const pt = p.to ?? Math.max(now, p.from);
    pieces = pieces.flatMap(([x, y]): [number, number][] => {
      if (pt <= x || pf >= y) return [[x, y]];
      const out: [number, number][] = [];
      if (pf > x) out.push([x, pf]);
      if (pt < y) out.push([pt, y]);
      return out;
    });
  }
  return pieces;
}

/** Business minutes the clock ran between two instants (pauses excluded). */
export function businessMinutesBetween(policy: SlaPolicy, from: number, to: number, pauses: readonly Pause[] = []): number {
  if (to <= from) return 0;
  let total = 0;
  for (const iv of openIntervals(policy, from)) {
    if (iv[0] >= to) break;
    for (const [x, y] of minusPauses([iv[0], Math.min(iv[1], to)], pauses, to)) total += y - x;
  }
  return total / MINUTE;
}

/**
 * The instant the clock started at `start` reaches `minutes` business minutes, skipping closed time and
 * pauses. Null while a pause is still open (the deadline moves on for as long as the customer is awaited).
 */
export function businessDeadline(policy: SlaPolicy, start: number, minutes: number, pauses: readonly Pause[] = []): number | null {
  if (pauses.some((p) => p.to === null)) return null;
  let left = minutes * MINUTE;
  if (left <= 0) return start;
  for (const iv of openIntervals(policy, start)) {
    for (const [x, y] of minusPauses(iv, pauses, Infinity)) {
      if (y - x >= left) return x + left;
      left -= y - x;
    }
  }
  throw new Error('the SLA target lies more than three years of business hours away');
}

export type ClockState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'paused';

export interface SlaClock {
  targetMinutes: number;
  /** ISO instant of the deadline; null while waiting on the customer. */
  dueAt: string | null;
  elapsedMinutes: number;
  state: ClockState;
}

export interface TicketTimes {
  priority: SlaPriority;
  openedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  pauses: readonly { from: string; to: string | null }[];
}

function clock(policy: SlaPolicy, start: number, target: number, doneAt: number | null, pauses: Pause[], now: number): SlaClock {
  const end = doneAt ?? now;
  const elapsed = businessMinutesBetween(policy, start, end, pauses);
  const closedPauses = pauses.map((p) => (p.to === null && doneAt !== null ? { ...p, to: doneAt } : p));
  const due = businessDeadline(policy, start, target, closedPauses);
  const waiting = doneAt === null && pauses.some((p) => p.to === null);
  let state: ClockState;
  if (doneAt !== null) state = elapsed <= target ? 'met' : 'breached';
  else if (elapsed >= target) state = 'breached';
  else if (waiting) state = 'paused';
  else state = elapsed >= (target * policy.atRiskPercent) / 100 ? 'at_risk' : 'on_track';
  return { targetMinutes: target, dueAt: due === null ? null : new Date(due).toISOString(), elapsedMinutes: Math.round(elapsed * 100) / 100, state };
}

/** Both clocks of a ticket at instant `now`: first response and resolution. */
export function ticketSla(policy: SlaPolicy, t: TicketTimes, now: number): { firstResponse: SlaClock; resolution: SlaClock } {
  const start = Date.parse(t.openedAt);
  const pauses: Pause[] = t.pauses.map((p) => ({ from: Date.parse(p.from), to: p.to === null ? null : Date.parse(p.to) }));
  const targets = policy.targets[t.priority];
  const fr = t.firstResponseAt ? Date.parse(t.firstResponseAt) : null;
  const res = t.resolvedAt ? Date.parse(t.resolvedAt) : null;
  return {
    firstResponse: clock(policy, start, targets.firstResponseMinutes, fr ?? res, pauses, now),
    resolution: clock(policy, start, targets.resolutionMinutes, res, pauses, now),
  };
}
