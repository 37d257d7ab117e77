/**
 * System reference rows (seed 000 §10.1 and §8.2) that every vault and every server holds under the
 * system org. Ids are fixed so a laptop and the server agree on them without syncing them.
 */
import { SYSTEM_ORG_ID } from './tables';

const sysId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const EPOCH = '2025-01-01T00:00:00.000Z';

export const SYSTEM_ORG = {
  id: SYSTEM_ORG_ID,
  name: 'Casework system defaults',
  type: 'system',
};

export interface SeedRow {
  table: string;
  row: Record<string, unknown>;
}

const caseTypes: Array<[string, string, string, string]> = [
  ['EXPRESS_ENTRY_FSW', 'Express Entry - Federal Skilled Worker', 'Federal Skilled Worker Program through Express Entry', 'express_entry'],
  ['EXPRESS_ENTRY_CEC', 'Express Entry - Canadian Experience Class', 'Canadian Experience Class through Express Entry', 'express_entry'],
  ['STUDY_PERMIT', 'Study Permit', 'Study Permit for international students', 'temporary_residence'],
  ['WORK_PERMIT', 'Work Permit', 'Work Permit for temporary workers', 'temporary_residence'],
  ['BC_PNP_TECH', 'BC PNP Tech Pilot', 'British Columbia Provincial Nominee Program - Tech Pilot', 'provincial_nominee'],
  // Domain packs beyond immigration are configuration, not forks.
  ['DEBT_ADVICE', 'Debt advice', 'Debt advice case: budget sheet, creditors and a debt solution', 'debt_advice'],
  ['HOME_CARE', 'Home care', 'Home-care client: care plan, visits and billable services', 'home_care'],
];

export const CASE_TYPE_IDS: Record<string, string> = Object.fromEntries(caseTypes.map(([code], i) => [code, sysId(0x100 + i)]));

const item = (key: string, label: string, documentType?: string) => ({ key, label, required: true, ...(documentType ? { documentType } : {}) });

const expressEntryDocs = [
  item('passport', 'Valid passport (all pages)', 'passport'),
  item('language_test', 'Language test results (IELTS/CELPIP/PTE/TEF/TCF), less than 2 years old', 'language_test'),
  item('eca', 'Educational Credential Assessment (ECA) report', 'eca'),
  item('work_reference', 'Reference letters for every qualifying job', 'employment_letter'),
  item('proof_of_funds', 'Proof of settlement funds', 'bank_statement'),
  item('police_certificate', 'Police certificates (each country lived in 6+ months since 18)', 'police_certificate'),
  item('medical', 'Immigration medical exam confirmation', 'medical'),
  item('photo', 'Digital photo to IRCC specifications', 'photo'),
];

const checklists: Array<[string, string, string, ReturnType<typeof item>[]]> = [
  ['EXPRESS_ENTRY_FSW', 'documents', 'Express Entry (FSW) document checklist', expressEntryDocs],
  ['EXPRESS_ENTRY_CEC', 'documents', 'Express Entry (CEC) document checklist', expressEntryDocs.filter((i) => i.key !== 'proof_of_funds')],
  [
    'STUDY_PERMIT',
    'documents',
    'Study permit document checklist',
    [
      item('passport', 'Valid passport', 'passport'),
      item('loa', 'Letter of acceptance from a DLI', 'letter_of_acceptance'),
      item('pal', 'Provincial attestation letter (PAL)', 'pal'),
      item('proof_of_funds', 'Proof of financial support', 'bank_statement'),
      item('sop', 'Study plan / statement of purpose', 'study_plan'),
    ],
  ],
  [
    'WORK_PERMIT',
    'documents',
    'Work permit document checklist',
    [
      item('passport', 'Valid passport', 'passport'),
      item('job_offer', 'Job offer / employment contract', 'employment_contract'),
      item('lmia', 'LMIA or offer of employment number', 'lmia'),
      item('resume', 'Resume / CV', 'resume'),
    ],
  ],
  [
    'BC_PNP_TECH',
    'documents',
    'BC PNP Tech document checklist',
    [
      item('passport', 'Valid passport', 'passport'),
      item('job_offer', 'Tech job offer from a BC employer', 'employment_contract'),
      item('language_test', 'Language test results', 'language_test'),
    ],
  ],
  [
    'DEBT_ADVICE',
    'intake',
    'Debt advice intake',
    [
      item('id', 'Proof of identity', 'identity'),
      item('income', 'Proof of income (last 3 months)', 'bank_statement'),
      item('creditor_letters', 'Letters from every creditor', 'creditor_letter'),
      item('budget', 'Completed budget sheet'),
    ],
  ],
  [
    'HOME_CARE',
    'onboarding',
    'Home-care onboarding',
    [
      item('care_plan', 'Signed care plan', 'care_plan'),
      item('consent', 'Consent to care and data processing', 'consent'),
      item('emergency_contact', 'Emergency contact confirmed'),
    ],
  ],
];

const templates: Array<[string, string, string]> = [
  [
    'email',
    'Welcome Email',
    'Dear {{client_name}},\n\nWelcome to our immigration services. Your case number is {{case_number}}. We will be in touch about next steps.\n',
  ],
  ['email', 'Document Request', 'Dear {{client_name}},\n\nWe need the following documents for case {{case_number}}:\n{{document_list}}\n'],
  ['document', 'Service Agreement', 'This agreement outlines the services {{firm_name}} will provide to {{client_name}} for case {{case_number}}.\n'],
];

// Seed 000 §8.2: table, retention, archive after, delete after (days).
const retention: Array<[string, number, number, number]> = [
  ['audit_log', 2555, 365, 2555],
  ['cases', 2555, 1095, 2555],
  ['documents', 2555, 1095, 2555],
  ['communications', 1095, 365, 1095],
  ['ai_sessions', 365, 90, 365],
  ['leads', 1095, 365, 1095],
];

function base(id: string) {
  return { id, org_id: SYSTEM_ORG_ID, version: 0, created_at: EPOCH, updated_at: EPOCH, updated_by: null, deleted_at: null };
}

export const SYSTEM_ROWS: SeedRow[] = [
  ...caseTypes.map(([code, label, description, category]) => ({
    table: 'config_case_types',
    row: { ...base(CASE_TYPE_IDS[code]), code, label, description, category, config: {}, is_active: true, is_system_default: true },
  })),
  ...checklists.map(([type, key, label, items], i) => ({
    table: 'config_checklists',
    row: { ...base(sysId(0x200 + i)), case_type_id: CASE_TYPE_IDS[type], checklist_key: key, label, items, is_active: true },
  })),
  ...templates.map(([template_type, name, content], i) => ({
    table: 'templates',
    row: {
      ...base(sysId(0x300 + i)),
      template_type,
      name,
      content,
      variables: [...new Set(content.match(/{{\w+}}/g) ?? [])].map((v) => v.slice(2, -2)),
      is_system_default: true,
      is_active: true,
      template_version: 1,
    },
  })),
  ...retention.map(([table_name, retention_period_days, archive_after_days, delete_after_days], i) => ({
    table: 'data_retention_policies',
    row: { ...base(sysId(0x400 + i)), table_name, retention_period_days, archive_after_days, delete_after_days, is_active: true },
  })),
];
