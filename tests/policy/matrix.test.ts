/**
 * The golden decision matrix (issue 14): every built-in role x action x subject x condition, fields
 * included, with the expected decision written by hand from the policy's stated rules (roles.ts's
 * header and the issue's defaults), not from the code's output. Then generated cases: whatever role a
 * firm defines, the rules the server packs and ships decide exactly as the laptop's unpacked copy does.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTIONS,
  BUILT_IN_ROLES,
  FACT_DOMAINS,
  Policy,
  PolicyRuleSchema,
  RESTRICTED_FIELDS,
  applyAccess,
  caseFacts,
  checkWrite,
  decide,
  fieldAccess,
  policyForRole,
  restoreMasked,
  rowAccess,
  type Facts,
  type PolicyRule,
  type RoleDef,
} from '../../src-shared/policy';
import { TABLES } from '../../src-shared/schema/tables';

const ROLE_ORDER = ['owner', 'admin', 'manager', 'consultant', 'advisor', 'staff', 'paralegal', 'trainee'] as const;

const base = { case_type: 'EXPRESS_ENTRY_FSW', case_status: 'active', access_level: 'case_team', classification: 'confidential' };
/** The conditions of the matrix: how the caller stands on the row's case. */
const SCENES: Record<string, Facts> = {
  // the case's assigned consultant (every grant)
  consultant: { ...base, as: 'consultant', grant_write: true, grant_documents: true, grant_money: true },
  // in assigned_staff (every grant)
  staff: { ...base, as: 'staff', grant_write: true, grant_documents: true, grant_money: true },
  // a grant as paralegal with default permissions: no money
  paralegal: { ...base, as: 'paralegal', grant_write: true, grant_documents: true, grant_money: false },
  // a reviewer's grant: reads and documents, no writes, no money
  reviewer: { ...base, as: 'reviewer', grant_write: false, grant_documents: true, grant_money: false },
  // not on the case at all
  none: { ...base, as: 'none', grant_write: false, grant_documents: false, grant_money: false },
};

/**
 * [action, subject, scene, field or '', extra facts, expected for owner admin manager consultant advisor
 * staff paralegal trainee]. Decisions: A allow, D deny, S needs sign-off. Fields (action 'read' with a
 * field): F full, P partial (•••••123), H hidden.
 */
type Row = [string, string, keyof typeof SCENES, string, Partial<Facts>, string];
const MATRIX: Row[] = [
  // Case rows: non-managers only on cases they are on; trainee writes wait for sign-off.
  ['read', 'cases', 'consultant', '', {}, 'AAAAAAAA'],
  ['read', 'cases', 'none', '', {}, 'AAADDDDD'],
  ['update', 'cases', 'staff', '', {}, 'AAAAAAAS'],
  ['update', 'cases', 'none', '', {}, 'AAADDDDD'],
  ['update', 'cases', 'reviewer', '', {}, 'AAADDDDD'],
  ['create', 'tasks', 'paralegal', '', {}, 'AAAAAAAS'],
  ['delete', 'tasks', 'paralegal', '', {}, 'AAAAAAAS'],
  ['read', 'tasks', 'reviewer', '', {}, 'AAAAAAAA'],
  ['update', 'tasks', 'reviewer', '', {}, 'AAADDDDD'],
  ['read', 'case_events', 'none', '', {}, 'AAADDDDD'],
  // Money: staff and up, where the grant allows money.
  ['read', 'invoices', 'staff', '', {}, 'AAAAAADD'],
  ['read', 'invoices', 'paralegal', '', {}, 'AAADDDDD'],
  ['create', 'payments', 'staff', '', {}, 'AAAAAADD'],
  ['update', 'payments', 'none', '', {}, 'AAADDDDD'],
  // Documents and their access level (children carry their document's).
  ['read', 'documents', 'reviewer', '', {}, 'AAAAAAAA'],
  ['read', 'documents', 'none', '', {}, 'AAADDDDD'],
  ['read', 'documents', 'staff', '', { grant_documents: false }, 'AAADDDDD'],
  ['read', 'documents', 'consultant', '', { access_level: 'consultant_only' }, 'AAAAADDD'],
  ['read', 'documents', 'staff', '', { access_level: 'consultant_only' }, 'AADDDDDD'],
  ['read', 'documents', 'none', '', { access_level: 'consultant_only' }, 'AADDDDDD'],
  ['read', 'documents', 'consultant', '', { access_level: 'admin_only' }, 'AADDDDDD'],
  ['read', 'document_versions', 'consultant', '', { access_level: 'admin_only' }, 'AADDDDDD'],
  ['read', 'document_metadata', 'staff', '', { access_level: 'consultant_only' }, 'AADDDDDD'],
  ['read', 'documents', 'consultant', '', { access_level: 'public' }, 'AAAAAAAA'],
  ['create', 'documents', 'staff', '', {}, 'AAAAAAAS'],
  // Restricted fields: whole for owner, admin and the case's consultant; •••••123 for the rest who
  // read the row; hidden for trainees and for a row one cannot read.
  ['read', 'persons', 'consultant', 'passport_info.number', {}, 'FFFFFPPH'],
  ['read', 'persons', 'staff', 'passport_info.number', {}, 'FFPPPPPH'],
  ['read', 'persons', 'none', 'passport_info.number', {}, 'FFPHHHHH'],
  ['read', 'persons', 'staff', 'custom_fields.sin', {}, 'FFPPPPPH'],
  ['read', 'persons', 'consultant', 'custom_fields.ni_number', {}, 'FFFFFPPH'],
  ['read', 'persons', 'staff', 'first_name', {}, 'FFFFFFFF'],
  ['read', 'persons', 'staff', 'passport_info.expiry_date', {}, 'FFFFFFFF'],
  ['update', 'persons', 'staff', 'passport_info.number', {}, 'AAAAAAAS'],
  ['reveal', 'persons', 'staff', 'passport_info.number', {}, 'AAADDDDD'],
  // Grants on a case: managers assign; a consultant delegates their own cases.
  ['create', 'case_assignments', 'consultant', '', {}, 'AAAAADDD'],
  ['create', 'case_assignments', 'staff', '', {}, 'AAADDDDD'],
  ['delegate', 'case_assignments', 'consultant', '', {}, 'AAAAADDD'],
  ['read', 'case_assignments', 'paralegal', '', {}, 'AAAAAAAA'],
  // Approvals and configuration: owner and admin only; proposals from anyone (trainee: signed off).
  ['approve', 'rule_proposals', 'none', '', {}, 'AADDDDDD'],
  ['approve', 'config_change_proposals', 'none', '', {}, 'AADDDDDD'],
  ['create', 'rule_proposals', 'none', '', {}, 'AAAAAAAS'],
  ['update', 'approved_rules', 'none', '', {}, 'AADDDDDD'],
  ['update', 'config_case_types', 'none', '', {}, 'AADDDDDD'],
  ['read', 'config_case_types', 'none', '', {}, 'AAAAAAAA'],
  ['read', 'org_memberships', 'none', '', {}, 'AAAAAAAA'],
  ['update', 'org_memberships', 'none', '', {}, 'AADDDDDD'],
  ['update', 'roles', 'none', '', {}, 'AADDDDDD'],
  ['read', 'security_events', 'none', '', {}, 'AADDDDDD'],
  ['delete', 'organizations', 'none', '', {}, 'ADDDDDDD'],
  ['update', 'organizations', 'none', '', {}, 'AADDDDDD'],
];

const LETTER = { allow: 'A', deny: 'D', needs_signoff: 'S', full: 'F', partial: 'P', hidden: 'H' } as const;

function evaluate(p: Policy, [action, subject, scene, field, extra]: Row): string {
  const facts = { ...SCENES[scene]!, ...extra };
  // A field of a row one cannot read is hidden, whatever the field's own rules say.
  if (action === 'read' && field) return LETTER[rowAccess(p, subject, facts).visible ? fieldAccess(p, subject, facts, field) : 'hidden'];
  return LETTER[decide(p, action as (typeof ACTIONS)[number], subject, facts, field || undefined)];
}

describe('golden decision matrix', () => {
  it('lists every built-in role', () => expect([...BUILT_IN_ROLES].sort()).toEqual([...ROLE_ORDER].sort()));

  for (const row of MATRIX) {
    const [action, subject, scene, field, extra, expected] = row;
    it(`${action} ${subject}${field ? `.${field}` : ''} as ${scene}${Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : ''}: ${expected}`, () => {
      const got = ROLE_ORDER.map((r) => evaluate(policyForRole(r), row)).join('');
      expect(got).toBe(expected);
    });
  }

  it('covers every built-in role, action family and fact key the policy uses', () => {
    const actions = new Set(MATRIX.map((r) => r[0]));
    for (const a of ['read', 'create', 'update', 'delete', 'approve', 'reveal', 'delegate']) expect(actions).toContain(a);
    const scenes = new Set(MATRIX.map((r) => r[2]));
    expect([...scenes].sort()).toEqual(Object.keys(SCENES).sort());
  });
});

describe('what the matrix rests on', () => {
  const U = '11111111-1111-4111-8111-111111111111';
  const c = { assigned_consultant_id: null, assigned_staff: [], case_type: 'X', status: 'active' };
  it('a grant counts from valid_from until expires_at and not once removed (revocation by time or edit)', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const g = { user_id: U, role: 'staff', permissions: {} };
    expect(caseFacts(U, c, [{ ...g, expires_at: '2026-07-01T00:00:00Z' }], now).as).toBe('staff');
    expect(caseFacts(U, c, [{ ...g, expires_at: '2026-05-31T23:59:59Z' }], now).as).toBe('none');
    expect(caseFacts(U, c, [{ ...g, valid_from: '2026-06-02T00:00:00Z' }], now).as).toBe('none');
    expect(caseFacts(U, c, [{ ...g, deleted_at: '2026-05-01T00:00:00Z' }], now).as).toBe('none');
    expect(caseFacts(U, c, [{ ...g, role: 'paralegal' }], now)).toMatchObject({ as: 'paralegal', grant_money: false, grant_write: true });
    expect(caseFacts(U, c, [{ ...g, permissions: { money: false, documents: false } }], now)).toMatchObject({ grant_money: false, grant_documents: false });
    expect(caseFacts(U, { ...c, assigned_consultant_id: U }, [], now)).toMatchObject({ as: 'consultant', grant_money: true });
  });

  it('masks as •••••123 and never hands a hidden key on; a masked value sent back is restored, a new one kept', () => {
    const row = { first_name: 'Amara', passport_info: { number: 'AB1234567', expiry_date: '2030-01-01' }, custom_fields: { sin: '046454286' } };
    const staff = applyAccess('persons', row, { 'passport_info.number': 'partial', 'custom_fields.sin': 'hidden' });
    expect(staff).toEqual({ first_name: 'Amara', passport_info: { number: '•••••567', expiry_date: '2030-01-01' }, custom_fields: {} });
    expect(JSON.stringify(staff)).not.toContain('AB1234567');
    const access = { 'passport_info.number': 'partial', 'custom_fields.sin': 'hidden' } as const;
    const edited = { passport_info: { number: '•••••567', expiry_date: '2031-01-01' }, custom_fields: { note: 'x' } };
    expect(restoreMasked('persons', edited, row, access)).toEqual({
      passport_info: { number: 'AB1234567', expiry_date: '2031-01-01' },
      custom_fields: { note: 'x', sin: '046454286' },
    });
    const replaced = { passport_info: { number: 'ZZ9999999', expiry_date: '2030-01-01' } };
    expect(restoreMasked('persons', replaced, row, access)).toEqual(replaced);
  });

  it('a trainee write is a sign-off, a refused field names itself', () => {
    expect(checkWrite(policyForRole('trainee'), 'update', 'tasks', SCENES.staff!, ['title'])).toMatchObject({ decision: 'needs_signoff' });
    expect(checkWrite(policyForRole('paralegal'), 'update', 'invoices', SCENES.staff!, ['notes'])).toMatchObject({ decision: 'deny' });
    const custom = policyForRole(
      'notes_only',
      new Map([['notes_only', { key: 'notes_only', inherits: 'staff', remove: [{ action: 'update', subject: 'tasks', fields: ['due_date'] }] } as RoleDef]]),
    );
    expect(checkWrite(custom, 'update', 'tasks', SCENES.staff!, ['title'])).toEqual({ decision: 'allow' });
    expect(checkWrite(custom, 'update', 'tasks', SCENES.staff!, ['title', 'due_date'])).toEqual({ decision: 'deny', reason: 'may not update tasks.due_date' });
  });

  it('refuses rules that name unknown facts, subjects or operators', () => {
    expect(PolicyRuleSchema.safeParse({ action: 'read', subject: 'persons', conditions: { as: 'consultant' } }).success).toBe(true);
    expect(PolicyRuleSchema.safeParse({ action: 'read', subject: 'persons', conditions: { first_name: 'x' } }).success).toBe(false);
    expect(PolicyRuleSchema.safeParse({ action: 'read', subject: 'nope' }).success).toBe(false);
    expect(PolicyRuleSchema.safeParse({ action: 'read', subject: 'persons', conditions: { as: { $regex: '.*' } } }).success).toBe(false);
  });
});

// ---- generated: the server's packed rules decide on the laptop exactly as on the server ----

const caseTables = Object.values(TABLES)
  .filter((t) => t.scope !== 'local')
  .map((t) => t.name);
const arbFacts: fc.Arbitrary<Facts> = fc.record({
  as: fc.constantFrom(...(FACT_DOMAINS.as as Facts['as'][])),
  grant_write: fc.boolean(),
  grant_documents: fc.boolean(),
  grant_money: fc.boolean(),
  case_type: fc.constantFrom('EXPRESS_ENTRY_FSW', 'STUDY_PERMIT', null),
  case_status: fc.constantFrom('draft', 'active', 'closed', null),
  access_level: fc.constantFrom(...(FACT_DOMAINS.access_level as string[])),
  classification: fc.constantFrom(...(FACT_DOMAINS.classification as string[])),
});
const arbField = fc.constantFrom('', 'first_name', 'email', 'passport_info.number', 'custom_fields.sin', 'notes', 'status', 'total_amount');
const arbCondition = fc.oneof(
  fc.record({ as: fc.constantFrom('consultant', 'staff', { $ne: 'none' }, { $in: ['staff', 'paralegal'] }) }),
  fc.record({ case_status: fc.constantFrom('draft', 'closed', { $nin: ['closed'] }) }),
  fc.record({ case_type: fc.constantFrom('STUDY_PERMIT', { $in: ['EXPRESS_ENTRY_FSW'] }) }),
  fc.record({ classification: fc.constantFrom('restricted', { $ne: 'public' }) }),
  fc.record({ grant_money: fc.boolean(), access_level: fc.constantFrom('admin_only', 'case_team') }),
);
const arbRule: fc.Arbitrary<PolicyRule> = fc.record(
  {
    action: fc.constantFrom(...ACTIONS),
    subject: fc.constantFrom(...caseTables.slice(0, 12), 'all'),
    fields: fc.constantFrom(['passport_info.number'], ['email', 'first_name'], ['notes'], ['total_amount']),
    conditions: arbCondition,
    reason: fc.constantFrom('needs_signoff', 'firm policy'),
  },
  { requiredKeys: ['action', 'subject'] },
);
const arbRole: fc.Arbitrary<RoleDef> = fc.record({
  key: fc.constantFrom('custom_a', 'staff', 'consultant'),
  inherits: fc.constantFrom(...BUILT_IN_ROLES),
  add: fc.array(arbRule, { maxLength: 6 }),
  remove: fc.array(arbRule, { maxLength: 4 }),
  supervised: fc.boolean(),
});

/** What the server does for a member: compile their role in the firm and pack it for the wire. */
const serverShips = (def: RoleDef): { server: Policy; wire: string } => {
  const server = policyForRole(def.key, new Map([[def.key, def]]));
  return { server, wire: JSON.stringify(server.pack()) };
};

describe('laptop and server agree (generated)', () => {
  it('every generated rule is one the validator accepts (the generator stays inside the vocabulary)', () => {
    fc.assert(fc.property(arbRule, (r) => PolicyRuleSchema.safeParse(r).success));
  });

  it('the laptop, unpacking what the server shipped, decides every action, field and mask as the server does', () => {
    fc.assert(
      fc.property(
        arbRole,
        fc.array(fc.tuple(fc.constantFrom(...ACTIONS), fc.constantFrom(...caseTables), arbFacts, arbField), { minLength: 1, maxLength: 20 }),
        (def, asks) => {
          const { server, wire } = serverShips(def);
          const laptop = Policy.fromPacked(JSON.parse(wire));
          for (const [action, table, facts, field] of asks) {
            expect(decide(laptop, action, table, facts, field || undefined)).toBe(decide(server, action, table, facts, field || undefined));
            if (field) expect(fieldAccess(laptop, table, facts, field)).toBe(fieldAccess(server, table, facts, field));
            expect(rowAccess(laptop, table, facts)).toEqual(rowAccess(server, table, facts));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('built-in roles: the restricted defaults hold for any facts (only owner, admin and a consultant-level role on its own case see whole)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUILT_IN_ROLES), arbFacts, fc.constantFrom(...RESTRICTED_FIELDS.persons!), (role, facts, field) => {
        const a = rowAccess(policyForRole(role), 'persons', facts).fields[field];
        const whole = role === 'owner' || role === 'admin' || (['manager', 'consultant', 'advisor'].includes(role) && facts.as === 'consultant');
        expect(a === 'full').toBe(whole);
      }),
      { numRuns: 500 },
    );
  });
});
