/** Cases: creation with its client and checklists, the status lifecycle, the list page and the case file. */
import { UserError } from '../../src-shared/errors';
import { ftsPrefixQuery } from '../../src-shared/search/fts-query';
import { clientNameProblem, splitClientName } from '../../src-shared/cases/client-name';
import { CASE_STATUSES, PRIORITIES, SYSTEM_ORG_ID } from '../../src-shared/schema/tables';
import { STATUS_TIMESTAMPS, type CaseStatus } from '../../src-shared/cases/case-status';
import { nextStatuses, statusesOf } from '../../src-shared/config/workflow';
import { workflowOfCase } from '../config';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { fromDb } from '../db/wire';
import { addCaseEvent } from './events';
import { createChecklistsForCase } from './checklists';

export interface CreateCaseInput {
  caseType: string;
  client?: string | { firstName: string; lastName: string; email?: string; dateOfBirth?: string };
  priority?: string;
  status?: string;
  immigrationProgram?: string;
  targetProvince?: string;
  totalFees?: string;
  assignedConsultantId?: string;
  tags?: string[];
  source?: string;
  caseNumber?: string;
}

/** The active case type for a code: the org's own row overrides the system default. */
export function caseTypeByCode(core: Core, code: string): Row | undefined {
  const found = rows(core, 'config_case_types', 'code = ? AND org_id IN (?, ?) AND is_active = 1', [code, core.actor.orgId, SYSTEM_ORG_ID]);
  return found.find((r) => r.org_id === core.actor.orgId) ?? found[0];
}

export function listCaseTypes(core: Core): Row[] {
  const all = rows(core, 'config_case_types', 'org_id IN (?, ?) AND is_active = 1', [core.actor.orgId, SYSTEM_ORG_ID]);
  const byCode = new Map<string, Row>();
  for (const r of all) if (!byCode.has(r.code as string) || r.org_id === core.actor.orgId) byCode.set(r.code as string, r);
  return [...byCode.values()].sort((a, b) => String(a.code).localeCompare(String(b.code)));
}

/**
 * Case numbers are YEAR-SEQ-DEVICE: the sequence is this laptop's own, and the device code keeps two
 * laptops that create cases offline from minting the same number (unique per org on the server).
 */
export function nextCaseNumber(core: Core): string {
  const year = new Date().getUTCFullYear();
  const device = core.actor.clientId.replace(/-/g, '').slice(0, 4).toUpperCase();
  const key = `case_seq_${year}`;
  const next = Number(core.meta(key) ?? '0') + 1;
  core.setMeta(key, String(next));
  return `${year}-${String(next).padStart(4, '0')}-${device}`;
}

export function createCase(core: Core, input: CreateCaseInput): Row {
  if (!input || typeof input.caseType !== 'string' || !input.caseType)
    throw new UserError('invalid_input', 'case type is required (for example EXPRESS_ENTRY_FSW)');
  const type = caseTypeByCode(core, input.caseType);
  if (!type) {
    const known = listCaseTypes(core)
      .map((t) => t.code)
      .join(', ');
    throw new UserError('invalid_input', `unknown case type "${input.caseType}"; known types: ${known}`);
  }
  if (input.priority && !(PRIORITIES as readonly string[]).includes(input.priority)) {
    throw new UserError('invalid_input', `priority must be one of ${PRIORITIES.join(', ')}`);
  }
  if (typeof input.client === 'string') {
    const problem = clientNameProblem(input.client);
    if (problem) throw new UserError('invalid_input', `client: ${problem}`);
  }
  return core.tx(() => {
    const caseRow = write(core, {
      table: 'cases',
      op: 'insert',
      fields: {
        case_number: input.caseNumber ?? nextCaseNumber(core),
        case_type: type.code,
        status: input.status ?? 'draft',
        priority: input.priority ?? 'normal',
        immigration_program: input.immigrationProgram ?? (type.category as string | null) ?? null,
        target_province: input.targetProvince ?? null,
        total_fees: input.totalFees ?? null,
        assigned_consultant_id: input.assignedConsultantId ?? core.actor.userId,
        tags: input.tags ?? [],
        source: input.source ?? null,
      },
    });
    const caseId = caseRow.id as string;
    let result = caseRow;
    if (input.client !== undefined) {
      const c = typeof input.client === 'string' ? splitClientName(input.client) : input.client;
      const person = write(core, {
        table: 'persons',
        op: 'insert',
        fields: {
          case_id: caseId,
          first_name: c.firstName,
          last_name: c.lastName,
          email: 'email' in c ? (c.email ?? null) : null,
          date_of_birth: 'dateOfBirth' in c ? (c.dateOfBirth ?? null) : null,
          relationship_to_primary: 'primary',
        },
      });
      result = write(core, {
        table: 'cases',
        op: 'update',
        id: caseId,
        fields: { primary_applicant_id: person.id, client_data: { name: `${person.first_name} ${person.last_name}`.trim() } },
      });
    }
    addCaseEvent(core, {
      caseId,
      type: 'case_created',
      title: `Case ${caseRow.case_number} opened`,
      category: 'user_action',
      next: { status: caseRow.status },
      data: { caseNumber: caseRow.case_number },
      milestone: true,
    });
    createChecklistsForCase(core, caseId, type.id as string);
    return result;
  });
}

export function setCaseStatus(core: Core, caseId: string, status: string, note?: string): Row {
  if (!(CASE_STATUSES as readonly string[]).includes(status)) {
    throw new UserError('invalid_input', `unknown status "${status}"; statuses are ${CASE_STATUSES.join(', ')}`);
  }
  return core.tx(() => {
    const c = mustRead(core, 'cases', caseId, 'case');
    const from = c.status as CaseStatus;
    const to = status as CaseStatus;
    if (from === to) return c;
    // The lifecycle of the configuration version the case follows (its case type's, or the default).
    const workflow = workflowOfCase(core, c);
    if (!statusesOf(workflow).includes(to)) {
      throw new UserError('invalid_transition', `${c.case_type} cases do not use the status ${to}; they use ${statusesOf(workflow).join(', ')}`);
    }
    const next = nextStatuses(workflow, from);
    if (!next.includes(to)) {
      throw new UserError('invalid_transition', `a case cannot go from ${from} to ${to}; from ${from} it can go to ${next.join(', ') || 'no other status'}`);
    }
    const fields: Record<string, unknown> = { status: to };
    const stamp = STATUS_TIMESTAMPS[to];
    if (stamp) fields[stamp] = new Date().toISOString();
    const updated = write(core, { table: 'cases', op: 'update', id: caseId, fields, description: note });
    addCaseEvent(core, {
      caseId,
      type: 'status_change',
      title: `Status changed from ${from} to ${to}`,
      description: note,
      previous: { status: from },
      next: { status: to },
      milestone: ['submitted', 'approved', 'refused', 'closed'].includes(to),
      visibleToClient: true,
    });
    return updated;
  });
}

export function updateCase(core: Core, caseId: string, fields: Record<string, unknown>): Row {
  if ('status' in fields) throw new UserError('invalid_input', 'change a case status with set-status, which checks the lifecycle and records the event');
  mustRead(core, 'cases', caseId, 'case');
  return write(core, { table: 'cases', op: 'update', id: caseId, fields });
}

export interface CaseListQuery {
  status?: string;
  type?: string;
  priority?: string;
  consultantId?: string;
  search?: string;
  sort?: 'updated_at' | 'created_at' | 'case_number' | 'priority' | 'status' | 'client';
  direction?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export type { CaseListItem } from '../../src-shared/contract/views';
import type { CaseListItem } from '../../src-shared/contract/views';

const SORTS: Record<NonNullable<CaseListQuery['sort']>, string> = {
  updated_at: 'c.updated_at',
  created_at: 'c.created_at',
  case_number: 'c.case_number',
  priority: "CASE c.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END",
  status: 'c.status',
  client: "json_extract(c.client_data, '$.name')",
};

/**
 * Counts of the case list per filter, kept until the next change to cases: the list asks for the
 * total on every page turn and keystroke, and count(*) over 100k rows would cost more than the page.
 */
const countCache = new WeakMap<Core, { counts: Map<string, number> }>();
function countsFor(core: Core) {
  let c = countCache.get(core);
  if (!c) {
    const entry = { counts: new Map<string, number>() };
    core.events.on('change', (e: { table: string }) => {
      if (e.table === 'cases') entry.counts.clear();
    });
    countCache.set(core, (c = entry));
  }
  return c;
}

/**
 * One page of the case list. Every filter leads into an index whose next key is the sort key (see the
 * cases indexes in the spec); search is a prefix match on the case number or the client's name, both
 * word-prefix match on the case number and the client's name through cases_fts.
 */
/** The default view's count names the condition of cases_live_count_idx, the index only it uses. */
const countWhere = (whereSql: string) => (whereSql === LIVE ? `${LIVE} AND typeof(c.id) = 'text'` : whereSql);
const LIVE = 'c.deleted_at IS NULL';

export function listCases(core: Core, q: CaseListQuery = {}): { items: CaseListItem[]; total: number } {
  const { items, whereSql, params, limit, offset } = pageOf(core, q);
  const cache = countsFor(core).counts;
  const key = JSON.stringify([whereSql, params]);
  let total = cache.get(key);
  if (total === undefined) {
    total =
      offset === 0 && items.length < limit
        ? items.length
        : (core.db.prepare(`SELECT count(*) AS n FROM cases c WHERE ${countWhere(whereSql)}`).get(...params) as { n: number }).n;
    cache.set(key, total);
  }
  return { items, total };
}

/**
 * One page of the case list without its total, for callers that show no total (`casework case list`):
 * counting 100k rows costs more than the page itself.
 */
export function caseListPage(core: Core, q: CaseListQuery = {}): CaseListItem[] {
  return pageOf(core, q).items;
}

function pageOf(core: Core, q: CaseListQuery) {
  const where = [LIVE];
  const params: unknown[] = [];
  if (q.status) {
    if (!(CASE_STATUSES as readonly string[]).includes(q.status)) throw new UserError('invalid_input', `unknown status "${q.status}"`);
    where.push('c.status = ?');
    params.push(q.status);
  }
  if (q.type) {
    where.push('c.case_type = ?');
    params.push(q.type);
  }
  if (q.priority) {
    if (!(PRIORITIES as readonly string[]).includes(q.priority)) throw new UserError('invalid_input', `unknown priority "${q.priority}"`);
    where.push('c.priority = ?');
    params.push(q.priority);
  }
  if (q.consultantId) {
    where.push('c.assigned_consultant_id = ?');
    params.push(q.consultantId);
  }
  const match = ftsPrefixQuery(q.search);
  if (match) {
    where.push('c.rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)');
    params.push(match);
  }
  const sort = SORTS[q.sort ?? 'updated_at'];
  if (!sort) throw new UserError('invalid_input', `cannot sort by ${q.sort}`);
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 500);
  const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
  const whereSql = where.join(' AND ');
  const items = core.db
    .prepare(
      `SELECT c.id, c.case_number, c.case_type, c.status, c.priority, json_extract(c.client_data, '$.name') AS client_name,
              c.assigned_consultant_id, c.updated_at, c.created_at
         FROM cases c WHERE ${whereSql} ORDER BY ${sort} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as CaseListItem[];
  return { items, whereSql, params, limit, offset };
}

/** The whole case file: the case and every row that belongs to it. */
export function showCase(core: Core, caseId: string): Row {
  const c = mustRead(core, 'cases', caseId, 'case');
  const byCase = (table: string, order = 'created_at') =>
    (core.db.prepare(`SELECT * FROM ${table} WHERE case_id = ? AND deleted_at IS NULL ORDER BY ${order}`).all(caseId) as Row[]).map((r) => fromDb(table, r)!);
  return {
    ...c,
    persons: byCase('persons'),
    family: byCase('family_members'),
    tasks: byCase('tasks', 'coalesce(due_date, created_at)'),
    checklists: byCase('checklist_instances'),
    events: byCase('case_events', 'created_at DESC'),
    communications: byCase('communications', 'created_at DESC'),
    appointments: byCase('appointments', 'scheduled_at'),
    documents: byCase('documents', 'created_at DESC'),
    invoices: byCase('invoices', 'invoice_date'),
    payments: byCase('payments', 'payment_date'),
    assignments: byCase('case_assignments'),
  };
}
