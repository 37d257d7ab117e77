/** Entry point for drizzle-kit (drizzle.postgres.config.ts): every Postgres table, spec-derived and server-only. */
import { pgTables } from './pg-schema';
export {
  auth_credentials,
  devices,
  refresh_tokens,
  sync_clients,
  security_events,
  server_audit,
  server_audit_pending,
  server_keys,
  file_keys,
  access_epochs,
  blobs,
  invitations,
  device_revocations,
  login_throttle,
  login_known_addresses,
  audit_checkpoints,
  org_sso,
  sso_logins,
  sso_identities,
  sso_sessions,
} from './pg-schema';

export const organizations = pgTables.organizations;
export const users = pgTables.users;
export const org_memberships = pgTables.org_memberships;
export const cases = pgTables.cases;
export const case_assignments = pgTables.case_assignments;
export const org_roles = pgTables.org_roles;
export const persons = pgTables.persons;
export const family_members = pgTables.family_members;
export const documents = pgTables.documents;
export const document_versions = pgTables.document_versions;
export const document_metadata = pgTables.document_metadata;
export const tasks = pgTables.tasks;
export const checklist_instances = pgTables.checklist_instances;
export const communications = pgTables.communications;
export const case_events = pgTables.case_events;
export const appointments = pgTables.appointments;
export const law_sources = pgTables.law_sources;
export const law_chunks = pgTables.law_chunks;
export const rule_proposals = pgTables.rule_proposals;
export const approved_rules = pgTables.approved_rules;
export const eligibility_assessments = pgTables.eligibility_assessments;
export const crs_calculations = pgTables.crs_calculations;
export const ai_sessions = pgTables.ai_sessions;
export const ai_messages = pgTables.ai_messages;
export const ai_actions = pgTables.ai_actions;
export const config_case_types = pgTables.config_case_types;
export const config_fields = pgTables.config_fields;
export const config_forms = pgTables.config_forms;
export const config_checklists = pgTables.config_checklists;
export const config_feature_flags = pgTables.config_feature_flags;
export const config_change_proposals = pgTables.config_change_proposals;
export const config_change_log = pgTables.config_change_log;
export const templates = pgTables.templates;
export const leads = pgTables.leads;
export const lead_activities = pgTables.lead_activities;
export const invoices = pgTables.invoices;
export const payments = pgTables.payments;
export const data_retention_policies = pgTables.data_retention_policies;
// The debt-advice pack (src-shared/debt-advice/tables.ts).
export const debt_clients = pgTables.debt_clients;
export const debt_creditors = pgTables.debt_creditors;
export const debts = pgTables.debts;
export const debt_budgets = pgTables.debt_budgets;
export const debt_budget_lines = pgTables.debt_budget_lines;
export const debt_offers = pgTables.debt_offers;
export const debt_spending_guidelines = pgTables.debt_spending_guidelines;
// Versioned configuration of case types (src-shared/config/tables.ts).
export const config_versions = pgTables.config_versions;
// Consent records (src-shared/privacy/tables.ts, issue 19).
export const consents = pgTables.consents;
// The CRM pack (src-shared/crm/tables.ts, issue 20).
export const crm_contacts = pgTables.crm_contacts;
export const crm_pipelines = pgTables.crm_pipelines;
export const crm_stages = pgTables.crm_stages;
export const crm_deals = pgTables.crm_deals;
export const crm_activities = pgTables.crm_activities;
export const crm_sla_policies = pgTables.crm_sla_policies;
export const crm_tickets = pgTables.crm_tickets;
