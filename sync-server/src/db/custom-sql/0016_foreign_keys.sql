-- Foreign keys for every reference of the schema spec (issue 18), generated from pg-schema.ts
-- pgForeignKeys / foreignKeySql. Within an org a key is (org_id, column) -> (org_id, id), so naming
-- another firm's row fails exactly like naming a missing one. NOT VALID: rows already breaking a key do
-- not stop the migration (new writes are checked at once; postgres.ts validates each key at start when
-- its table is clean). DEFERRABLE INITIALLY IMMEDIATE: a push's statement is checked as it runs, so
-- the offending mutation alone is rejected (push.ts); a bulk load may SET CONSTRAINTS ALL DEFERRED.
-- References to tables holding built-in rows (config_case_types...) have no key: those rows live on laptops.
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "org_memberships" ADD CONSTRAINT "org_memberships_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "org_memberships" ADD CONSTRAINT "org_memberships_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "org_memberships" ADD CONSTRAINT "org_memberships_invited_by_fk" FOREIGN KEY ("invited_by") REFERENCES "users" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_granted_by_fk" FOREIGN KEY ("granted_by") REFERENCES "users" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "org_roles" ADD CONSTRAINT "org_roles_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_primary_person_id_fk" FOREIGN KEY ("org_id", "primary_person_id") REFERENCES "persons" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_related_person_id_fk" FOREIGN KEY ("org_id", "related_person_id") REFERENCES "persons" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_person_id_fk" FOREIGN KEY ("org_id", "person_id") REFERENCES "persons" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_id_fk" FOREIGN KEY ("org_id", "document_id") REFERENCES "documents" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "document_metadata" ADD CONSTRAINT "document_metadata_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "document_metadata" ADD CONSTRAINT "document_metadata_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "document_metadata" ADD CONSTRAINT "document_metadata_document_id_fk" FOREIGN KEY ("org_id", "document_id") REFERENCES "documents" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "checklist_instances" ADD CONSTRAINT "checklist_instances_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "checklist_instances" ADD CONSTRAINT "checklist_instances_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_person_id_fk" FOREIGN KEY ("org_id", "person_id") REFERENCES "persons" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "law_sources" ADD CONSTRAINT "law_sources_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "law_chunks" ADD CONSTRAINT "law_chunks_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "law_chunks" ADD CONSTRAINT "law_chunks_law_source_id_fk" FOREIGN KEY ("org_id", "law_source_id") REFERENCES "law_sources" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "rule_proposals" ADD CONSTRAINT "rule_proposals_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "approved_rules" ADD CONSTRAINT "approved_rules_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "eligibility_assessments" ADD CONSTRAINT "eligibility_assessments_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "eligibility_assessments" ADD CONSTRAINT "eligibility_assessments_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "eligibility_assessments" ADD CONSTRAINT "eligibility_assessments_person_id_fk" FOREIGN KEY ("org_id", "person_id") REFERENCES "persons" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crs_calculations" ADD CONSTRAINT "crs_calculations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crs_calculations" ADD CONSTRAINT "crs_calculations_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crs_calculations" ADD CONSTRAINT "crs_calculations_person_id_fk" FOREIGN KEY ("org_id", "person_id") REFERENCES "persons" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "ai_sessions" ADD CONSTRAINT "ai_sessions_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "ai_sessions" ADD CONSTRAINT "ai_sessions_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "ai_messages" ADD CONSTRAINT "ai_messages_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "ai_messages" ADD CONSTRAINT "ai_messages_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "ai_messages" ADD CONSTRAINT "ai_messages_session_id_fk" FOREIGN KEY ("org_id", "session_id") REFERENCES "ai_sessions" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "ai_actions" ADD CONSTRAINT "ai_actions_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "ai_actions" ADD CONSTRAINT "ai_actions_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "config_case_types" ADD CONSTRAINT "config_case_types_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "config_fields" ADD CONSTRAINT "config_fields_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "config_forms" ADD CONSTRAINT "config_forms_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "config_checklists" ADD CONSTRAINT "config_checklists_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "config_feature_flags" ADD CONSTRAINT "config_feature_flags_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "config_change_proposals" ADD CONSTRAINT "config_change_proposals_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "config_change_log" ADD CONSTRAINT "config_change_log_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_lead_id_fk" FOREIGN KEY ("org_id", "lead_id") REFERENCES "leads" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_fk" FOREIGN KEY ("org_id", "invoice_id") REFERENCES "invoices" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "data_retention_policies" ADD CONSTRAINT "data_retention_policies_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_clients" ADD CONSTRAINT "debt_clients_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_clients" ADD CONSTRAINT "debt_clients_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_clients" ADD CONSTRAINT "debt_clients_person_id_fk" FOREIGN KEY ("org_id", "person_id") REFERENCES "persons" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_creditors" ADD CONSTRAINT "debt_creditors_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_creditor_id_fk" FOREIGN KEY ("org_id", "creditor_id") REFERENCES "debt_creditors" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_budgets" ADD CONSTRAINT "debt_budgets_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_budgets" ADD CONSTRAINT "debt_budgets_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_budget_lines" ADD CONSTRAINT "debt_budget_lines_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_budget_lines" ADD CONSTRAINT "debt_budget_lines_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_budget_lines" ADD CONSTRAINT "debt_budget_lines_budget_id_fk" FOREIGN KEY ("org_id", "budget_id") REFERENCES "debt_budgets" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_offers" ADD CONSTRAINT "debt_offers_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_offers" ADD CONSTRAINT "debt_offers_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_offers" ADD CONSTRAINT "debt_offers_budget_id_fk" FOREIGN KEY ("org_id", "budget_id") REFERENCES "debt_budgets" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_offers" ADD CONSTRAINT "debt_offers_debt_id_fk" FOREIGN KEY ("org_id", "debt_id") REFERENCES "debts" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_spending_guidelines" ADD CONSTRAINT "debt_spending_guidelines_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
