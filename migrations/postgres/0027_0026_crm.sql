-- Tenancy, org keys and live sync for the CRM pack's tables (src-shared/crm/tables.ts, issue 20), as 0022
-- did for config_versions: org members read and write their own org's rows; each is watched by 0013's
-- casework_watch_table so a move on one laptop reaches the others at once.
ALTER TABLE crm_contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE crm_contacts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON crm_contacts FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON crm_contacts FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON crm_contacts FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON crm_contacts TO casework_app;
--> statement-breakpoint
ALTER TABLE "crm_contacts" ADD CONSTRAINT "crm_contacts_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
SELECT casework_watch_table('crm_contacts', 'org', NULL);
--> statement-breakpoint
ALTER TABLE crm_pipelines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE crm_pipelines FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON crm_pipelines FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON crm_pipelines FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON crm_pipelines FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON crm_pipelines TO casework_app;
--> statement-breakpoint
ALTER TABLE "crm_pipelines" ADD CONSTRAINT "crm_pipelines_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
SELECT casework_watch_table('crm_pipelines', 'org', NULL);
--> statement-breakpoint
ALTER TABLE crm_stages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE crm_stages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON crm_stages FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON crm_stages FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON crm_stages FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON crm_stages TO casework_app;
--> statement-breakpoint
ALTER TABLE "crm_stages" ADD CONSTRAINT "crm_stages_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
SELECT casework_watch_table('crm_stages', 'org', NULL);
--> statement-breakpoint
ALTER TABLE crm_deals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE crm_deals FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON crm_deals FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON crm_deals FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON crm_deals FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON crm_deals TO casework_app;
--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
SELECT casework_watch_table('crm_deals', 'org', NULL);
--> statement-breakpoint
ALTER TABLE crm_activities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE crm_activities FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON crm_activities FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON crm_activities FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON crm_activities FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON crm_activities TO casework_app;
--> statement-breakpoint
ALTER TABLE "crm_activities" ADD CONSTRAINT "crm_activities_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
SELECT casework_watch_table('crm_activities', 'org', NULL);
--> statement-breakpoint
ALTER TABLE crm_sla_policies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE crm_sla_policies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON crm_sla_policies FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON crm_sla_policies FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON crm_sla_policies FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON crm_sla_policies TO casework_app;
--> statement-breakpoint
ALTER TABLE "crm_sla_policies" ADD CONSTRAINT "crm_sla_policies_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
SELECT casework_watch_table('crm_sla_policies', 'org', NULL);
--> statement-breakpoint
ALTER TABLE crm_tickets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE crm_tickets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON crm_tickets FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON crm_tickets FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON crm_tickets FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON crm_tickets TO casework_app;
--> statement-breakpoint
ALTER TABLE "crm_tickets" ADD CONSTRAINT "crm_tickets_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
SELECT casework_watch_table('crm_tickets', 'org', NULL);
