CREATE TABLE "config_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_type" varchar(100) NOT NULL,
	"config_version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"proposal_id" uuid,
	"approved_by" uuid,
	"approved_at" timestamp(3) with time zone NOT NULL,
	"summary" text
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "config_version" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "config_versions_org_id_case_type_config_version_uq" ON "config_versions" USING btree ("org_id","case_type","config_version");--> statement-breakpoint
CREATE INDEX "config_versions_case_type_idx" ON "config_versions" USING btree ("case_type");--> statement-breakpoint
CREATE INDEX "config_versions_org_version_idx" ON "config_versions" USING btree ("org_id","version");