CREATE TABLE "file_keys" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"key_version" integer NOT NULL,
	"key_id" varchar(32) NOT NULL,
	"wrapped" varchar(128) NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "file_keys_org_idx" ON "file_keys" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "file_keys_key_version_idx" ON "file_keys" USING btree ("key_version");