-- Live sync wake-ups (issue 18): every commit that writes synced rows tells each sync server instance
-- (LISTEN casework_changes on one dedicated connection) which org, table, cases and versions it wrote,
-- so an instance wakes only the live channels of devices that may see them, whichever instance took the
-- write. A trigger, not the application, so that no write path (push, admin, a script) can forget it.
-- Payload (JSON, under NOTIFY's 8000 bytes):
--   rows:   {"t": table, "o": org, "v": highest version, "c": [case ids] | null (all, or not case-scoped),
--            "u": [users a new case is assigned to] (cases inserts), "k": clean}
--           clean: no other transaction held a version claim (versions.ts) below v when the rows were
--           written, so once this commit is seen every version <= v is committed: the listener may hand
--           out v as a cursor without asking Postgres (else it asks for the bound once).
--   access: {"a": [user ids], "o": org}   a user's access epoch changed (their handles must refetch)
--   device: {"d": device id, "o": org | null}   a device was revoked (in one org, or everywhere)
CREATE OR REPLACE FUNCTION casework_notify_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  scope text := TG_ARGV[0];
  case_col text := TG_ARGV[1];
  src text;
  r record;
  clean boolean;
BEGIN
  src := CASE scope
    WHEN 'self' THEN 'SELECT n.id AS org, n.version, NULL::uuid AS c, NULL::jsonb AS u FROM new_rows n'
    WHEN 'directory' THEN 'SELECT m.org_id AS org, n.version, NULL::uuid AS c, NULL::jsonb AS u FROM new_rows n JOIN org_memberships m ON m.user_id = n.id'
    WHEN 'case' THEN format('SELECT n.org_id AS org, n.version, n.%I AS c, %s AS u FROM new_rows n', case_col,
      CASE WHEN TG_TABLE_NAME = 'cases' AND TG_OP = 'INSERT'
        THEN $u$jsonb_build_array(n.assigned_consultant_id) || CASE WHEN jsonb_typeof(n.assigned_staff) = 'array' THEN n.assigned_staff ELSE '[]'::jsonb END$u$
        ELSE 'NULL::jsonb' END)
    ELSE 'SELECT n.org_id AS org, n.version, NULL::uuid AS c, NULL::jsonb AS u FROM new_rows n'
  END;
  FOR r IN EXECUTE format($q$
    SELECT x.org, max(x.version) AS v,
      CASE WHEN count(DISTINCT x.c) BETWEEN 1 AND 50 AND count(x.c) = count(*) THEN jsonb_agg(DISTINCT x.c) END AS cases,
      (SELECT CASE WHEN count(DISTINCT e) <= 50 THEN coalesce(jsonb_agg(DISTINCT e), '[]'::jsonb) END
         FROM (%s) y, jsonb_array_elements_text(y.u) e WHERE y.org = x.org AND e IS NOT NULL AND e <> 'null') AS users,
      bool_or(x.u IS NOT NULL) AS has_users
    FROM (%s) x WHERE x.version IS NOT NULL GROUP BY x.org$q$, src, src)
  LOOP
    -- The claim keys of versions.ts: 2^62 + floor (the next version its holder may take).
    clean := NOT EXISTS (
      SELECT 1 FROM pg_locks l
       WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.pid <> pg_backend_pid()
         AND l.classid::bigint BETWEEN 1073741824 AND 2147483647
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND ((l.classid::bigint << 32) | l.objid::bigint) - 4611686018427387904 < r.v);
    PERFORM pg_notify('casework_changes', jsonb_build_object('t', TG_TABLE_NAME, 'o', r.org, 'v', r.v, 'c', r.cases, 'k', clean,
      'u', CASE WHEN r.has_users THEN coalesce(r.users, '"all"'::jsonb) END)::text);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Watch a synced table (a table added later calls this in its own migration; tests/sync-server/live-notify
-- checks every synced table is watched with its scope).
CREATE OR REPLACE FUNCTION casework_watch_table(tbl text, scope text, case_col text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS casework_live_ins ON %I', tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS casework_live_upd ON %I', tbl);
  EXECUTE format('CREATE TRIGGER casework_live_ins AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_notify_rows(%L, %L)', tbl, scope, coalesce(case_col, ''));
  EXECUTE format('CREATE TRIGGER casework_live_upd AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_notify_rows(%L, %L)', tbl, scope, coalesce(case_col, ''));
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casework_notify_access() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM pg_notify('casework_changes', jsonb_build_object('a', jsonb_build_array(NEW.user_id), 'o', NEW.org_id)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER casework_live_access AFTER INSERT OR UPDATE ON access_epochs FOR EACH ROW EXECUTE FUNCTION casework_notify_access();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casework_notify_device() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM pg_notify('casework_changes', jsonb_build_object('d', CASE WHEN TG_TABLE_NAME = 'devices' THEN NEW.id ELSE NEW.device_id END,
    'o', CASE WHEN TG_TABLE_NAME = 'devices' THEN NULL ELSE NEW.org_id END)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER casework_live_device_revoked AFTER UPDATE ON devices FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at)
  EXECUTE FUNCTION casework_notify_device();
--> statement-breakpoint
CREATE TRIGGER casework_live_device_revoked_org AFTER INSERT ON device_revocations FOR EACH ROW EXECUTE FUNCTION casework_notify_device();
--> statement-breakpoint
SELECT casework_watch_table('organizations', 'self', NULL);
--> statement-breakpoint
SELECT casework_watch_table('users', 'directory', NULL);
--> statement-breakpoint
SELECT casework_watch_table('org_memberships', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('cases', 'case', 'id');
--> statement-breakpoint
SELECT casework_watch_table('case_assignments', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('org_roles', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('persons', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('family_members', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('documents', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('document_versions', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('document_metadata', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('tasks', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('checklist_instances', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('communications', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('case_events', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('appointments', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('law_sources', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('law_chunks', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('rule_proposals', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('approved_rules', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('eligibility_assessments', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('crs_calculations', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('ai_sessions', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('ai_messages', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('ai_actions', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('config_case_types', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('config_fields', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('config_forms', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('config_checklists', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('config_feature_flags', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('config_change_proposals', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('config_change_log', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('templates', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('leads', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('lead_activities', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('invoices', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('payments', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('data_retention_policies', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('debt_clients', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('debt_creditors', 'org', NULL);
--> statement-breakpoint
SELECT casework_watch_table('debts', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('debt_budgets', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('debt_budget_lines', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('debt_offers', 'case', 'case_id');
--> statement-breakpoint
SELECT casework_watch_table('debt_spending_guidelines', 'org', NULL);
--> statement-breakpoint
