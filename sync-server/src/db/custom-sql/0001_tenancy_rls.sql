-- Tenancy in Postgres (second line of defence behind the application's checks).
-- The server runs every org-scoped transaction as the non-superuser role casework_app with
-- `SET LOCAL ROLE casework_app` and `set_config('app.org_id', ORG, true)`. Every table with an org_id
-- has FORCE ROW LEVEL SECURITY and a policy admitting only that org's rows (plus the read-only system
-- org); a query that forgets to set the org sees nothing and can write nothing.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casework_app') THEN
    CREATE ROLE casework_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS row_version_seq;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
  $f$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $f$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO casework_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO casework_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_org_id() TO casework_app;
--> statement-breakpoint
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
    WHERE c.table_schema = 'public' AND c.column_name = 'org_id' AND t.table_type = 'BASE TABLE'
      AND c.table_name <> 'security_events'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r.table_name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', r.table_name);
    EXECUTE format('DROP POLICY IF EXISTS org_read ON %I', r.table_name);
    EXECUTE format('DROP POLICY IF EXISTS org_write ON %I', r.table_name);
    EXECUTE format('DROP POLICY IF EXISTS org_update ON %I', r.table_name);
    EXECUTE format($p$CREATE POLICY org_read ON %I FOR SELECT TO casework_app
      USING (org_id = app_org_id() OR org_id = '00000000-0000-0000-0000-000000000000')$p$, r.table_name);
    EXECUTE format('CREATE POLICY org_write ON %I FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id())', r.table_name);
    EXECUTE format('CREATE POLICY org_update ON %I FOR UPDATE TO casework_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', r.table_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO casework_app', r.table_name);
  END LOOP;
END $$;
--> statement-breakpoint
-- users have no org_id: a member sees the users who share the current org (org_memberships is itself
-- filtered by org). Written only by the server's admin code (superuser context), never by casework_app.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_read ON users FOR SELECT TO casework_app USING (id IN (SELECT user_id FROM org_memberships));
--> statement-breakpoint
GRANT SELECT ON users TO casework_app;
--> statement-breakpoint
GRANT INSERT ON security_events TO casework_app;
--> statement-breakpoint
GRANT SELECT ON devices TO casework_app;
