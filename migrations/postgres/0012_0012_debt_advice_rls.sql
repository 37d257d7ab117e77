-- Tenancy for the debt-advice pack's tables (0001_tenancy_rls covered the tables that existed then):
-- the same FORCE ROW LEVEL SECURITY and org policies, for every org table that has none yet, so this
-- holds for any table a later pack adds before its own migration runs.
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
    JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace
    WHERE c.table_schema = 'public' AND c.column_name = 'org_id' AND t.table_type = 'BASE TABLE'
      AND c.table_name <> 'security_events' AND NOT k.relforcerowsecurity
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
