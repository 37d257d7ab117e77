-- Tenancy, keys and live sync for consents (src-shared/privacy/tables.ts, issue 19), as 0022 did for
-- config_versions: org members read and write their org's rows (case access is the application's check,
-- as for every case table), foreign keys per org like 0016, and the live-sync watch of 0013.
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON consents FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON consents FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON consents FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consents TO casework_app;
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_case_id_fk" FOREIGN KEY ("org_id", "case_id") REFERENCES "cases" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_fk" FOREIGN KEY ("org_id", "person_id") REFERENCES "persons" ("org_id", "id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
SELECT casework_watch_table('consents', 'case', 'case_id');
