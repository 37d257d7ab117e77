/**
 * The privacy domain's table (issue 19), in the vocabulary of src-shared/schema; schema/tables.ts appends
 * this list. A consent is one person's agreement to one purpose under one version of its text: when, by
 * whom it was recorded, how, and when it was withdrawn (a withdrawal never deletes the record: it is the
 * evidence). Where a purpose needs consent (sharing with a creditor, marketing) the services ask
 * hasConsent (src-shared/privacy/consent.ts) first.
 * This module imports only the column builders: tables.ts imports it, so importing it back would be a cycle.
 */
import { plain, text, timestamp, uuid, type ColumnSpec } from '../schema/columns';
import type { TableSpec } from '../schema/tables';

/** Purposes a practice asks consent for (PIPEDA, Law 25, GDPR art. 6(1)(a) and 7). */
export const CONSENT_PURPOSES = ['case_processing', 'share_with_creditor', 'share_with_authority', 'share_with_third_party', 'marketing', 'research'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_METHODS = ['written', 'electronic', 'verbal'] as const;

const caseTeam = ['owner', 'admin', 'consultant', 'staff', 'paralegal', 'manager', 'advisor'] as const;

function t(spec: TableSpec): TableSpec {
  const columns: Record<string, ColumnSpec> = {};
  for (const [k, v] of Object.entries(spec.columns)) columns[k] = plain(v);
  return { ...spec, columns };
}

export const PRIVACY_TABLES: TableSpec[] = [
  t({
    name: 'consents',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment:
      "Issue 19: one person's consent to one purpose under one version of its text. Withdrawn by setting withdrawn_at (the record stays as evidence); recorded_by and withdrawn_by are the users who recorded each.",
    columns: {
      case_id: uuid().refs('cases'),
      person_id: uuid().notNullable().refs('persons'),
      purpose: text(50).notNullable().oneOf(CONSENT_PURPOSES),
      text_version: text(50).notNullable(),
      method: text(20).notNullable().withDefault('written').oneOf(CONSENT_METHODS),
      granted_at: timestamp().notNullable(),
      recorded_by: uuid(),
      withdrawn_at: timestamp(),
      withdrawn_by: uuid(),
      notes: text(),
    },
    indexes: [['case_id'], ['person_id', 'purpose']],
  }),
];
