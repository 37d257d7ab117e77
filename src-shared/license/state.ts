/**
 * A licence's state at a moment (issue 15), the same computation on the laptop and on the server:
 *   valid      between validFrom and validUntil
 *   grace      past validUntil, up to graceDays more (a banner counts down; everything works)
 *   read_only  past the grace (or a finished trial): writes refused; reads, search, export, backup and
 *              restore keep working. Data is never held hostage.
 *   invalid    a file that does not verify, or is not valid yet: writes refused, with the reason
 *   none       no licence: the trial (TRIAL_DAYS from the vault's or server's first day), then read_only
 *
 * Clock rollback: `lastSeen` is the latest time this vault (or server) has ever seen, and only moves
 * forward. A clock earlier than it (or than the licence's issue time) by more than a few minutes is
 * reported, and the state is computed at the later time, so turning the clock back never revives an
 * expired licence.
 */
import type { License } from './format';

export const TRIAL_DAYS = 30;
/** Clocks drift and are corrected: a clock this far behind the last-seen time is not a rollback. */
export const ROLLBACK_TOLERANCE_MS = 10 * 60_000;
const DAY = 86_400_000;

export type LicenseStateName = 'valid' | 'grace' | 'read_only' | 'invalid' | 'none';
/** States in which the vault accepts changes. */
export const WRITABLE_STATES: readonly LicenseStateName[] = ['valid', 'grace', 'none'];

export interface LicenseState {
  state: LicenseStateName;
  reason?: string;
  licensee: string | null;
  seats: number | null;
  until: string | null;
  graceUntil: string | null;
  modules: string[];
  /** The clock was found behind the last-seen time (the state was computed at that time). */
  clockRollback: boolean;
  /** The time the state was computed at (ISO): max(now, lastSeen). */
  at: string;
}

export interface StateInput {
  now: number;
  /** Latest time ever seen (ms), or undefined the first time. */
  lastSeen?: number;
  /** The verified licence, or null for none. */
  license: License | null;
  /** A licence present but refused: its reason (state invalid). */
  refused?: string;
  /** When the trial started (ms): the vault's (or server's) first day. */
  trialStart: number;
  /** All modules, granted during a trial. */
  allModules: readonly string[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const days = (ms: number) => Math.max(0, Math.ceil(ms / DAY));

/** The time to judge at (max of the clock and every time known to have passed) and whether the clock went back. */
export function effectiveNow(now: number, floors: Array<number | undefined>): { at: number; rollback: boolean } {
  const floor = Math.max(0, ...floors.filter((f): f is number => typeof f === 'number' && Number.isFinite(f)));
  return { at: Math.max(now, floor), rollback: now < floor - ROLLBACK_TOLERANCE_MS };
}

/** The state of a period [from, until] + grace at `at`, worded for the person at the keyboard. */
export function periodState(at: number, from: number, until: number, graceUntil: number, what: string): { state: LicenseStateName; reason?: string } {
  if (at < from) return { state: 'invalid', reason: `the ${what} is not valid before ${iso(from).slice(0, 10)}` };
  if (at <= until) return { state: 'valid' };
  if (at <= graceUntil)
    return {
      state: 'grace',
      reason: `the ${what} expired on ${iso(until).slice(0, 10)}; ${days(graceUntil - at)} day(s) of grace left before this vault becomes read-only`,
    };
  return {
    state: 'read_only',
    reason: `the ${what} expired on ${iso(until).slice(0, 10)} and its grace period ended on ${iso(graceUntil).slice(0, 10)}: read-only (reading, search, export, backup and restore still work)`,
  };
}

export function computeLicenseState(input: StateInput): LicenseState {
  const lic = input.license;
  const { at, rollback } = effectiveNow(input.now, [input.lastSeen, lic ? Date.parse(lic.issuedAt) : undefined]);
  const rollbackNote = rollback ? `; the system clock is behind the last time this vault saw (${iso(at)}): clock rollback detected` : '';
  const base = { clockRollback: rollback, at: iso(at) };
  if (input.refused)
    return { ...base, state: 'invalid', reason: input.refused + rollbackNote, licensee: null, seats: null, until: null, graceUntil: null, modules: [] };
  if (!lic) {
    const until = input.trialStart + TRIAL_DAYS * DAY;
    const trialOver = at > until;
    return {
      ...base,
      state: trialOver ? 'read_only' : 'none',
      reason:
        (trialOver
          ? `no licence: the ${TRIAL_DAYS}-day trial ended on ${iso(until).slice(0, 10)}; read-only until a licence is imported (reading, search, export, backup and restore still work)`
          : `no licence: trial, ${days(until - at)} day(s) left (then read-only until a licence is imported)`) + rollbackNote,
      licensee: null,
      seats: null,
      until: iso(until),
      graceUntil: iso(until),
      modules: [...input.allModules],
    };
  }
  const until = Date.parse(lic.validUntil);
  const graceUntil = until + lic.graceDays * DAY;
  const s = periodState(at, Date.parse(lic.validFrom), until, graceUntil, 'licence');
  const reason = (s.reason ?? '') + rollbackNote;
  return {
    ...base,
    state: s.state,
    ...(reason ? { reason: reason.replace(/^; /, '') } : {}),
    licensee: lic.licensee,
    seats: lic.seats,
    until: iso(until),
    graceUntil: iso(graceUntil),
    modules: [...lic.modules],
  };
}

/** The sentence a refused write shows (CLI stderr, window, server body): it names the state. */
export function readOnlyMessage(s: Pick<LicenseState, 'state' | 'reason'>): string {
  return `licence ${s.state}: this vault is read-only, the change was not made (${s.reason ?? 'no valid licence'})`;
}
