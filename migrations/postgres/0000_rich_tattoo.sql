CREATE TABLE "access_epochs" (
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"epoch" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"session_id" uuid,
	"action_type" varchar(100) NOT NULL,
	"agent_name" varchar(100) NOT NULL,
	"input_data" jsonb NOT NULL,
	"output_data" jsonb DEFAULT '{}'::jsonb,
	"status" varchar(50) DEFAULT 'pending',
	"success" boolean,
	"error_message" text,
	"requires_approval" boolean DEFAULT false,
	"approved_by_user_id" uuid,
	"approved_at" timestamp(3) with time zone,
	"started_at" timestamp(3) with time zone,
	"completed_at" timestamp(3) with time zone,
	"duration_ms" integer,
	"confidence_score" numeric(21, 6),
	"metadata" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "ai_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"session_id" uuid NOT NULL,
	"message_type" varchar(50) NOT NULL,
	"role" varchar(50) NOT NULL,
	"content" text NOT NULL,
	"tokens_used" integer,
	"processing_time_ms" integer,
	"model_used" varchar(100),
	"metadata" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "ai_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"session_type" varchar(100) NOT NULL,
	"initiated_by_user_id" uuid,
	"context" jsonb DEFAULT '{}'::jsonb,
	"initial_prompt" text,
	"status" varchar(50) DEFAULT 'active',
	"started_at" timestamp(3) with time zone,
	"completed_at" timestamp(3) with time zone,
	"duration_ms" integer,
	"final_output" jsonb DEFAULT '{}'::jsonb,
	"confidence_score" numeric(21, 6),
	"agent_version" varchar(50),
	"model_version" varchar(50)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"person_id" uuid,
	"advisor_user_id" uuid,
	"appointment_type" varchar(50) NOT NULL,
	"status" varchar(30) DEFAULT 'scheduled',
	"scheduled_at" timestamp(3) with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 60,
	"location" varchar(255),
	"meeting_mode" varchar(30) DEFAULT 'in_person',
	"preparation_notes" text,
	"outcome_summary" text,
	"follow_up_required" boolean DEFAULT false,
	"follow_up_date" date,
	"reminder_sent" boolean DEFAULT false,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "approved_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"rule_id" varchar(100) NOT NULL,
	"rule_version" integer DEFAULT 1 NOT NULL,
	"rule_category" varchar(100) NOT NULL,
	"rule_json" jsonb NOT NULL,
	"conditions_json" jsonb DEFAULT '{}'::jsonb,
	"effects_json" jsonb DEFAULT '{}'::jsonb,
	"source_url" varchar(1000),
	"source_section" varchar(500),
	"approved_by_user_id" uuid,
	"approved_at" timestamp(3) with time zone NOT NULL,
	"is_active" boolean DEFAULT true,
	"superseded_by" uuid,
	"effective_from" timestamp(3) with time zone NOT NULL,
	"effective_until" timestamp(3) with time zone,
	"description" text,
	"tags" jsonb DEFAULT '[]'::jsonb,
	"metadata" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "auth_credentials" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"sha256" varchar(64) NOT NULL,
	"org_id" uuid NOT NULL,
	"size" bigint NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" varchar(50) DEFAULT 'staff' NOT NULL,
	"permissions" jsonb DEFAULT '{}'::jsonb,
	"granted_by" uuid,
	"expires_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"event_type" varchar(100) NOT NULL,
	"event_category" varchar(50),
	"title" varchar(255) NOT NULL,
	"description" text,
	"event_data" jsonb DEFAULT '{}'::jsonb,
	"previous_state" jsonb DEFAULT '{}'::jsonb,
	"new_state" jsonb DEFAULT '{}'::jsonb,
	"triggered_by_user_id" uuid,
	"triggered_by_system" varchar(100),
	"is_visible_to_client" boolean DEFAULT true,
	"is_milestone" boolean DEFAULT false,
	"external_reference" varchar(255),
	"metadata" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_number" varchar(50) NOT NULL,
	"case_type" varchar(100) NOT NULL,
	"status" varchar(50) DEFAULT 'draft' NOT NULL,
	"priority" varchar(20) DEFAULT 'normal',
	"primary_applicant_id" uuid,
	"client_data" jsonb DEFAULT '{}'::jsonb,
	"immigration_program" varchar(100),
	"target_province" varchar(50),
	"estimated_timeline" jsonb DEFAULT '{}'::jsonb,
	"fee_structure" jsonb DEFAULT '{}'::jsonb,
	"payment_status" varchar(50) DEFAULT 'pending',
	"total_fees" numeric(21, 6),
	"paid_amount" numeric(21, 6) DEFAULT '0',
	"assigned_consultant_id" uuid,
	"assigned_staff" jsonb DEFAULT '[]'::jsonb,
	"source" varchar(50),
	"tags" jsonb DEFAULT '[]'::jsonb,
	"custom_fields" jsonb DEFAULT '{}'::jsonb,
	"consultation_date" timestamp(3) with time zone,
	"retainer_signed_at" timestamp(3) with time zone,
	"submitted_at" timestamp(3) with time zone,
	"decision_date" timestamp(3) with time zone,
	"closed_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "checklist_instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"config_checklist_id" uuid,
	"name" varchar(255) NOT NULL,
	"description" text,
	"checklist_type" varchar(100),
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"completion_status" jsonb DEFAULT '{}'::jsonb,
	"total_items" integer DEFAULT 0,
	"completed_items" integer DEFAULT 0,
	"completion_percentage" integer DEFAULT 0,
	"started_at" timestamp(3) with time zone,
	"completed_at" timestamp(3) with time zone,
	"due_date" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "communications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"communication_type" varchar(50) NOT NULL,
	"direction" varchar(20) NOT NULL,
	"channel" varchar(50),
	"from_user_id" uuid,
	"to_user_id" uuid,
	"participants" jsonb DEFAULT '[]'::jsonb,
	"subject" varchar(500),
	"body" text,
	"attachments" jsonb DEFAULT '[]'::jsonb,
	"status" varchar(50) DEFAULT 'sent',
	"read_at" timestamp(3) with time zone,
	"replied_at" timestamp(3) with time zone,
	"auto_generated" boolean DEFAULT false,
	"template_id" uuid,
	"triggered_by" varchar(100),
	"external_id" varchar(255),
	"metadata" jsonb DEFAULT '{}'::jsonb,
	"data_classification" varchar(20) DEFAULT 'internal'
);
--> statement-breakpoint
CREATE TABLE "config_case_types" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"code" varchar(100) NOT NULL,
	"label" varchar(255) NOT NULL,
	"description" text,
	"category" varchar(100),
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"required_fields" jsonb DEFAULT '[]'::jsonb,
	"optional_fields" jsonb DEFAULT '[]'::jsonb,
	"is_active" boolean DEFAULT true,
	"is_system_default" boolean DEFAULT false
);
--> statement-breakpoint
CREATE TABLE "config_change_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"proposal_id" uuid,
	"change_type" varchar(100) NOT NULL,
	"target_entity" varchar(100) NOT NULL,
	"target_id" uuid,
	"old_values" jsonb,
	"new_values" jsonb,
	"diff" jsonb,
	"applied_by" uuid
);
--> statement-breakpoint
CREATE TABLE "config_change_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"title" varchar(255) NOT NULL,
	"description" text NOT NULL,
	"change_type" varchar(100) NOT NULL,
	"target_entity" varchar(100) NOT NULL,
	"target_id" uuid,
	"proposed_changes" jsonb NOT NULL,
	"risk_level" varchar(20) DEFAULT 'MEDIUM',
	"affected_entities" jsonb DEFAULT '[]'::jsonb,
	"rollback_plan" text,
	"status" varchar(50) DEFAULT 'PENDING',
	"approved_by" uuid,
	"approved_at" timestamp(3) with time zone,
	"rejection_reason" text,
	"proposed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "config_checklists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_type_id" uuid,
	"checklist_key" varchar(100) NOT NULL,
	"label" varchar(255) NOT NULL,
	"description" text,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dependencies" jsonb DEFAULT '{}'::jsonb,
	"visibility_conditions" jsonb DEFAULT '{}'::jsonb,
	"is_active" boolean DEFAULT true
);
--> statement-breakpoint
CREATE TABLE "config_feature_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"flag_key" varchar(100) NOT NULL,
	"label" varchar(255) NOT NULL,
	"description" text,
	"is_enabled" boolean DEFAULT false,
	"config" jsonb DEFAULT '{}'::jsonb,
	"rollout_percentage" integer DEFAULT 0,
	"target_users" jsonb DEFAULT '[]'::jsonb
);
--> statement-breakpoint
CREATE TABLE "config_fields" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_type_id" uuid,
	"field_key" varchar(100) NOT NULL,
	"label" varchar(255) NOT NULL,
	"input_type" varchar(50) NOT NULL,
	"validation_rules" jsonb DEFAULT '{}'::jsonb,
	"is_required" boolean DEFAULT false,
	"display_order" integer DEFAULT 0,
	"help_text" text,
	"placeholder" varchar(255),
	"options" jsonb DEFAULT '[]'::jsonb
);
--> statement-breakpoint
CREATE TABLE "config_forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_type_id" uuid,
	"form_key" varchar(100) NOT NULL,
	"label" varchar(255) NOT NULL,
	"description" text,
	"steps" jsonb DEFAULT '[]'::jsonb,
	"layout" jsonb DEFAULT '{}'::jsonb,
	"display_order" integer DEFAULT 0,
	"is_active" boolean DEFAULT true
);
--> statement-breakpoint
CREATE TABLE "crs_calculations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"calculation_type" varchar(50) NOT NULL,
	"calculation_date" timestamp(3) with time zone NOT NULL,
	"core_factors" jsonb NOT NULL,
	"spouse_factors" jsonb DEFAULT '{}'::jsonb,
	"skill_transferability" jsonb DEFAULT '{}'::jsonb,
	"additional_factors" jsonb DEFAULT '{}'::jsonb,
	"total_score" integer NOT NULL,
	"core_score" integer NOT NULL,
	"spouse_score" integer DEFAULT 0,
	"skill_transferability_score" integer DEFAULT 0,
	"additional_score" integer DEFAULT 0,
	"score_breakdown" jsonb NOT NULL,
	"rules_applied" jsonb NOT NULL,
	"improvement_scenarios" jsonb DEFAULT '[]'::jsonb,
	"recommendations" jsonb DEFAULT '[]'::jsonb,
	"calculated_by_agent" varchar(100),
	"rules_version" varchar(50) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_retention_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"table_name" varchar(100) NOT NULL,
	"retention_period_days" integer NOT NULL,
	"archive_after_days" integer,
	"delete_after_days" integer,
	"conditions" jsonb DEFAULT '{}'::jsonb,
	"is_active" boolean DEFAULT true
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" varchar(200) NOT NULL,
	"app_version" varchar(50),
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp(3) with time zone,
	"last_sync_at" timestamp(3) with time zone,
	"pending_count" integer,
	"revoked_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "document_metadata" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"document_id" uuid NOT NULL,
	"version_id" uuid,
	"extracted_text" text,
	"ocr_confidence" numeric(21, 6),
	"extracted_data" jsonb DEFAULT '{}'::jsonb,
	"validation_results" jsonb DEFAULT '{}'::jsonb,
	"quality_score" numeric(21, 6),
	"ai_classification" jsonb DEFAULT '{}'::jsonb,
	"ai_confidence" numeric(21, 6)
);
--> statement-breakpoint
CREATE TABLE "document_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"document_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"filename" varchar(255) NOT NULL,
	"file_size" bigint NOT NULL,
	"mime_type" varchar(100),
	"storage_key" varchar(500) NOT NULL,
	"checksum" varchar(64) NOT NULL,
	"file_key" varchar(100),
	"change_description" text,
	"uploaded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"person_id" uuid,
	"document_type" varchar(100) NOT NULL,
	"category" varchar(50) NOT NULL,
	"title" varchar(255) NOT NULL,
	"description" text,
	"filename" varchar(255) NOT NULL,
	"original_filename" varchar(255) NOT NULL,
	"file_size" bigint NOT NULL,
	"mime_type" varchar(100) NOT NULL,
	"storage_key" varchar(500) NOT NULL,
	"processing_status" varchar(50) DEFAULT 'pending',
	"ocr_status" varchar(50) DEFAULT 'pending',
	"validation_status" varchar(50) DEFAULT 'pending',
	"encryption_key_id" varchar(255),
	"access_level" varchar(50) DEFAULT 'case_team',
	"tags" jsonb DEFAULT '[]'::jsonb,
	"custom_fields" jsonb DEFAULT '{}'::jsonb,
	"uploaded_by" uuid,
	"uploaded_at" timestamp(3) with time zone,
	"issued_at" date,
	"expires_at" timestamp(3) with time zone,
	"data_classification" varchar(20) DEFAULT 'confidential'
);
--> statement-breakpoint
CREATE TABLE "eligibility_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"assessment_type" varchar(100) NOT NULL,
	"immigration_program" varchar(100) NOT NULL,
	"input_data" jsonb NOT NULL,
	"rules_version" varchar(50) NOT NULL,
	"is_eligible" boolean,
	"eligibility_score" numeric(21, 6),
	"confidence_level" numeric(21, 6),
	"assessment_results" jsonb NOT NULL,
	"rules_applied" jsonb NOT NULL,
	"reasoning" jsonb NOT NULL,
	"recommendations" jsonb DEFAULT '[]'::jsonb,
	"improvement_suggestions" jsonb DEFAULT '[]'::jsonb,
	"assessed_by_agent" varchar(100),
	"processing_time_ms" integer,
	"reviewed_by_user_id" uuid,
	"reviewed_at" timestamp(3) with time zone,
	"review_status" varchar(50) DEFAULT 'pending'
);
--> statement-breakpoint
CREATE TABLE "family_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"primary_person_id" uuid NOT NULL,
	"related_person_id" uuid NOT NULL,
	"relationship" varchar(50) NOT NULL,
	"is_accompanying" boolean DEFAULT false,
	"is_dependent" boolean DEFAULT false
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"invoice_number" varchar(100) NOT NULL,
	"invoice_type" varchar(50) DEFAULT 'standard',
	"status" varchar(50) DEFAULT 'draft',
	"subtotal" numeric(21, 6) NOT NULL,
	"tax_amount" numeric(21, 6) DEFAULT '0',
	"total_amount" numeric(21, 6) NOT NULL,
	"currency" varchar(3) DEFAULT 'CAD',
	"bill_to_name" varchar(255) NOT NULL,
	"bill_to_email" varchar(255),
	"billing_address" jsonb DEFAULT '{}'::jsonb,
	"line_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"invoice_date" date NOT NULL,
	"due_date" date NOT NULL,
	"paid_date" date,
	"payment_method" varchar(50),
	"payment_reference" varchar(255),
	"notes" text,
	"custom_fields" jsonb DEFAULT '{}'::jsonb,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "law_chunks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"law_source_id" uuid NOT NULL,
	"chunk_index" integer NOT NULL,
	"chunk_text" text NOT NULL,
	"chunk_hash" varchar(64) NOT NULL,
	"section_title" varchar(500),
	"section_number" varchar(100),
	"tags" jsonb DEFAULT '[]'::jsonb
);
--> statement-breakpoint
CREATE TABLE "law_sources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"url" varchar(1000) NOT NULL,
	"source_type" varchar(50) NOT NULL,
	"jurisdiction" varchar(50),
	"title" varchar(500),
	"content_hash" varchar(64) NOT NULL,
	"raw_html" text,
	"extracted_text" text,
	"last_fetched_at" timestamp(3) with time zone NOT NULL,
	"last_changed_at" timestamp(3) with time zone,
	"processing_status" varchar(50) DEFAULT 'pending',
	"metadata" jsonb DEFAULT '{}'::jsonb,
	"tags" jsonb DEFAULT '[]'::jsonb
);
--> statement-breakpoint
CREATE TABLE "lead_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"lead_id" uuid NOT NULL,
	"activity_type" varchar(100) NOT NULL,
	"subject" varchar(255),
	"description" text,
	"activity_date" timestamp(3) with time zone NOT NULL,
	"duration_minutes" integer,
	"performed_by_user_id" uuid,
	"outcome" varchar(100),
	"next_action" varchar(255),
	"metadata" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"lead_number" varchar(50),
	"status" varchar(50) DEFAULT 'new',
	"first_name" varchar(100),
	"last_name" varchar(100),
	"email" varchar(255),
	"phone" varchar(20),
	"immigration_interest" varchar(100),
	"current_country" varchar(100),
	"target_province" varchar(50),
	"source" varchar(100),
	"source_details" jsonb DEFAULT '{}'::jsonb,
	"utm_parameters" jsonb DEFAULT '{}'::jsonb,
	"lead_score" integer DEFAULT 0,
	"qualification_status" varchar(50),
	"qualification_notes" text,
	"assigned_to_user_id" uuid,
	"last_contacted_at" timestamp(3) with time zone,
	"next_follow_up_at" timestamp(3) with time zone,
	"converted_to_case_id" uuid,
	"converted_at" timestamp(3) with time zone,
	"conversion_value" numeric(21, 6),
	"custom_fields" jsonb DEFAULT '{}'::jsonb,
	"notes" text,
	"tags" jsonb DEFAULT '[]'::jsonb
);
--> statement-breakpoint
CREATE TABLE "org_memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"user_id" uuid NOT NULL,
	"role" varchar(50) NOT NULL,
	"permissions" jsonb DEFAULT '{}'::jsonb,
	"status" varchar(50) DEFAULT 'active',
	"invited_by" uuid,
	"invited_at" timestamp(3) with time zone,
	"joined_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"name" varchar(255) NOT NULL,
	"domain" varchar(255),
	"type" varchar(50) DEFAULT 'law_firm' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb,
	"subscription_tier" varchar(50) DEFAULT 'starter',
	"subscription_status" varchar(50) DEFAULT 'active',
	"billing_info" jsonb DEFAULT '{}'::jsonb,
	"branding" jsonb DEFAULT '{}'::jsonb,
	"compliance_settings" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"invoice_id" uuid,
	"payment_number" varchar(100),
	"payment_type" varchar(50),
	"amount" numeric(21, 6) NOT NULL,
	"currency" varchar(3) DEFAULT 'CAD',
	"payment_processor" varchar(50),
	"processor_transaction_id" varchar(255),
	"processor_fee" numeric(21, 6) DEFAULT '0',
	"status" varchar(50) DEFAULT 'pending',
	"payment_date" timestamp(3) with time zone NOT NULL,
	"processed_at" timestamp(3) with time zone,
	"payment_method_details" jsonb DEFAULT '{}'::jsonb,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"first_name" varchar(100) NOT NULL,
	"last_name" varchar(100) NOT NULL,
	"middle_name" varchar(100),
	"preferred_name" varchar(100),
	"date_of_birth" date,
	"place_of_birth" varchar(255),
	"gender" varchar(20),
	"marital_status" varchar(50),
	"email" varchar(255),
	"phone" varchar(20),
	"address" jsonb DEFAULT '{}'::jsonb,
	"citizenship" jsonb DEFAULT '[]'::jsonb,
	"passport_info" jsonb DEFAULT '{}'::jsonb,
	"immigration_status" varchar(100),
	"relationship_to_primary" varchar(50),
	"education" jsonb DEFAULT '[]'::jsonb,
	"work_experience" jsonb DEFAULT '[]'::jsonb,
	"language_tests" jsonb DEFAULT '[]'::jsonb,
	"profile_completion_percentage" integer DEFAULT 0,
	"custom_fields" jsonb DEFAULT '{}'::jsonb,
	"data_classification" varchar(20) DEFAULT 'confidential'
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp(3) with time zone NOT NULL,
	"used_at" timestamp(3) with time zone,
	"revoked_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "rule_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"rule_id" varchar(100) NOT NULL,
	"rule_category" varchar(100) NOT NULL,
	"rule_type" varchar(50) NOT NULL,
	"rule_json" jsonb NOT NULL,
	"conditions_json" jsonb DEFAULT '{}'::jsonb,
	"effects_json" jsonb DEFAULT '{}'::jsonb,
	"source_url" varchar(1000),
	"source_section" varchar(500),
	"proposed_by_agent" varchar(100) NOT NULL,
	"summary" text NOT NULL,
	"rationale" text,
	"impact_assessment" jsonb DEFAULT '{}'::jsonb,
	"status" varchar(50) DEFAULT 'pending',
	"reviewed_by" uuid,
	"reviewed_at" timestamp(3) with time zone,
	"review_notes" text,
	"effective_from" timestamp(3) with time zone,
	"effective_until" timestamp(3) with time zone,
	"base_rule_version" integer
);
--> statement-breakpoint
CREATE TABLE "security_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"kind" varchar(100) NOT NULL,
	"org_id" uuid,
	"user_id" uuid,
	"device_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
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
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" varchar(64) NOT NULL,
	"hash" varchar(64) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_keys" (
	"name" varchar(50) PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_clients" (
	"client_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid,
	"title" varchar(255) NOT NULL,
	"description" text,
	"task_type" varchar(100) DEFAULT 'general' NOT NULL,
	"category" varchar(50),
	"assigned_to_user_id" uuid,
	"assigned_to_role" varchar(50),
	"status" varchar(50) DEFAULT 'pending' NOT NULL,
	"priority" varchar(20) DEFAULT 'normal',
	"due_date" timestamp(3) with time zone,
	"estimated_duration" integer,
	"actual_duration" integer,
	"depends_on" jsonb DEFAULT '[]'::jsonb,
	"blocks" jsonb DEFAULT '[]'::jsonb,
	"auto_generated" boolean DEFAULT false,
	"template_id" uuid,
	"completion_percentage" integer DEFAULT 0,
	"completed_by" uuid,
	"completed_at" timestamp(3) with time zone,
	"custom_fields" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"template_type" varchar(100) NOT NULL,
	"name" varchar(255) NOT NULL,
	"description" text,
	"content" text NOT NULL,
	"variables" jsonb DEFAULT '[]'::jsonb,
	"config" jsonb DEFAULT '{}'::jsonb,
	"is_active" boolean DEFAULT true,
	"is_system_default" boolean DEFAULT false,
	"template_version" integer DEFAULT 1,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"email" varchar(255) NOT NULL,
	"first_name" varchar(100) NOT NULL,
	"last_name" varchar(100) NOT NULL,
	"phone" varchar(20),
	"profile" jsonb DEFAULT '{}'::jsonb,
	"preferences" jsonb DEFAULT '{}'::jsonb,
	"professional_info" jsonb DEFAULT '{}'::jsonb,
	"last_login_at" timestamp(3) with time zone,
	"email_verified_at" timestamp(3) with time zone,
	"phone_verified_at" timestamp(3) with time zone,
	"two_factor_enabled" boolean DEFAULT false
);
--> statement-breakpoint
CREATE UNIQUE INDEX "access_epochs_user_org_uq" ON "access_epochs" USING btree ("user_id","org_id");--> statement-breakpoint
CREATE INDEX "ai_actions_case_id_idx" ON "ai_actions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "ai_actions_requires_approval_approved_at_idx" ON "ai_actions" USING btree ("requires_approval","approved_at");--> statement-breakpoint
CREATE INDEX "ai_actions_org_version_idx" ON "ai_actions" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "ai_actions_case_id_version_scope_idx" ON "ai_actions" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "ai_messages_session_id_idx" ON "ai_messages" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "ai_messages_org_version_idx" ON "ai_messages" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "ai_messages_case_id_version_scope_idx" ON "ai_messages" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "ai_sessions_case_id_idx" ON "ai_sessions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "ai_sessions_org_version_idx" ON "ai_sessions" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "ai_sessions_case_id_version_scope_idx" ON "ai_sessions" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "appointments_case_id_idx" ON "appointments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "appointments_scheduled_at_idx" ON "appointments" USING btree ("scheduled_at");--> statement-breakpoint
CREATE INDEX "appointments_org_version_idx" ON "appointments" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "appointments_case_id_version_scope_idx" ON "appointments" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "approved_rules_org_id_rule_id_rule_version_uq" ON "approved_rules" USING btree ("org_id","rule_id","rule_version");--> statement-breakpoint
CREATE INDEX "approved_rules_rule_category_idx" ON "approved_rules" USING btree ("rule_category");--> statement-breakpoint
CREATE INDEX "approved_rules_effective_from_effective_until_idx" ON "approved_rules" USING btree ("effective_from","effective_until");--> statement-breakpoint
CREATE INDEX "approved_rules_org_version_idx" ON "approved_rules" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "blobs_org_sha_uq" ON "blobs" USING btree ("org_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "case_assignments_case_id_user_id_uq" ON "case_assignments" USING btree ("case_id","user_id");--> statement-breakpoint
CREATE INDEX "case_assignments_user_id_idx" ON "case_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_assignments_org_version_idx" ON "case_assignments" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "case_assignments_case_id_version_scope_idx" ON "case_assignments" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "case_events_case_id_created_at_idx" ON "case_events" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_events_event_type_idx" ON "case_events" USING btree ("event_type");--> statement-breakpoint
CREATE INDEX "case_events_org_version_idx" ON "case_events" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "case_events_case_id_version_scope_idx" ON "case_events" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_org_id_case_number_uq" ON "cases" USING btree ("org_id","case_number");--> statement-breakpoint
CREATE INDEX "cases_status_updated_at_idx" ON "cases" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "cases_case_type_priority_created_at_idx" ON "cases" USING btree ("case_type","priority","created_at");--> statement-breakpoint
CREATE INDEX "cases_assigned_consultant_id_updated_at_idx" ON "cases" USING btree ("assigned_consultant_id","updated_at");--> statement-breakpoint
CREATE INDEX "cases_priority_updated_at_idx" ON "cases" USING btree ("priority","updated_at");--> statement-breakpoint
CREATE INDEX "cases_updated_at_idx" ON "cases" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "cases_created_at_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cases_case_number_idx" ON "cases" USING btree ("case_number");--> statement-breakpoint
CREATE INDEX "cases_org_version_idx" ON "cases" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "checklist_instances_case_id_idx" ON "checklist_instances" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "checklist_instances_org_version_idx" ON "checklist_instances" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "checklist_instances_case_id_version_scope_idx" ON "checklist_instances" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "communications_case_id_communication_type_created_at_idx" ON "communications" USING btree ("case_id","communication_type","created_at");--> statement-breakpoint
CREATE INDEX "communications_org_version_idx" ON "communications" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "communications_case_id_version_scope_idx" ON "communications" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "config_case_types_org_id_code_uq" ON "config_case_types" USING btree ("org_id","code");--> statement-breakpoint
CREATE INDEX "config_case_types_org_version_idx" ON "config_case_types" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "config_change_log_org_version_idx" ON "config_change_log" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "config_change_proposals_org_version_idx" ON "config_change_proposals" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "config_checklists_org_id_case_type_id_checklist_key_uq" ON "config_checklists" USING btree ("org_id","case_type_id","checklist_key");--> statement-breakpoint
CREATE INDEX "config_checklists_org_version_idx" ON "config_checklists" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "config_feature_flags_org_id_flag_key_uq" ON "config_feature_flags" USING btree ("org_id","flag_key");--> statement-breakpoint
CREATE INDEX "config_feature_flags_org_version_idx" ON "config_feature_flags" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "config_fields_case_type_id_idx" ON "config_fields" USING btree ("case_type_id");--> statement-breakpoint
CREATE INDEX "config_fields_org_version_idx" ON "config_fields" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "config_forms_org_id_case_type_id_form_key_uq" ON "config_forms" USING btree ("org_id","case_type_id","form_key");--> statement-breakpoint
CREATE INDEX "config_forms_org_version_idx" ON "config_forms" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "crs_calculations_case_id_idx" ON "crs_calculations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "crs_calculations_person_id_idx" ON "crs_calculations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "crs_calculations_org_version_idx" ON "crs_calculations" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "crs_calculations_case_id_version_scope_idx" ON "crs_calculations" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "data_retention_policies_org_id_table_name_uq" ON "data_retention_policies" USING btree ("org_id","table_name");--> statement-breakpoint
CREATE INDEX "data_retention_policies_org_version_idx" ON "data_retention_policies" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "devices_user_idx" ON "devices" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_metadata_document_id_uq" ON "document_metadata" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_metadata_case_id_idx" ON "document_metadata" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "document_metadata_org_version_idx" ON "document_metadata" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "document_metadata_case_id_version_scope_idx" ON "document_metadata" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_document_id_version_number_uq" ON "document_versions" USING btree ("document_id","version_number");--> statement-breakpoint
CREATE INDEX "document_versions_case_id_idx" ON "document_versions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "document_versions_storage_key_idx" ON "document_versions" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "document_versions_org_version_idx" ON "document_versions" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "document_versions_case_id_version_scope_idx" ON "document_versions" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "documents_case_id_document_type_processing_status_idx" ON "documents" USING btree ("case_id","document_type","processing_status");--> statement-breakpoint
CREATE INDEX "documents_person_id_idx" ON "documents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "documents_expires_at_idx" ON "documents" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "documents_org_version_idx" ON "documents" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "documents_case_id_version_scope_idx" ON "documents" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "eligibility_assessments_case_id_idx" ON "eligibility_assessments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "eligibility_assessments_person_id_idx" ON "eligibility_assessments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "eligibility_assessments_org_version_idx" ON "eligibility_assessments" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "eligibility_assessments_case_id_version_scope_idx" ON "eligibility_assessments" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "family_members_primary_person_id_related_person_id_uq" ON "family_members" USING btree ("primary_person_id","related_person_id");--> statement-breakpoint
CREATE INDEX "family_members_case_id_idx" ON "family_members" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "family_members_related_person_id_idx" ON "family_members" USING btree ("related_person_id");--> statement-breakpoint
CREATE INDEX "family_members_org_version_idx" ON "family_members" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "family_members_case_id_version_scope_idx" ON "family_members" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_id_invoice_number_uq" ON "invoices" USING btree ("org_id","invoice_number");--> statement-breakpoint
CREATE INDEX "invoices_case_id_idx" ON "invoices" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "invoices_status_idx" ON "invoices" USING btree ("status");--> statement-breakpoint
CREATE INDEX "invoices_due_date_idx" ON "invoices" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "invoices_org_version_idx" ON "invoices" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "invoices_case_id_version_scope_idx" ON "invoices" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "law_chunks_law_source_id_chunk_index_uq" ON "law_chunks" USING btree ("law_source_id","chunk_index");--> statement-breakpoint
CREATE INDEX "law_chunks_chunk_hash_idx" ON "law_chunks" USING btree ("chunk_hash");--> statement-breakpoint
CREATE INDEX "law_chunks_org_version_idx" ON "law_chunks" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "law_sources_org_id_url_content_hash_uq" ON "law_sources" USING btree ("org_id","url","content_hash");--> statement-breakpoint
CREATE INDEX "law_sources_url_idx" ON "law_sources" USING btree ("url");--> statement-breakpoint
CREATE INDEX "law_sources_jurisdiction_idx" ON "law_sources" USING btree ("jurisdiction");--> statement-breakpoint
CREATE INDEX "law_sources_org_version_idx" ON "law_sources" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "lead_activities_lead_id_idx" ON "lead_activities" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "lead_activities_org_version_idx" ON "lead_activities" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_org_id_lead_number_uq" ON "leads" USING btree ("org_id","lead_number");--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("status");--> statement-breakpoint
CREATE INDEX "leads_next_follow_up_at_idx" ON "leads" USING btree ("next_follow_up_at");--> statement-breakpoint
CREATE INDEX "leads_org_version_idx" ON "leads" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "org_memberships_org_id_user_id_uq" ON "org_memberships" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "org_memberships_user_id_idx" ON "org_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "org_memberships_role_idx" ON "org_memberships" USING btree ("role");--> statement-breakpoint
CREATE INDEX "org_memberships_org_version_idx" ON "org_memberships" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_domain_uq" ON "organizations" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "organizations_org_version_idx" ON "organizations" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "payments_case_id_idx" ON "payments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "payments_invoice_id_idx" ON "payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "payments_org_version_idx" ON "payments" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "payments_case_id_version_scope_idx" ON "payments" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "persons_case_id_idx" ON "persons" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "persons_last_name_first_name_idx" ON "persons" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "persons_email_idx" ON "persons" USING btree ("email");--> statement-breakpoint
CREATE INDEX "persons_org_version_idx" ON "persons" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "persons_case_id_version_scope_idx" ON "persons" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_hash_uq" ON "refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_device_idx" ON "refresh_tokens" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "rule_proposals_rule_id_idx" ON "rule_proposals" USING btree ("rule_id");--> statement-breakpoint
CREATE INDEX "rule_proposals_status_idx" ON "rule_proposals" USING btree ("status");--> statement-breakpoint
CREATE INDEX "rule_proposals_org_version_idx" ON "rule_proposals" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "security_events_kind_at_idx" ON "security_events" USING btree ("kind","at");--> statement-breakpoint
CREATE UNIQUE INDEX "server_audit_org_seq_uq" ON "server_audit" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "server_audit_org_table_record_idx" ON "server_audit" USING btree ("org_id","table_name","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_clients_client_org_uq" ON "sync_clients" USING btree ("client_id","org_id");--> statement-breakpoint
CREATE INDEX "tasks_case_id_idx" ON "tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "tasks_assigned_to_user_id_status_due_date_idx" ON "tasks" USING btree ("assigned_to_user_id","status","due_date");--> statement-breakpoint
CREATE INDEX "tasks_due_date_idx" ON "tasks" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "tasks_org_version_idx" ON "tasks" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "tasks_case_id_version_scope_idx" ON "tasks" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "templates_org_version_idx" ON "templates" USING btree ("org_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_version_idx" ON "users" USING btree ("version");