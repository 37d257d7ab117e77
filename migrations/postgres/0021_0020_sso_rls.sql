-- Single sign-on tables (issue 15) are the server role's alone, like invitations: RLS on and forced,
-- no policy and no grant for the app role (a push or shape transaction never reads them).
ALTER TABLE org_sso ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE org_sso FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sso_logins ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sso_logins FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sso_identities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sso_identities FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sso_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sso_sessions FORCE ROW LEVEL SECURITY;
