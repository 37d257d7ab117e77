-- Tenancy and the org key for config_versions (src-shared/config/tables.ts), as 0012 and 0016 did for
-- the tables of their time: org members read their org's versions and the system org's, write their own.
ALTER TABLE config_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE config_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON config_versions FOR SELECT TO casework_app
  USING (org_id = app_org_id() OR org_id = '00000000-0000-0000-0000-000000000000');
--> statement-breakpoint
CREATE POLICY org_write ON config_versions FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON config_versions FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON config_versions TO casework_app;
--> statement-breakpoint
ALTER TABLE "config_versions" ADD CONSTRAINT "config_versions_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
-- Live sync: a new version reaches every laptop of the org at once (0013's casework_watch_table).
SELECT casework_watch_table('config_versions', 'org', NULL);
