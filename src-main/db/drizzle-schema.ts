/** Entry point for drizzle-kit (drizzle.sqlite.config.ts): every SQLite table, spec-derived and local. */
import { sqliteTables } from './sqlite-schema';
export * from './local-schema';

export const organizations = sqliteTables.organizations;
export const users = sqliteTables.users;
export const org_memberships = sqliteTables.org_memberships;
export const cases = sqliteTables.cases;
export const case_assignments = sqliteTables.case_assignments;
export const org_roles = sqliteTables.org_roles;
export const persons = sqliteTables.persons;
export const family_members = sqliteTables.family_members;
export const documents = sqliteTables.documents;
export const document_versions = sqliteTables.document_versions;
export const document_metadata = sqliteTables.document_metadata;
export const tasks = sqliteTables.tasks;
export const checklist_instances = sqliteTables.checklist_instances;
export const communications = sqliteTables.communications;
export const case_events = sqliteTables.case_events;
export const appointments = sqliteTables.appointments;
export const law_sources = sqliteTables.law_sources;
export const law_chunks = sqliteTables.law_chunks;
export const rule_proposals = sqliteTables.rule_proposals;
export const approved_rules = sqliteTables.approved_rules;
export const eligibility_assessments = sqliteTables.eligibility_assessments;
export const crs_calculations = sqliteTables.crs_calculations;
export const ai_sessions = sqliteTables.ai_sessions;
export const ai_messages = sqliteTables.ai_messages;
export const ai_actions = sqliteTables.ai_actions;
export const config_case_types = sqliteTables.config_case_types;
export const config_fields = sqliteTables.config_fields;
export const config_forms = sqliteTables.config_forms;
export const config_checklists = sqliteTables.config_checklists;
export const config_feature_flags = sqliteTables.config_feature_flags;
export const config_change_proposals = sqliteTables.config_change_proposals;
export const config_change_log = sqliteTables.config_change_log;
export const templates = sqliteTables.templates;
export const leads = sqliteTables.leads;
export const lead_activities = sqliteTables.lead_activities;
export const invoices = sqliteTables.invoices;
export const payments = sqliteTables.payments;
export const data_retention_policies = sqliteTables.data_retention_policies;
export const audit_log = sqliteTables.audit_log;
// The debt-advice pack (src-shared/debt-advice/tables.ts).
export const debt_clients = sqliteTables.debt_clients;
export const debt_creditors = sqliteTables.debt_creditors;
export const debts = sqliteTables.debts;
export const debt_budgets = sqliteTables.debt_budgets;
export const debt_budget_lines = sqliteTables.debt_budget_lines;
export const debt_offers = sqliteTables.debt_offers;
export const debt_spending_guidelines = sqliteTables.debt_spending_guidelines;
// Versioned configuration of case types (src-shared/config/tables.ts).
export const config_versions = sqliteTables.config_versions;
// Consent records (src-shared/privacy/tables.ts, issue 19).
export const consents = sqliteTables.consents;
// The CRM pack (src-shared/crm/tables.ts, issue 20).
export const crm_contacts = sqliteTables.crm_contacts;
export const crm_pipelines = sqliteTables.crm_pipelines;
export const crm_stages = sqliteTables.crm_stages;
export const crm_deals = sqliteTables.crm_deals;
export const crm_activities = sqliteTables.crm_activities;
export const crm_sla_policies = sqliteTables.crm_sla_policies;
export const crm_tickets = sqliteTables.crm_tickets;
