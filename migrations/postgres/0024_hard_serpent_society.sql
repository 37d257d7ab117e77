CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"person_id" uuid NOT NULL,
	"purpose" varchar(50) NOT NULL,
	"text_version" varchar(50) NOT NULL,
	"method" varchar(20) DEFAULT 'written' NOT NULL,
	"granted_at" timestamp(3) with time zone NOT NULL,
	"recorded_by" uuid,
	"withdrawn_at" timestamp(3) with time zone,
	"withdrawn_by" uuid,
	"notes" text
);
--> statement-breakpoint
CREATE INDEX "consents_case_id_idx" ON "consents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "consents_person_id_purpose_idx" ON "consents" USING btree ("person_id","purpose");--> statement-breakpoint
CREATE INDEX "consents_org_version_idx" ON "consents" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "consents_case_id_version_scope_idx" ON "consents" USING btree ("case_id","version");