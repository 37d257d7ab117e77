-- The CRM pack's references as foreign keys (issue 20), generated from pg-schema.ts pgForeignKeys /
-- foreignKeySql like 0016: its migration 0026 keyed each table to its org but not to the rows it names
-- (a deal's stage, pipeline, contact and lead; an activity's contact, lead and deal; a ticket's contact and
-- SLA policy; a contact's employer and merge target). NOT VALID and DEFERRABLE INITIALLY IMMEDIATE as in
-- 0016: postgres.ts validates each key at start once its table is clean.
ALTER TABLE "crm_contacts" ADD CONSTRAINT "crm_contacts_employer_contact_id_fk" FOREIGN KEY ("org_id", "employer_contact_id") REFERENCES "crm_contacts" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_contacts" ADD CONSTRAINT "crm_contacts_merged_into_id_fk" FOREIGN KEY ("org_id", "merged_into_id") REFERENCES "crm_contacts" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_stages" ADD CONSTRAINT "crm_stages_pipeline_id_fk" FOREIGN KEY ("org_id", "pipeline_id") REFERENCES "crm_pipelines" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_pipeline_id_fk" FOREIGN KEY ("org_id", "pipeline_id") REFERENCES "crm_pipelines" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_stage_id_fk" FOREIGN KEY ("org_id", "stage_id") REFERENCES "crm_stages" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_contact_id_fk" FOREIGN KEY ("org_id", "contact_id") REFERENCES "crm_contacts" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_lead_id_fk" FOREIGN KEY ("org_id", "lead_id") REFERENCES "leads" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_activities" ADD CONSTRAINT "crm_activities_contact_id_fk" FOREIGN KEY ("org_id", "contact_id") REFERENCES "crm_contacts" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_activities" ADD CONSTRAINT "crm_activities_lead_id_fk" FOREIGN KEY ("org_id", "lead_id") REFERENCES "leads" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_activities" ADD CONSTRAINT "crm_activities_deal_id_fk" FOREIGN KEY ("org_id", "deal_id") REFERENCES "crm_deals" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_tickets" ADD CONSTRAINT "crm_tickets_contact_id_fk" FOREIGN KEY ("org_id", "contact_id") REFERENCES "crm_contacts" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "crm_tickets" ADD CONSTRAINT "crm_tickets_sla_policy_id_fk" FOREIGN KEY ("org_id", "sla_policy_id") REFERENCES "crm_sla_policies" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
