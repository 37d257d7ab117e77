/**
 * Debt-advice client details on a case (debt_clients, one row per case), creditors of the org's
 * directory, and the case's debts. Every write goes through core/writer.ts (row + outbox + audit in one
 * transaction); bad input is refused before anything is written. The NI number and account references
 * are masked in every answer unless the caller asks to reveal them.
 */
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import {
  CHILD_AGE_BANDS,
  CONTACT_METHODS,
  DEBT_TYPE_NAMES,
  EMPLOYMENT_STATUSES,
  HOUSING_TENURES,
  VULNERABILITY_FLAGS,
  ClassificationError,
  MoneyError,
  classifyDebt,
  formatPence,
  maskNiNumber,
  normaliseNiNumber,
  parsePence,
  type DebtType,
} from '../../src-shared/debt-advice';
import { ENFORCEMENT_STAGES } from '../../src-shared/debt-advice/tables';
import { describeIssues } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';

export const clientInput = z
  .strictObject({
    personId: z.string().uuid().optional(),
    niNumber: z.string().max(20).nullable().optional(),
    adults: z.number().int().min(1).max(20).optional(),
    childrenByAge: z.partialRecord(z.enum(CHILD_AGE_BANDS), z.number().int().min(0).max(20)).optional(),
    dependants: z.number().int().min(0).max(30).optional(),
    nonDependants: z.number().int().min(0).max(30).optional(),
    employment: z.enum(EMPLOYMENT_STATUSES).optional(),
    tenure: z.enum(HOUSING_TENURES).optional(),
    vulnerability: z
      .strictObject({ flags: z.array(z.enum(VULNERABILITY_FLAGS)).max(VULNERABILITY_FLAGS.length), consent: z.boolean().nullable() })
      .refine((v) => v.flags.length === 0 || v.consent !== null, "vulnerability flags need the client's consent recorded (true or false)")
      .optional(),
    preferredContact: z.enum(CONTACT_METHODS).optional(),
  })
  .refine((v) => v.vulnerability === undefined || v.vulnerability.consent !== false || v.vulnerability.flags.length === 0, {
    message: 'the client refused consent: vulnerability flags cannot be recorded (record none, with the assessment)',
  });
export type ClientInput = z.infer<typeof clientInput>;

export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new UserError('invalid_input', `${what}: ${describeIssues(r.error.issues)}`);
  return r.data;
}

export function money(text: unknown, what: string): number {
  try {
    return parsePence(text as string, what);
  } catch (e) {
    if (e instanceof MoneyError) throw new UserError('invalid_input', e.message);
    throw e;
  }
}

export function debtCase(core: Core, caseId: string): Row {
  const c = mustRead(core, 'cases', caseId, 'case');
  if (c.case_type !== 'DEBT_ADVICE') throw new UserError('invalid_input', `case ${c.case_number} is a ${c.case_type} case, not a debt-advice case`);
  return c;
}

export const clientOf = (core: Core, caseId: string): Row | undefined => rows(core, 'debt_clients', 'case_id = ?', [caseId])[0];

/** A client row as shown: the NI number masked unless revealed. */
export function showClient(row: Row | undefined, reveal = false) {
  if (!row) return null;
  return { ...row, ni_number: reveal ? row.ni_number : maskNiNumber(row.ni_number as string | null) };
}

export function setClient(core: Core, caseId: string, raw: unknown, reveal = false) {
  const c = debtCase(core, caseId);
  const i = parseInput(clientInput, raw, 'client');
  const fields: Record<string, unknown> = {};
  if (i.personId !== undefined) {
    const p = mustRead(core, 'persons', i.personId, 'person');
    if (p.case_id !== c.id) throw new UserError('invalid_input', 'the person is not on this case');
    fields.person_id = p.id;
  }
  if (i.niNumber !== undefined) {
    const ni = i.niNumber === null || i.niNumber === '' ? null : normaliseNiNumber(i.niNumber);
    if (i.niNumber && !ni) throw new UserError('invalid_input', 'niNumber is not a national insurance number (two letters, six digits, A-D)');
    fields.ni_number = ni;
  }
  if (i.adults !== undefined) fields.household_adults = i.adults;
  if (i.childrenByAge !== undefined) fields.children_by_age = i.childrenByAge;
  if (i.dependants !== undefined) fields.dependants = i.dependants;
  if (i.nonDependants !== undefined) fields.non_dependants = i.nonDependants;
  if (i.employment !== undefined) fields.employment_status = i.employment;
  if (i.tenure !== undefined) fields.housing_tenure = i.tenure;
  if (i.preferredContact !== undefined) fields.preferred_contact = i.preferredContact;
  if (i.vulnerability !== undefined) {
    const now = new Date().toISOString();
    fields.vulnerability_flags = i.vulnerability.flags;
    fields.vulnerability_consent = i.vulnerability.consent;
    fields.vulnerability_consent_at = i.vulnerability.consent === null ? null : now;
    fields.vulnerability_assessed_at = now;
  }
  const existing = clientOf(core, c.id as string);
  const row = existing
    ? write(core, { table: 'debt_clients', op: 'update', id: existing.id as string, fields, description: 'debt-advice client details' })
    : write(core, { table: 'debt_clients', op: 'insert', fields: { case_id: c.id, ...fields }, description: 'debt-advice client details' });
  return showClient(row, reveal);
}

export const creditorInput = z.strictObject({
  name: z.string().trim().min(1).max(255),
  type: z.string().max(50).optional(),
  address: z.strictObject({ lines: z.array(z.string().max(200)).max(6), postcode: z.string().max(12).optional() }).optional(),
  email: z.string().email().max(255).optional(),
  phone: z.string().max(30).optional(),
  referenceFormat: z.string().max(100).optional(),
  acceptsSfs: z.boolean().optional(),
});

export function addCreditor(core: Core, raw: unknown): Row {
  const i = parseInput(creditorInput, raw, 'creditor');
  return write(core, {
    table: 'debt_creditors',
    op: 'insert',
    fields: {
      name: i.name,
      creditor_type: i.type ?? null,
      address: i.address ?? {},
      email: i.email ?? null,
      phone: i.phone ?? null,
      reference_format: i.referenceFormat ?? null,
      accepts_sfs: i.acceptsSfs ?? false,
    },
  });
}

export const listCreditors = (core: Core): Row[] => rows(core, 'debt_creditors', 'org_id = ?', [core.actor.orgId], { orderBy: 'name' });

export const debtInput = z.strictObject({
  creditorId: z.string().uuid().optional(),
  type: z.enum(DEBT_TYPE_NAMES as [DebtType, ...DebtType[]]),
  balance: z.union([z.string(), z.number()]),
  arrears: z.union([z.string(), z.number()]).optional(),
  contractualPayment: z.union([z.string(), z.number()]).optional(),
  arrearsOffer: z.union([z.string(), z.number()]).optional(),
  priorityOverride: z.strictObject({ priority: z.boolean(), reason: z.string().max(1000) }).optional(),
  ccj: z.boolean().optional(),
  interestFrozen: z.boolean().optional(),
  enforcementStage: z.enum(ENFORCEMENT_STAGES).optional(),
  accountReference: z.string().max(100).optional(),
  joint: z.boolean().optional(),
});

const maskRef = (s: unknown) => (typeof s === 'string' && s.length > 0 ? `${'•'.repeat(Math.max(0, s.length - 4))}${s.slice(-4)}` : null);
export const showDebt = (d: Row, reveal = false): Row => ({ ...d, account_reference: reveal ? d.account_reference : maskRef(d.account_reference) });

export function addDebt(core: Core, caseId: string, raw: unknown, reveal = false): Row & { classification: ReturnType<typeof classifyDebt> } {
  const c = debtCase(core, caseId);
  const i = parseInput(debtInput, raw, 'debt');
  const balance = money(i.balance, 'balance');
  const nonNegative = (p: number, what: string) => {
    if (p < 0) throw new UserError('invalid_input', `${what} must not be negative`);
    return formatPence(p);
  };
  let cls;
  try {
    cls = classifyDebt(i.type, i.priorityOverride);
  } catch (e) {
    if (e instanceof ClassificationError) throw new UserError('invalid_input', e.message);
    throw e;
  }
  if (i.creditorId) mustRead(core, 'debt_creditors', i.creditorId, 'creditor');
  const d = write(core, {
    table: 'debts',
    op: 'insert',
    fields: {
      case_id: c.id,
      creditor_id: i.creditorId ?? null,
      debt_type: i.type,
      balance: nonNegative(balance, 'balance'),
      arrears: nonNegative(money(i.arrears ?? '0', 'arrears'), 'arrears'),
      contractual_payment: i.contractualPayment === undefined ? null : nonNegative(money(i.contractualPayment, 'contractualPayment'), 'contractualPayment'),
      arrears_offer: i.arrearsOffer === undefined ? null : nonNegative(money(i.arrearsOffer, 'arrearsOffer'), 'arrearsOffer'),
      is_priority: cls.priority,
      priority_override_reason: cls.source === 'override' ? cls.reason : null,
      ccj: i.ccj ?? false,
      interest_frozen: i.interestFrozen ?? false,
      enforcement_stage: i.enforcementStage ?? 'none',
      account_reference: i.accountReference ?? null,
      joint: i.joint ?? false,
    },
  });
  return { ...showDebt(d, reveal), classification: cls };
}

export const debtsOf = (core: Core, caseId: string): Row[] => rows(core, 'debts', "case_id = ? AND status = 'active'", [caseId], { orderBy: 'created_at' });
