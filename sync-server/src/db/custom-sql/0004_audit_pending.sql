-- Pending audit entries (server_audit_pending): written by the app role inside the transaction of the
-- change they record, chained into server_audit by the server's own role right after commit.
-- The app role may INSERT (its org only, under RLS) and nothing else: it can neither read, edit nor
-- remove an entry before it is chained.
ALTER TABLE server_audit_pending ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE server_audit_pending FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_write ON server_audit_pending FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT INSERT ON server_audit_pending TO casework_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE server_audit_pending_id_seq TO casework_app;
--> statement-breakpoint
CREATE TRIGGER server_audit_pending_no_update BEFORE UPDATE ON server_audit_pending
  FOR EACH ROW EXECUTE FUNCTION server_audit_refuse_change();
