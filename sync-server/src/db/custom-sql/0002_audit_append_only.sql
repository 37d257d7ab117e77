-- The server audit chain is append-only: casework_app may INSERT and SELECT (granted with RLS in
-- 0001), never UPDATE or DELETE; and a trigger refuses UPDATE/DELETE/TRUNCATE for every role but a
-- superuser session that explicitly disables triggers, so tampering needs the database owner and is
-- still detected by /audit/verify (the hash chain).
REVOKE UPDATE, DELETE, TRUNCATE ON server_audit FROM casework_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION server_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'server_audit is append-only';
END $f$;
--> statement-breakpoint
CREATE TRIGGER server_audit_no_update BEFORE UPDATE OR DELETE ON server_audit
  FOR EACH ROW EXECUTE FUNCTION server_audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER server_audit_no_truncate BEFORE TRUNCATE ON server_audit
  FOR EACH STATEMENT EXECUTE FUNCTION server_audit_refuse_change();
