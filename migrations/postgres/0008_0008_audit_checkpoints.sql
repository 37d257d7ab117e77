-- Signed audit checkpoints: the app role may read its own org's (a member's laptop fetches them with
-- its sync); only the server's own role writes them, and nobody edits or removes one (the same trigger
-- as server_audit), so only a session that disables triggers can, and the laptops' copies still show it.
ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_checkpoints FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON audit_checkpoints FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT ON audit_checkpoints TO casework_app;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION server_audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION server_audit_refuse_change();
