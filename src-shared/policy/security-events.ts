/**
 * Security events and audit risk (issue 14): what each kind of event is (severity, category), the
 * triage states an admin moves it through, and the risk level every audit entry carries. Shared so the
 * server files them and the window labels and filters them with the same words.
 */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CATEGORIES = ['authentication', 'access', 'tenancy', 'data', 'policy', 'device', 'audit'] as const;
export type Category = (typeof CATEGORIES)[number];
export const EVENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

const KINDS: Record<string, { severity: Severity; category: Category }> = {
  login_failed: { severity: 'low', category: 'authentication' },
  login_throttled: { severity: 'medium', category: 'authentication' },
  sso_token_refused: { severity: 'medium', category: 'authentication' },
  sso_revoked: { severity: 'medium', category: 'authentication' },
  // A refresh token used twice: a stolen token, or a device cloned.
  refresh_token_reuse: { severity: 'high', category: 'authentication' },
  admin_forbidden: { severity: 'medium', category: 'access' },
  push_refused: { severity: 'medium', category: 'access' },
  reveal_refused: { severity: 'medium', category: 'access' },
  cross_org_mutation: { severity: 'high', category: 'tenancy' },
  push_foreign_org: { severity: 'high', category: 'tenancy' },
  field_reveal: { severity: 'medium', category: 'data' },
  grant_revoked: { severity: 'low', category: 'access' },
  device_revoked: { severity: 'medium', category: 'device' },
  policy_change: { severity: 'high', category: 'policy' },
  audit_chain_unanchored: { severity: 'high', category: 'audit' },
  audit_chain_failed: { severity: 'critical', category: 'audit' },
};

/** A kind's severity and category (a kind not listed: medium, access, so it is still looked at). */
export function classifySecurityEvent(kind: string): { severity: Severity; category: Category } {
  return KINDS[kind] ?? { severity: 'medium', category: 'access' };
}

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Tables whose changes decide who sees what: a change to one is high risk. */
const POLICY_TABLES = new Set(['org_roles', 'case_assignments', 'org_memberships']);
const HIGH = new Set([
  'field.reveal',
  'document.read',
  'document.file_key_destroyed',
  'admin.patch_membership',
  'admin.sso_configure',
  'admin.license_install',
  'admin.audit_export',
]);

/**
 * The risk of an audit entry: high for reading restricted data, revealing a masked value, destroying a
 * key, changing who may see what; medium for other administration, failed logins and deletions; low for
 * ordinary work.
 */
export function auditRisk(eventType: string, table?: string | null): RiskLevel {
  if (HIGH.has(eventType) || (table && POLICY_TABLES.has(table) && eventType.startsWith('sync.'))) return 'high';
  if (eventType.startsWith('admin.') || eventType === 'auth.login_failed' || eventType === 'sync.delete') return 'medium';
  return 'low';
}

/** A security event as the window shows it (admin.securityEvents). */
export interface SecurityEventLine {
  id: number;
  at: string;
  kind: string;
  severity: Severity;
  category: Category;
  status: EventStatus;
  userId: string | null;
  /** The user's email where this vault's replica knows them. */
  userEmail: string | null;
  deviceId: string | null;
  detail: Record<string, unknown>;
  statusBy: string | null;
  statusAt: string | null;
}

export interface RevealedValue {
  table: string;
  id: string;
  field: string;
  value: string | null;
  revealedAt: string;
}
