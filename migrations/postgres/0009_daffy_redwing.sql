CREATE TABLE "org_roles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"role_key" varchar(100) NOT NULL,
	"label" varchar(255),
	"inherits" varchar(50) NOT NULL,
	"add_rules" jsonb DEFAULT '[]'::jsonb,
	"remove_rules" jsonb DEFAULT '[]'::jsonb,
	"supervised" boolean DEFAULT false,
	"packed_rules" jsonb DEFAULT '[]'::jsonb
);
--> statement-breakpoint
CREATE UNIQUE INDEX "org_roles_org_id_role_key_uq" ON "org_roles" USING btree ("org_id","role_key");--> statement-breakpoint
CREATE INDEX "org_roles_org_version_idx" ON "org_roles" USING btree ("org_id","version");