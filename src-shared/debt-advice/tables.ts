/**
 * The debt-advice pack's tables, in the vocabulary of src-shared/schema (the one spec from which the
 * SQLite and Postgres schemas, the validators and sync are built); schema/tables.ts appends this list.
 * Case tables are scoped by case_id like every case table (visible to the case team, synced with the
 * case); the creditor directory and spending guidelines are org reference data.
 *
 * Money columns are decimals (exact strings on the wire); the services compute in whole pence.
 * This module imports only the column builders and the pack's own lists: tables.ts imports it, so a
 * value import back from tables.ts would be a cycle.
 */
import { bool, date, decimal, int, json, plain, text, timestamp, uuid, type ColumnSpec } from '../schema/columns';
import type { TableSpec } from '../schema/tables';
import { CONTACT_METHODS, EMPLOYMENT_STATUSES, HOUSING_TENURES } from './client';
import { FREQUENCIES } from './frequency';
import { DEBT_TYPE_NAMES } from './priority';
import { CATEGORIES, FLEXIBLE_CATEGORIES } from './sfs';
import { SOLUTION_STATUSES, STATEMENT_STATUSES } from './supervision';

const caseTeam = ['owner', 'admin', 'consultant', 'staff', 'paralegal'] as const;
const managers = ['owner', 'admin'] as const;
const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export const ENFORCEMENT_STAGES = [
  'none',
  'default_notice',
  'debt_collector',
  'ccj',
  'enforcement_agent',
  'attachment_of_earnings',
  'charging_order',
  'possession_proceedings',
  'committal',
] as const;
export const DEBT_STATUSES = ['active', 'paid', 'written_off', 'in_solution'] as const;
export const OFFER_STATUSES = ['proposed', 'sent', 'accepted', 'rejected', 'withdrawn'] as const;

function t(spec: TableSpec): TableSpec {
  const columns: Record<string, ColumnSpec> = {};
  for (const [k, v] of Object.entries(spec.columns)) columns[k] = plain(v);
  return { ...spec, columns };
}

export const DEBT_ADVICE_TABLES: TableSpec[] = [
  t({
    name: 'debt_clients',
    scope: 'case',
    draftsUntilSignedOff: true,
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment:
      'Seed 001 clients, the debt-advice part (the name, address and date of birth stay on persons). ni_number is restricted personal data: data_classification defaults to restricted and every output masks it unless asked. One row per case.',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      person_id: uuid().refs('persons'),
      ni_number: text(9),
      household_adults: int().withDefault(1),
      children_by_age: json().withDefault({}),
      dependants: int().withDefault(0),
      non_dependants: int().withDefault(0),
      employment_status: text(50).oneOf(EMPLOYMENT_STATUSES),
      housing_tenure: text(50).oneOf(HOUSING_TENURES),
      vulnerability_flags: json().withDefault([]),
      vulnerability_consent: bool(),
      vulnerability_consent_at: timestamp(),
      vulnerability_assessed_at: timestamp(),
      preferred_contact: text(20).oneOf(CONTACT_METHODS),
      recommended_solution: text(50),
      solution_status: text(30).withDefault('none').oneOf(SOLUTION_STATUSES),
      solution_recommended_by: uuid(),
      solution_signed_off_by: uuid(),
      solution_signed_off_at: timestamp(),
      data_classification: text(20).withDefault('restricted').oneOf(CLASSIFICATIONS),
    },
    unique: [['case_id']],
    indexes: [['person_id']],
  }),
  t({
    name: 'debt_creditors',
    scope: 'org',
    writableBy: caseTeam,
    comment: 'Seed 001 creditors as an org directory (not per case): address, account reference format, whether they accept the Standard Financial Statement.',
    columns: {
      name: text(255).notNullable(),
      creditor_type: text(50),
      address: json().withDefault({}),
      email: text(255),
      phone: text(30),
      reference_format: text(100),
      accepts_sfs: bool().withDefault(false),
      notes: text(),
    },
    unique: [['org_id', 'name']],
  }),
  t({
    name: 'debts',
    scope: 'case',
    draftsUntilSignedOff: true,
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment:
      'Seed 001 creditors per case, as debts owed to a directory creditor. is_priority is derived from debt_type unless priority_override_reason says why not; arrears_offer is the monthly arrears payment agreed on a priority debt.',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      creditor_id: uuid().refs('debt_creditors'),
      debt_type: text(50).notNullable().oneOf(DEBT_TYPE_NAMES),
      balance: decimal().notNullable(),
      arrears: decimal().withDefault('0'),
      contractual_payment: decimal(),
      arrears_offer: decimal(),
      is_priority: bool().notNullable(),
      priority_override_reason: text(1000),
      ccj: bool().withDefault(false),
      interest_frozen: bool().withDefault(false),
      enforcement_stage: text(50).withDefault('none').oneOf(ENFORCEMENT_STAGES),
      account_reference: text(100),
      joint: bool().withDefault(false),
      status: text(30).withDefault('active').oneOf(DEBT_STATUSES),
    },
    indexes: [['case_id'], ['creditor_id']],
  }),
  t({
    name: 'debt_budgets',
    scope: 'case',
    draftsUntilSignedOff: true,
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment:
      "Seed 001 budget_sheets as a Standard Financial Statement: its lines are in debt_budget_lines; totals are stored as computed from them (the service recomputes on every change). A trainee's finalised statement waits in awaiting_signoff.",
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      budget_date: date().notNullable(),
      status: text(30).notNullable().withDefault('draft').oneOf(STATEMENT_STATUSES),
      household_adults: int(),
      household_children: int(),
      total_income: decimal().withDefault('0'),
      total_expenditure: decimal().withDefault('0'),
      surplus: decimal().withDefault('0'),
      finalised_by: uuid(),
      finalised_at: timestamp(),
      signed_off_by: uuid(),
      signed_off_at: timestamp(),
      notes: text(),
    },
    indexes: [['case_id', 'budget_date']],
  }),
  t({
    name: 'debt_budget_lines',
    scope: 'case',
    draftsUntilSignedOff: true,
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'One line of a budget: SFS category, amount and frequency as typed, and its monthly equivalent rounded to the penny (frequency.ts).',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      budget_id: uuid().notNullable().refs('debt_budgets'),
      category: text(50).notNullable().oneOf(CATEGORIES),
      label: text(255).notNullable(),
      amount: decimal().notNullable(),
      frequency: text(20).notNullable().oneOf(FREQUENCIES),
      monthly: decimal().notNullable(),
      note: text(2000),
      display_order: int().withDefault(0),
    },
    indexes: [['budget_id']],
  }),
  t({
    name: 'debt_offers',
    scope: 'case',
    draftsUntilSignedOff: true,
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Monthly offers to non-priority creditors made from a budget: pro rata (basis holds the exact share) or token.',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      budget_id: uuid().refs('debt_budgets'),
      debt_id: uuid().notNullable().refs('debts'),
      amount: decimal().notNullable(),
      is_token: bool().withDefault(false),
      status: text(30).withDefault('proposed').oneOf(OFFER_STATUSES),
      basis: json().withDefault({}),
    },
    indexes: [['case_id'], ['debt_id']],
  }),
  t({
    name: 'debt_spending_guidelines',
    scope: 'org',
    writableBy: managers,
    comment:
      'Spending guidelines for the SFS flexible costs, imported by an org from CSV (guidelines.ts documents the format); the licensed figures are never shipped.',
    columns: {
      guideline_set: text(255).notNullable(),
      effective_from: date().notNullable(),
      effective_until: date(),
      adults: int().notNullable(),
      children: int().notNullable(),
      category: text(50).notNullable().oneOf(FLEXIBLE_CATEGORIES),
      monthly_amount: decimal().notNullable(),
    },
    unique: [['org_id', 'guideline_set', 'effective_from', 'adults', 'children', 'category']],
  }),
];
