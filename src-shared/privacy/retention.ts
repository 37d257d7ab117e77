/**
 * Retention (issue 19; seed 001 and 003): how long a closed case is kept, and what is due to go when.
 * Pure: the server's daily evaluation and `casework-sync retention report` feed it rows and print what it
 * returns. The period counts from the case's closure (closed_at; for a case closed before closed_at was
 * kept, its last update), per case type, then per category of case type, then the org's or the system's
 * `cases` policy (data_retention_policies.retention_period_days). A case under legal hold (tag
 * "legal_hold") never goes; the report names it. What expiry does is the policy's: anonymise (the case
 * kept without the people in it) or delete.
 */

/** The regulators' periods (PIPEDA/Law 25 files 7 years, FCA debt advice 6, home care records 10). */
export const DEFAULT_RETENTION_DAYS_BY_CATEGORY: Readonly<Record<string, number>> = {
  debt_advice: 6 * 365,
  home_care: 10 * 365,
  express_entry: 7 * 365,
  temporary_residence: 7 * 365,
  provincial_nominee: 7 * 365,
};

/** Statuses after which nothing more happens on a case: its retention period runs. */
export const FINAL_STATUSES = ['closed', 'withdrawn', 'refused', 'approved'] as const;
export const LEGAL_HOLD_TAG = 'legal_hold';
/** Set on a case a retention run anonymised: kept for the firm's counts, never expired again. */
export const ANONYMISED_TAG = 'retention_anonymised';

export interface RetentionPolicy {
  /** data_retention_policies.retention_period_days of the `cases` row (the org's, else the system's). */
  retentionPeriodDays: number;
  /** conditions: { byCaseType?: {CODE: days}, byCategory?: {category: days}, action?: 'delete'|'anonymise' } */
  conditions?: { byCaseType?: Record<string, number>; byCategory?: Record<string, number>; action?: 'delete' | 'anonymise' };
  source: 'org' | 'system';
}

export interface RetentionCase {
  id: string;
  caseNumber: string;
  caseType: string;
  category?: string | null;
  status: string;
  closedAt?: string | null;
  updatedAt: string;
  tags?: unknown;
}

export interface RetentionEntry {
  caseId: string;
  caseNumber: string;
  caseType: string;
  status: string;
  closedAt: string;
  retentionDays: number;
  expiresOn: string;
  action: 'delete' | 'anonymise';
}

export interface RetentionReport {
  evaluatedAt: string;
  /** Past their period: to go at the next daily run. */
  due: RetentionEntry[];
  /** Going within `horizonDays`, soonest first. */
  upcoming: RetentionEntry[];
  /** Past or within their period but under legal hold: kept. */
  held: RetentionEntry[];
  /** Open cases: their period has not started. */
  open: number;
}

const DAY = 86_400_000;

export function retentionDaysFor(c: Pick<RetentionCase, 'caseType' | 'category'>, policy: RetentionPolicy): number {
  const byType = policy.conditions?.byCaseType?.[c.caseType];
  if (typeof byType === 'number' && byType > 0) return byType;
  const byCategory = c.category ? (policy.conditions?.byCategory?.[c.category] ?? DEFAULT_RETENTION_DAYS_BY_CATEGORY[c.category]) : undefined;
  if (typeof byCategory === 'number' && byCategory > 0) return byCategory;
  return policy.retentionPeriodDays;
}

export function evaluateRetention(cases: RetentionCase[], policy: RetentionPolicy, now: Date, horizonDays = 365): RetentionReport {
  const report: RetentionReport = { evaluatedAt: now.toISOString(), due: [], upcoming: [], held: [], open: 0 };
  for (const c of cases) {
    if (Array.isArray(c.tags) && c.tags.includes(ANONYMISED_TAG)) continue; // expired already, kept anonymised
    if (!(FINAL_STATUSES as readonly string[]).includes(c.status)) {
      report.open++;
      continue;
    }
    const closedAt = c.closedAt ?? c.updatedAt;
    const days = retentionDaysFor(c, policy);
    const expires = new Date(Date.parse(closedAt) + days * DAY);
    const entry: RetentionEntry = {
      caseId: c.id,
      caseNumber: c.caseNumber,
      caseType: c.caseType,
      status: c.status,
      closedAt,
      retentionDays: days,
      expiresOn: expires.toISOString().slice(0, 10),
      action: policy.conditions?.action ?? 'anonymise',
    };
    const held = Array.isArray(c.tags) && c.tags.includes(LEGAL_HOLD_TAG);
    if (expires.getTime() <= now.getTime() + horizonDays * DAY && held) report.held.push(entry);
    else if (expires.getTime() <= now.getTime()) report.due.push(entry);
    else if (expires.getTime() <= now.getTime() + horizonDays * DAY) report.upcoming.push(entry);
  }
  const byDate = (a: RetentionEntry, b: RetentionEntry) => a.expiresOn.localeCompare(b.expiresOn) || a.caseNumber.localeCompare(b.caseNumber);
  report.due.sort(byDate);
  report.upcoming.sort(byDate);
  report.held.sort(byDate);
  return report;
}
