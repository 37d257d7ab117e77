-- Meant to protect the SSO tables, but it ran before they existed (they were not yet exported to
-- drizzle-kit); it does nothing. Migration 0021 (custom-sql/0020_sso_rls.sql) does it after 0020 makes them.
SELECT 1;
