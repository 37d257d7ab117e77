/**
 * What a policy condition may look at: a few facts about a row and the caller's relation to its case,
 * never the row itself. Both sides compute them with these functions (the laptop from its replica, the
 * server from Postgres, where sync-server/src/policy.ts writes the same definitions as SQL), so a rule
 * means the same thing everywhere. Keeping the vocabulary small and finite is what lets the server
 * turn a role's rules into SQL exactly (it evaluates the rules on every combination of fact values).
 */
import { tableSpec } from '../schema/tables';

/** How the caller works a case: the case's consultant, or through assigned_staff / a grant's role. */
export const RELATIONS = ['consultant', 'staff', 'paralegal', 'reviewer', 'none'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface Facts {
  /** The caller's relation to the row's case ('none': not assigned, or the row has no case). */
  as: Relation;
  /** What the caller's grants on the case allow beyond reading its ordinary rows. */
  grant_write: boolean;
  grant_documents: boolean;
  grant_money: boolean;
  /** The case's case_type and status (null: the row has no case). */
  case_type: string | null;
  case_status: string | null;
  /** documents.access_level (document_versions / document_metadata: their document's); else 'case_team'. */
  access_level: string;
  /** The row's data_classification, or its table's default classification. */
  classification: string;
}

/** Every key a condition may name, with the values it ranges over (null: open-ended strings). */
export const FACT_DOMAINS: Record<keyof Facts, readonly (string | boolean)[] | null> = {
  as: RELATIONS,
  grant_write: [true, false],
  grant_documents: [true, false],
  grant_money: [true, false],
  case_type: null,
  case_status: null,
  access_level: ['public', 'case_team', 'consultant_only', 'admin_only'],
  classification: ['public', 'internal', 'confidential', 'restricted'],
};
export const FACT_KEYS = Object.keys(FACT_DOMAINS) as (keyof Facts)[];

/** A case_assignments row as the facts need it. */
export interface GrantRow {
  user_id: string;
  role?: string | null;
  permissions?: unknown;
  expires_at?: string | null;
  /** A grant that starts later (a delegation for next week). */
  valid_from?: string | null;
  deleted_at?: string | null;
}

export interface CaseRow {
  assigned_consultant_id?: string | null;
  assigned_staff?: unknown;
  case_type?: string | null;
  status?: string | null;
}

/** A grant counts from valid_from (if any) until expires_at, and not once removed (revocation). */
export function grantLive(g: GrantRow, now: Date): boolean {
  if (g.deleted_at) return false;
  if (g.valid_from && Date.parse(g.valid_from) > now.getTime()) return false;
  return !g.expires_at || Date.parse(g.expires_at) > now.getTime();
}

/**
 * What a grant allows when its permissions object does not say: a reviewer reads (documents too) and
 * writes nothing; a paralegal does not see money; everyone else may do all four.
 */
export function grantPermission(g: GrantRow, key: 'write' | 'documents' | 'money'): boolean {
  const p = g.permissions;
  const v = p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>)[key] : undefined;
  if (typeof v === 'boolean') return v;
  if (g.role === 'reviewer') return key === 'documents';
  if (g.role === 'paralegal') return key !== 'money';
  return true;
}

/**
 * The caller's relation to a case: its assigned consultant (or a live grant as consultant) first, then
 * a live grant's role, then assigned_staff. The case's own assignments give every permission; a grant
 * adds what its permissions say.
 */
export function caseFacts(
  userId: string,
  c: CaseRow | null | undefined,
  grants: readonly GrantRow[],
  now = new Date(),
): Pick<Facts, 'as' | 'grant_write' | 'grant_documents' | 'grant_money' | 'case_type' | 'case_status'> {
  if (!c) return { as: 'none', grant_write: false, grant_documents: false, grant_money: false, case_type: null, case_status: null };
  const live = grants.find((g) => g.user_id === userId && grantLive(g, now));
  const staff = Array.isArray(c.assigned_staff) && c.assigned_staff.includes(userId);
  const consultant = c.assigned_consultant_id === userId;
  const as: Relation =
    consultant || live?.role === 'consultant'
      ? 'consultant'
      : live && RELATIONS.includes(live.role as Relation)
        ? (live.role as Relation)
        : live
          ? 'staff'
          : staff
            ? 'staff'
            : 'none';
  const direct = consultant || staff;
  const perm = (k: 'write' | 'documents' | 'money') => direct || (!!live && grantPermission(live, k));
  return {
    as,
    grant_write: perm('write'),
    grant_documents: perm('documents'),
    grant_money: perm('money'),
    case_type: c.case_type ?? null,
    case_status: c.status ?? null,
  };
}

/** A table's classification when its row does not carry one (documents, persons... do). */
export const TABLE_CLASSIFICATION: Record<string, string> = {
  law_sources: 'public',
  law_chunks: 'public',
  approved_rules: 'public',
  cases: 'confidential',
  invoices: 'confidential',
  payments: 'confidential',
  persons: 'confidential',
  documents: 'confidential',
  document_versions: 'confidential',
  document_metadata: 'confidential',
  family_members: 'confidential',
};

export function defaultClassification(table: string): string {
  return TABLE_CLASSIFICATION[table] ?? 'internal';
}

/**
 * A row's facts: the case part from caseFacts, the rest from the row (documents' children pass their
 * document as `parentDocument`).
 */
export function rowFacts(
  table: string,
  row: Record<string, unknown>,
  casepart: ReturnType<typeof caseFacts>,
  parentDocument?: Record<string, unknown> | null,
): Facts {
  const spec = tableSpec(table);
  const src = parentDocument !== undefined ? (parentDocument ?? {}) : row;
  const level = typeof src.access_level === 'string' ? src.access_level : 'case_team';
  const own = 'data_classification' in spec.columns ? row.data_classification : src.data_classification;
  return { ...casepart, access_level: level, classification: typeof own === 'string' ? own : defaultClassification(table) };
}

/** Facts for a row with no case relation (org-wide tables, or a check that ignores the case). */
export const NO_CASE: Facts = { ...caseFacts('', null, []), access_level: 'case_team', classification: 'internal' };
