ALTER TABLE "case_assignments" ADD COLUMN "valid_from" timestamp(3) with time zone;--> statement-breakpoint
ALTER TABLE "security_events" ADD COLUMN "severity" varchar(20) DEFAULT 'low' NOT NULL;--> statement-breakpoint
ALTER TABLE "security_events" ADD COLUMN "category" varchar(50) DEFAULT 'access' NOT NULL;--> statement-breakpoint
ALTER TABLE "security_events" ADD COLUMN "status" varchar(20) DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "security_events" ADD COLUMN "status_by" uuid;--> statement-breakpoint
ALTER TABLE "security_events" ADD COLUMN "status_at" timestamp(3) with time zone;--> statement-breakpoint
CREATE INDEX "security_events_org_status_at_idx" ON "security_events" USING btree ("org_id","status","at");