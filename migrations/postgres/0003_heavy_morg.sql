CREATE TABLE "server_audit_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"event_type" varchar(100) NOT NULL,
	"table_name" varchar(100),
	"record_id" uuid,
	"user_id" uuid,
	"device_id" uuid,
	"request_id" varchar(100),
	"old_values" jsonb,
	"new_values" jsonb,
	"changed_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "server_audit_pending_org_idx" ON "server_audit_pending" USING btree ("org_id","id");