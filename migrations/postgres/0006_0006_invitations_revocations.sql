-- Per-org device revocations are read by the app role inside a push or shape transaction (its own org
-- only). Invitations and login throttling are the server role's alone: RLS on with no policy for the
-- app role, and no grant.
ALTER TABLE device_revocations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE device_revocations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_read ON device_revocations FOR SELECT TO casework_app USING (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT ON device_revocations TO casework_app;
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
