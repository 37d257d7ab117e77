CREATE TABLE "crm_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"kind" varchar(20) NOT NULL,
	"contact_id" uuid,
	"lead_id" uuid,
	"deal_id" uuid,
	"subject" varchar(255),
	"body" text,
	"direction" varchar(10),
	"phone_e164" varchar(20),
	"occurred_at" timestamp(3) with time zone NOT NULL,
	"duration_seconds" integer,
	"performed_by_user_id" uuid,
	"external_id" varchar(100)
);
--> statement-breakpoint
CREATE TABLE "crm_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"kind" varchar(20) DEFAULT 'person' NOT NULL,
	"first_name" varchar(100),
	"last_name" varchar(100),
	"organization_name" varchar(255),
	"employer_contact_id" uuid,
	"email" varchar(255),
	"email_key" varchar(255),
	"phone" varchar(40),
	"phone_e164" varchar(20),
	"country" varchar(2),
	"date_of_birth" date,
	"tags" jsonb DEFAULT '[]'::jsonb,
	"watchers" jsonb DEFAULT '[]'::jsonb,
	"owner_user_id" uuid,
	"source" varchar(100),
	"notes" text,
	"merged_into_id" uuid,
	"merge_history" jsonb DEFAULT '[]'::jsonb
);
--> statement-breakpoint
CREATE TABLE "crm_deals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"title" varchar(255) NOT NULL,
	"contact_id" uuid,
	"lead_id" uuid,
	"value" numeric(21, 6) DEFAULT '0' NOT NULL,
	"currency" varchar(3) DEFAULT 'CAD' NOT NULL,
	"owner_user_id" uuid,
	"status" varchar(10) DEFAULT 'open' NOT NULL,
	"closed_reason" varchar(500),
	"expected_close_date" date,
	"stage_entered_at" timestamp(3) with time zone NOT NULL,
	"stage_history" jsonb DEFAULT '[]'::jsonb,
	"case_id" uuid,
	"closed_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "crm_pipelines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"name" varchar(100) NOT NULL,
	"currency" varchar(3) DEFAULT 'CAD' NOT NULL,
	"is_default" boolean DEFAULT false
);
--> statement-breakpoint
CREATE TABLE "crm_sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"name" varchar(100) NOT NULL,
	"time_zone" varchar(64) NOT NULL,
	"business_hours" jsonb NOT NULL,
	"holiday_country" varchar(2),
	"holiday_region" varchar(10),
	"extra_closed_days" jsonb DEFAULT '[]'::jsonb,
	"targets" jsonb NOT NULL,
	"at_risk_percent" integer DEFAULT 75 NOT NULL,
	"is_default" boolean DEFAULT false
);
--> statement-breakpoint
CREATE TABLE "crm_stages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"pipeline_id" uuid NOT NULL,
	"name" varchar(100) NOT NULL,
	"position" integer NOT NULL,
	"probability" integer DEFAULT 0 NOT NULL,
	"kind" varchar(10) DEFAULT 'open' NOT NULL,
	"wip_limit" integer,
	"wip_mode" varchar(10) DEFAULT 'soft' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crm_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"ticket_number" varchar(40) NOT NULL,
	"subject" varchar(255) NOT NULL,
	"description" text,
	"contact_id" uuid,
	"queue" varchar(50) DEFAULT 'support' NOT NULL,
	"category" varchar(50),
	"priority" varchar(10) DEFAULT 'normal' NOT NULL,
	"status" varchar(30) DEFAULT 'new' NOT NULL,
	"assignee_user_id" uuid,
	"sla_policy_id" uuid,
	"opened_at" timestamp(3) with time zone NOT NULL,
	"first_response_at" timestamp(3) with time zone,
	"resolved_at" timestamp(3) with time zone,
	"pauses" jsonb DEFAULT '[]'::jsonb
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "contact_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "case_type" varchar(50);--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "first_response_at" timestamp(3) with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "closed_reason" varchar(500);--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "score_explanation" jsonb;--> statement-breakpoint
CREATE INDEX "crm_activities_contact_id_idx" ON "crm_activities" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "crm_activities_lead_id_idx" ON "crm_activities" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "crm_activities_deal_id_idx" ON "crm_activities" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "crm_activities_external_id_idx" ON "crm_activities" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "crm_activities_org_version_idx" ON "crm_activities" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "crm_contacts_email_key_idx" ON "crm_contacts" USING btree ("email_key");--> statement-breakpoint
CREATE INDEX "crm_contacts_phone_e164_idx" ON "crm_contacts" USING btree ("phone_e164");--> statement-breakpoint
CREATE INDEX "crm_contacts_last_name_first_name_idx" ON "crm_contacts" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "crm_contacts_merged_into_id_idx" ON "crm_contacts" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "crm_contacts_org_version_idx" ON "crm_contacts" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_contacts_org_id_id_uq" ON "crm_contacts" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "crm_deals_pipeline_id_stage_id_status_idx" ON "crm_deals" USING btree ("pipeline_id","stage_id","status");--> statement-breakpoint
CREATE INDEX "crm_deals_contact_id_idx" ON "crm_deals" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "crm_deals_owner_user_id_idx" ON "crm_deals" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "crm_deals_org_version_idx" ON "crm_deals" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_deals_org_id_id_uq" ON "crm_deals" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_pipelines_org_id_name_uq" ON "crm_pipelines" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "crm_pipelines_org_version_idx" ON "crm_pipelines" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_pipelines_org_id_id_uq" ON "crm_pipelines" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_sla_policies_org_id_name_uq" ON "crm_sla_policies" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "crm_sla_policies_org_version_idx" ON "crm_sla_policies" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_sla_policies_org_id_id_uq" ON "crm_sla_policies" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "crm_stages_pipeline_id_position_idx" ON "crm_stages" USING btree ("pipeline_id","position");--> statement-breakpoint
CREATE INDEX "crm_stages_org_version_idx" ON "crm_stages" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_stages_org_id_id_uq" ON "crm_stages" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_tickets_org_id_ticket_number_uq" ON "crm_tickets" USING btree ("org_id","ticket_number");--> statement-breakpoint
CREATE INDEX "crm_tickets_status_priority_idx" ON "crm_tickets" USING btree ("status","priority");--> statement-breakpoint
CREATE INDEX "crm_tickets_contact_id_idx" ON "crm_tickets" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "crm_tickets_org_version_idx" ON "crm_tickets" USING btree ("org_id","version");