-- org_roles (issue 14) gets the tenancy policies every org table has (0001 set them on the tables that
-- existed then): the app role reads its org's rows and the system org's, and writes only its org's.
ALTER TABLE org_roles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE org_roles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON org_roles FOR SELECT TO casework_app
  USING (org_id = app_org_id() OR org_id = '00000000-0000-0000-0000-000000000000');
--> statement-breakpoint
CREATE POLICY org_write ON org_roles FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_update ON org_roles FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON org_roles TO casework_app;
