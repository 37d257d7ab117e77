-- Server-wrapped file keys (issue 19, sync-server/src/keys): a push writes its org's keys as the app role
-- and a page reads them (its own org only, RLS); a laptop's erasure deletes them (crypto-shredding).
-- Re-wrapping on rotation runs as the server's own role.
ALTER TABLE file_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE file_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON file_keys FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_write ON file_keys FOR INSERT TO casework_app WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
CREATE POLICY org_delete ON file_keys FOR DELETE TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON file_keys TO casework_app;
--> statement-breakpoint
ALTER TABLE "file_keys" ADD CONSTRAINT "file_keys_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
ALTER TABLE "file_keys" ADD CONSTRAINT "file_keys_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "document_versions" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE NOT VALID;
--> statement-breakpoint
-- The laptop's own wrappings that servers kept before this (no other device could open them): gone.
UPDATE document_versions SET file_key = NULL WHERE file_key IS NOT NULL;
