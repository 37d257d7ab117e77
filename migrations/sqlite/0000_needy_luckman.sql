CREATE TABLE `ai_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`session_id` text,
	`action_type` text NOT NULL,
	`agent_name` text NOT NULL,
	`input_data` text NOT NULL,
	`output_data` text DEFAULT '{}',
	`status` text DEFAULT 'pending',
	`success` integer,
	`error_message` text,
	`requires_approval` integer DEFAULT 0,
	`approved_by_user_id` text,
	`approved_at` text,
	`started_at` text,
	`completed_at` text,
	`duration_ms` integer,
	`confidence_score` text,
	`metadata` text DEFAULT '{}'
);
--> statement-breakpoint
CREATE INDEX `ai_actions_case_id_idx` ON `ai_actions` (`case_id`);--> statement-breakpoint
CREATE INDEX `ai_actions_requires_approval_approved_at_idx` ON `ai_actions` (`requires_approval`,`approved_at`);--> statement-breakpoint
CREATE TABLE `ai_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`session_id` text NOT NULL,
	`message_type` text NOT NULL,
	`role` text NOT NULL,
	`content` text NOT NULL,
	`tokens_used` integer,
	`processing_time_ms` integer,
	`model_used` text,
	`metadata` text DEFAULT '{}'
);
--> statement-breakpoint
CREATE INDEX `ai_messages_session_id_idx` ON `ai_messages` (`session_id`);--> statement-breakpoint
CREATE INDEX `ai_messages_case_id_scope_idx` ON `ai_messages` (`case_id`);--> statement-breakpoint
CREATE TABLE `ai_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`session_type` text NOT NULL,
	`initiated_by_user_id` text,
	`context` text DEFAULT '{}',
	`initial_prompt` text,
	`status` text DEFAULT 'active',
	`started_at` text,
	`completed_at` text,
	`duration_ms` integer,
	`final_output` text DEFAULT '{}',
	`confidence_score` text,
	`agent_version` text,
	`model_version` text
);
--> statement-breakpoint
CREATE INDEX `ai_sessions_case_id_idx` ON `ai_sessions` (`case_id`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`person_id` text,
	`advisor_user_id` text,
	`appointment_type` text NOT NULL,
	`status` text DEFAULT 'scheduled',
	`scheduled_at` text NOT NULL,
	`duration_minutes` integer DEFAULT 60,
	`location` text,
	`meeting_mode` text DEFAULT 'in_person',
	`preparation_notes` text,
	`outcome_summary` text,
	`follow_up_required` integer DEFAULT 0,
	`follow_up_date` text,
	`reminder_sent` integer DEFAULT 0,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `appointments_case_id_idx` ON `appointments` (`case_id`);--> statement-breakpoint
CREATE INDEX `appointments_scheduled_at_idx` ON `appointments` (`scheduled_at`);--> statement-breakpoint
CREATE TABLE `approved_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`rule_id` text NOT NULL,
	`rule_category` text NOT NULL,
	`rule_json` text NOT NULL,
	`conditions_json` text DEFAULT '{}',
	`effects_json` text DEFAULT '{}',
	`source_url` text,
	`source_section` text,
	`approved_by_user_id` text,
	`approved_at` text NOT NULL,
	`is_active` integer DEFAULT 1,
	`superseded_by` text,
	`effective_from` text NOT NULL,
	`effective_until` text,
	`description` text,
	`tags` text DEFAULT '[]',
	`metadata` text DEFAULT '{}'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approved_rules_org_id_rule_id_version_uq` ON `approved_rules` (`org_id`,`rule_id`,`version`);--> statement-breakpoint
CREATE INDEX `approved_rules_rule_category_idx` ON `approved_rules` (`rule_category`);--> statement-breakpoint
CREATE INDEX `approved_rules_effective_from_effective_until_idx` ON `approved_rules` (`effective_from`,`effective_until`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`event_type` text NOT NULL,
	`table_name` text,
	`record_id` text,
	`user_id` text,
	`user_email` text,
	`user_role` text,
	`old_values` text,
	`new_values` text,
	`changed_fields` text DEFAULT '[]',
	`request_id` text,
	`description` text,
	`metadata` text DEFAULT '{}',
	`seq` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_seq_uq` ON `audit_log` (`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_table_name_record_id_idx` ON `audit_log` (`table_name`,`record_id`);--> statement-breakpoint
CREATE TABLE `case_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text DEFAULT 'staff' NOT NULL,
	`permissions` text DEFAULT '{}',
	`granted_by` text,
	`expires_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_assignments_case_id_user_id_uq` ON `case_assignments` (`case_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `case_assignments_user_id_idx` ON `case_assignments` (`user_id`);--> statement-breakpoint
CREATE INDEX `case_assignments_case_id_scope_idx` ON `case_assignments` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`event_type` text NOT NULL,
	`event_category` text,
	`title` text NOT NULL,
	`description` text,
	`event_data` text DEFAULT '{}',
	`previous_state` text DEFAULT '{}',
	`new_state` text DEFAULT '{}',
	`triggered_by_user_id` text,
	`triggered_by_system` text,
	`is_visible_to_client` integer DEFAULT 1,
	`is_milestone` integer DEFAULT 0,
	`external_reference` text,
	`metadata` text DEFAULT '{}'
);
--> statement-breakpoint
CREATE INDEX `case_events_case_id_created_at_idx` ON `case_events` (`case_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `case_events_event_type_idx` ON `case_events` (`event_type`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_number` text NOT NULL,
	`case_type` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`priority` text DEFAULT 'normal',
	`primary_applicant_id` text,
	`client_data` text DEFAULT '{}',
	`immigration_program` text,
	`target_province` text,
	`estimated_timeline` text DEFAULT '{}',
	`fee_structure` text DEFAULT '{}',
	`payment_status` text DEFAULT 'pending',
	`total_fees` text,
	`paid_amount` text DEFAULT '0',
	`assigned_consultant_id` text,
	`assigned_staff` text DEFAULT '[]',
	`source` text,
	`tags` text DEFAULT '[]',
	`custom_fields` text DEFAULT '{}',
	`consultation_date` text,
	`retainer_signed_at` text,
	`submitted_at` text,
	`decision_date` text,
	`closed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_org_id_case_number_uq` ON `cases` (`org_id`,`case_number`);--> statement-breakpoint
CREATE INDEX `cases_status_updated_at_idx` ON `cases` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `cases_case_type_priority_created_at_idx` ON `cases` (`case_type`,`priority`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_assigned_consultant_id_updated_at_idx` ON `cases` (`assigned_consultant_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `cases_priority_updated_at_idx` ON `cases` (`priority`,`updated_at`);--> statement-breakpoint
CREATE INDEX `cases_updated_at_idx` ON `cases` (`updated_at`);--> statement-breakpoint
CREATE INDEX `cases_created_at_idx` ON `cases` (`created_at`);--> statement-breakpoint
CREATE INDEX `cases_case_number_idx` ON `cases` (`case_number`);--> statement-breakpoint
CREATE TABLE `checklist_instances` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`config_checklist_id` text,
	`name` text NOT NULL,
	`description` text,
	`checklist_type` text,
	`items` text DEFAULT '[]' NOT NULL,
	`completion_status` text DEFAULT '{}',
	`total_items` integer DEFAULT 0,
	`completed_items` integer DEFAULT 0,
	`completion_percentage` integer DEFAULT 0,
	`started_at` text,
	`completed_at` text,
	`due_date` text
);
--> statement-breakpoint
CREATE INDEX `checklist_instances_case_id_idx` ON `checklist_instances` (`case_id`);--> statement-breakpoint
CREATE TABLE `communications` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`communication_type` text NOT NULL,
	`direction` text NOT NULL,
	`channel` text,
	`from_user_id` text,
	`to_user_id` text,
	`participants` text DEFAULT '[]',
	`subject` text,
	`body` text,
	`attachments` text DEFAULT '[]',
	`status` text DEFAULT 'sent',
	`read_at` text,
	`replied_at` text,
	`auto_generated` integer DEFAULT 0,
	`template_id` text,
	`triggered_by` text,
	`external_id` text,
	`metadata` text DEFAULT '{}',
	`data_classification` text DEFAULT 'internal'
);
--> statement-breakpoint
CREATE INDEX `communications_case_id_communication_type_created_at_idx` ON `communications` (`case_id`,`communication_type`,`created_at`);--> statement-breakpoint
CREATE TABLE `config_case_types` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`description` text,
	`category` text,
	`config` text DEFAULT '{}' NOT NULL,
	`required_fields` text DEFAULT '[]',
	`optional_fields` text DEFAULT '[]',
	`is_active` integer DEFAULT 1,
	`is_system_default` integer DEFAULT 0
);
--> statement-breakpoint
CREATE UNIQUE INDEX `config_case_types_org_id_code_uq` ON `config_case_types` (`org_id`,`code`);--> statement-breakpoint
CREATE TABLE `config_change_log` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`proposal_id` text,
	`change_type` text NOT NULL,
	`target_entity` text NOT NULL,
	`target_id` text,
	`old_values` text,
	`new_values` text,
	`diff` text,
	`applied_by` text
);
--> statement-breakpoint
CREATE TABLE `config_change_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`change_type` text NOT NULL,
	`target_entity` text NOT NULL,
	`target_id` text,
	`proposed_changes` text NOT NULL,
	`risk_level` text DEFAULT 'MEDIUM',
	`affected_entities` text DEFAULT '[]',
	`rollback_plan` text,
	`status` text DEFAULT 'PENDING',
	`approved_by` text,
	`approved_at` text,
	`rejection_reason` text,
	`proposed_by` text
);
--> statement-breakpoint
CREATE TABLE `config_checklists` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_type_id` text,
	`checklist_key` text NOT NULL,
	`label` text NOT NULL,
	`description` text,
	`items` text DEFAULT '[]' NOT NULL,
	`dependencies` text DEFAULT '{}',
	`visibility_conditions` text DEFAULT '{}',
	`is_active` integer DEFAULT 1
);
--> statement-breakpoint
CREATE UNIQUE INDEX `config_checklists_org_id_case_type_id_checklist_key_uq` ON `config_checklists` (`org_id`,`case_type_id`,`checklist_key`);--> statement-breakpoint
CREATE TABLE `config_feature_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`flag_key` text NOT NULL,
	`label` text NOT NULL,
	`description` text,
	`is_enabled` integer DEFAULT 0,
	`config` text DEFAULT '{}',
	`rollout_percentage` integer DEFAULT 0,
	`target_users` text DEFAULT '[]'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `config_feature_flags_org_id_flag_key_uq` ON `config_feature_flags` (`org_id`,`flag_key`);--> statement-breakpoint
CREATE TABLE `config_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_type_id` text,
	`field_key` text NOT NULL,
	`label` text NOT NULL,
	`input_type` text NOT NULL,
	`validation_rules` text DEFAULT '{}',
	`is_required` integer DEFAULT 0,
	`display_order` integer DEFAULT 0,
	`help_text` text,
	`placeholder` text,
	`options` text DEFAULT '[]'
);
--> statement-breakpoint
CREATE INDEX `config_fields_case_type_id_idx` ON `config_fields` (`case_type_id`);--> statement-breakpoint
CREATE TABLE `config_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_type_id` text,
	`form_key` text NOT NULL,
	`label` text NOT NULL,
	`description` text,
	`steps` text DEFAULT '[]',
	`layout` text DEFAULT '{}',
	`display_order` integer DEFAULT 0,
	`is_active` integer DEFAULT 1
);
--> statement-breakpoint
CREATE UNIQUE INDEX `config_forms_org_id_case_type_id_form_key_uq` ON `config_forms` (`org_id`,`case_type_id`,`form_key`);--> statement-breakpoint
CREATE TABLE `crs_calculations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`person_id` text NOT NULL,
	`calculation_type` text NOT NULL,
	`calculation_date` text NOT NULL,
	`core_factors` text NOT NULL,
	`spouse_factors` text DEFAULT '{}',
	`skill_transferability` text DEFAULT '{}',
	`additional_factors` text DEFAULT '{}',
	`total_score` integer NOT NULL,
	`core_score` integer NOT NULL,
	`spouse_score` integer DEFAULT 0,
	`skill_transferability_score` integer DEFAULT 0,
	`additional_score` integer DEFAULT 0,
	`score_breakdown` text NOT NULL,
	`rules_applied` text NOT NULL,
	`improvement_scenarios` text DEFAULT '[]',
	`recommendations` text DEFAULT '[]',
	`calculated_by_agent` text,
	`rules_version` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `crs_calculations_case_id_idx` ON `crs_calculations` (`case_id`);--> statement-breakpoint
CREATE INDEX `crs_calculations_person_id_idx` ON `crs_calculations` (`person_id`);--> statement-breakpoint
CREATE TABLE `data_retention_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`table_name` text NOT NULL,
	`retention_period_days` integer NOT NULL,
	`archive_after_days` integer,
	`delete_after_days` integer,
	`conditions` text DEFAULT '{}',
	`is_active` integer DEFAULT 1
);
--> statement-breakpoint
CREATE UNIQUE INDEX `data_retention_policies_org_id_table_name_uq` ON `data_retention_policies` (`org_id`,`table_name`);--> statement-breakpoint
CREATE TABLE `document_metadata` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`document_id` text NOT NULL,
	`version_id` text,
	`extracted_text` text,
	`ocr_confidence` text,
	`extracted_data` text DEFAULT '{}',
	`validation_results` text DEFAULT '{}',
	`quality_score` text,
	`ai_classification` text DEFAULT '{}',
	`ai_confidence` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_metadata_document_id_uq` ON `document_metadata` (`document_id`);--> statement-breakpoint
CREATE INDEX `document_metadata_case_id_idx` ON `document_metadata` (`case_id`);--> statement-breakpoint
CREATE TABLE `document_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`document_id` text NOT NULL,
	`version_number` integer NOT NULL,
	`filename` text NOT NULL,
	`file_size` integer NOT NULL,
	`mime_type` text,
	`storage_key` text NOT NULL,
	`checksum` text NOT NULL,
	`file_key` text,
	`change_description` text,
	`uploaded_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_versions_document_id_version_number_uq` ON `document_versions` (`document_id`,`version_number`);--> statement-breakpoint
CREATE INDEX `document_versions_case_id_idx` ON `document_versions` (`case_id`);--> statement-breakpoint
CREATE INDEX `document_versions_storage_key_idx` ON `document_versions` (`storage_key`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`person_id` text,
	`document_type` text NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`filename` text NOT NULL,
	`original_filename` text NOT NULL,
	`file_size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`storage_key` text NOT NULL,
	`processing_status` text DEFAULT 'pending',
	`ocr_status` text DEFAULT 'pending',
	`validation_status` text DEFAULT 'pending',
	`encryption_key_id` text,
	`access_level` text DEFAULT 'case_team',
	`tags` text DEFAULT '[]',
	`custom_fields` text DEFAULT '{}',
	`uploaded_by` text,
	`uploaded_at` text,
	`issued_at` text,
	`expires_at` text,
	`data_classification` text DEFAULT 'confidential'
);
--> statement-breakpoint
CREATE INDEX `documents_case_id_document_type_processing_status_idx` ON `documents` (`case_id`,`document_type`,`processing_status`);--> statement-breakpoint
CREATE INDEX `documents_person_id_idx` ON `documents` (`person_id`);--> statement-breakpoint
CREATE INDEX `documents_expires_at_idx` ON `documents` (`expires_at`);--> statement-breakpoint
CREATE TABLE `eligibility_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`person_id` text NOT NULL,
	`assessment_type` text NOT NULL,
	`immigration_program` text NOT NULL,
	`input_data` text NOT NULL,
	`rules_version` text NOT NULL,
	`is_eligible` integer,
	`eligibility_score` text,
	`confidence_level` text,
	`assessment_results` text NOT NULL,
	`rules_applied` text NOT NULL,
	`reasoning` text NOT NULL,
	`recommendations` text DEFAULT '[]',
	`improvement_suggestions` text DEFAULT '[]',
	`assessed_by_agent` text,
	`processing_time_ms` integer,
	`reviewed_by_user_id` text,
	`reviewed_at` text,
	`review_status` text DEFAULT 'pending'
);
--> statement-breakpoint
CREATE INDEX `eligibility_assessments_case_id_idx` ON `eligibility_assessments` (`case_id`);--> statement-breakpoint
CREATE INDEX `eligibility_assessments_person_id_idx` ON `eligibility_assessments` (`person_id`);--> statement-breakpoint
CREATE TABLE `family_members` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`primary_person_id` text NOT NULL,
	`related_person_id` text NOT NULL,
	`relationship` text NOT NULL,
	`is_accompanying` integer DEFAULT 0,
	`is_dependent` integer DEFAULT 0
);
--> statement-breakpoint
CREATE UNIQUE INDEX `family_members_primary_person_id_related_person_id_uq` ON `family_members` (`primary_person_id`,`related_person_id`);--> statement-breakpoint
CREATE INDEX `family_members_case_id_idx` ON `family_members` (`case_id`);--> statement-breakpoint
CREATE INDEX `family_members_related_person_id_idx` ON `family_members` (`related_person_id`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`invoice_number` text NOT NULL,
	`invoice_type` text DEFAULT 'standard',
	`status` text DEFAULT 'draft',
	`subtotal` text NOT NULL,
	`tax_amount` text DEFAULT '0',
	`total_amount` text NOT NULL,
	`currency` text DEFAULT 'CAD',
	`bill_to_name` text NOT NULL,
	`bill_to_email` text,
	`billing_address` text DEFAULT '{}',
	`line_items` text DEFAULT '[]' NOT NULL,
	`invoice_date` text NOT NULL,
	`due_date` text NOT NULL,
	`paid_date` text,
	`payment_method` text,
	`payment_reference` text,
	`notes` text,
	`custom_fields` text DEFAULT '{}',
	`created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_org_id_invoice_number_uq` ON `invoices` (`org_id`,`invoice_number`);--> statement-breakpoint
CREATE INDEX `invoices_case_id_idx` ON `invoices` (`case_id`);--> statement-breakpoint
CREATE INDEX `invoices_status_idx` ON `invoices` (`status`);--> statement-breakpoint
CREATE INDEX `invoices_due_date_idx` ON `invoices` (`due_date`);--> statement-breakpoint
CREATE TABLE `law_chunks` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`law_source_id` text NOT NULL,
	`chunk_index` integer NOT NULL,
	`chunk_text` text NOT NULL,
	`chunk_hash` text NOT NULL,
	`section_title` text,
	`section_number` text,
	`tags` text DEFAULT '[]'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `law_chunks_law_source_id_chunk_index_uq` ON `law_chunks` (`law_source_id`,`chunk_index`);--> statement-breakpoint
CREATE INDEX `law_chunks_chunk_hash_idx` ON `law_chunks` (`chunk_hash`);--> statement-breakpoint
CREATE TABLE `law_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`url` text NOT NULL,
	`source_type` text NOT NULL,
	`jurisdiction` text,
	`title` text,
	`content_hash` text NOT NULL,
	`raw_html` text,
	`extracted_text` text,
	`last_fetched_at` text NOT NULL,
	`last_changed_at` text,
	`processing_status` text DEFAULT 'pending',
	`metadata` text DEFAULT '{}',
	`tags` text DEFAULT '[]'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `law_sources_org_id_url_content_hash_uq` ON `law_sources` (`org_id`,`url`,`content_hash`);--> statement-breakpoint
CREATE INDEX `law_sources_url_idx` ON `law_sources` (`url`);--> statement-breakpoint
CREATE INDEX `law_sources_jurisdiction_idx` ON `law_sources` (`jurisdiction`);--> statement-breakpoint
CREATE TABLE `lead_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`lead_id` text NOT NULL,
	`activity_type` text NOT NULL,
	`subject` text,
	`description` text,
	`activity_date` text NOT NULL,
	`duration_minutes` integer,
	`performed_by_user_id` text,
	`outcome` text,
	`next_action` text,
	`metadata` text DEFAULT '{}'
);
--> statement-breakpoint
CREATE INDEX `lead_activities_lead_id_idx` ON `lead_activities` (`lead_id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`lead_number` text,
	`status` text DEFAULT 'new',
	`first_name` text,
	`last_name` text,
	`email` text,
	`phone` text,
	`immigration_interest` text,
	`current_country` text,
	`target_province` text,
	`source` text,
	`source_details` text DEFAULT '{}',
	`utm_parameters` text DEFAULT '{}',
	`lead_score` integer DEFAULT 0,
	`qualification_status` text,
	`qualification_notes` text,
	`assigned_to_user_id` text,
	`last_contacted_at` text,
	`next_follow_up_at` text,
	`converted_to_case_id` text,
	`converted_at` text,
	`conversion_value` text,
	`custom_fields` text DEFAULT '{}',
	`notes` text,
	`tags` text DEFAULT '[]'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_org_id_lead_number_uq` ON `leads` (`org_id`,`lead_number`);--> statement-breakpoint
CREATE INDEX `leads_status_idx` ON `leads` (`status`);--> statement-breakpoint
CREATE INDEX `leads_next_follow_up_at_idx` ON `leads` (`next_follow_up_at`);--> statement-breakpoint
CREATE TABLE `org_memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`permissions` text DEFAULT '{}',
	`status` text DEFAULT 'active',
	`invited_by` text,
	`invited_at` text,
	`joined_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `org_memberships_org_id_user_id_uq` ON `org_memberships` (`org_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `org_memberships_user_id_idx` ON `org_memberships` (`user_id`);--> statement-breakpoint
CREATE INDEX `org_memberships_role_idx` ON `org_memberships` (`role`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`name` text NOT NULL,
	`domain` text,
	`type` text DEFAULT 'law_firm' NOT NULL,
	`settings` text DEFAULT '{}',
	`subscription_tier` text DEFAULT 'starter',
	`subscription_status` text DEFAULT 'active',
	`billing_info` text DEFAULT '{}',
	`branding` text DEFAULT '{}',
	`compliance_settings` text DEFAULT '{}'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_domain_uq` ON `organizations` (`domain`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`invoice_id` text,
	`payment_number` text,
	`payment_type` text,
	`amount` text NOT NULL,
	`currency` text DEFAULT 'CAD',
	`payment_processor` text,
	`processor_transaction_id` text,
	`processor_fee` text DEFAULT '0',
	`status` text DEFAULT 'pending',
	`payment_date` text NOT NULL,
	`processed_at` text,
	`payment_method_details` text DEFAULT '{}',
	`notes` text
);
--> statement-breakpoint
CREATE INDEX `payments_case_id_idx` ON `payments` (`case_id`);--> statement-breakpoint
CREATE INDEX `payments_invoice_id_idx` ON `payments` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`middle_name` text,
	`preferred_name` text,
	`date_of_birth` text,
	`place_of_birth` text,
	`gender` text,
	`marital_status` text,
	`email` text,
	`phone` text,
	`address` text DEFAULT '{}',
	`citizenship` text DEFAULT '[]',
	`passport_info` text DEFAULT '{}',
	`immigration_status` text,
	`relationship_to_primary` text,
	`education` text DEFAULT '[]',
	`work_experience` text DEFAULT '[]',
	`language_tests` text DEFAULT '[]',
	`profile_completion_percentage` integer DEFAULT 0,
	`custom_fields` text DEFAULT '{}',
	`data_classification` text DEFAULT 'confidential'
);
--> statement-breakpoint
CREATE INDEX `persons_case_id_idx` ON `persons` (`case_id`);--> statement-breakpoint
CREATE INDEX `persons_last_name_first_name_idx` ON `persons` (`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `persons_email_idx` ON `persons` (`email`);--> statement-breakpoint
CREATE TABLE `rule_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`rule_id` text NOT NULL,
	`rule_category` text NOT NULL,
	`rule_type` text NOT NULL,
	`rule_json` text NOT NULL,
	`conditions_json` text DEFAULT '{}',
	`effects_json` text DEFAULT '{}',
	`source_url` text,
	`source_section` text,
	`proposed_by_agent` text NOT NULL,
	`summary` text NOT NULL,
	`rationale` text,
	`impact_assessment` text DEFAULT '{}',
	`status` text DEFAULT 'pending',
	`reviewed_by` text,
	`reviewed_at` text,
	`review_notes` text,
	`effective_from` text,
	`effective_until` text,
	`base_rule_version` integer
);
--> statement-breakpoint
CREATE INDEX `rule_proposals_rule_id_idx` ON `rule_proposals` (`rule_id`);--> statement-breakpoint
CREATE INDEX `rule_proposals_status_idx` ON `rule_proposals` (`status`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`title` text NOT NULL,
	`description` text,
	`task_type` text DEFAULT 'general' NOT NULL,
	`category` text,
	`assigned_to_user_id` text,
	`assigned_to_role` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`priority` text DEFAULT 'normal',
	`due_date` text,
	`estimated_duration` integer,
	`actual_duration` integer,
	`depends_on` text DEFAULT '[]',
	`blocks` text DEFAULT '[]',
	`auto_generated` integer DEFAULT 0,
	`template_id` text,
	`completion_percentage` integer DEFAULT 0,
	`completed_by` text,
	`completed_at` text,
	`custom_fields` text DEFAULT '{}'
);
--> statement-breakpoint
CREATE INDEX `tasks_case_id_idx` ON `tasks` (`case_id`);--> statement-breakpoint
CREATE INDEX `tasks_assigned_to_user_id_status_due_date_idx` ON `tasks` (`assigned_to_user_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `tasks_due_date_idx` ON `tasks` (`due_date`);--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`template_type` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`content` text NOT NULL,
	`variables` text DEFAULT '[]',
	`config` text DEFAULT '{}',
	`is_active` integer DEFAULT 1,
	`is_system_default` integer DEFAULT 0,
	`template_version` integer DEFAULT 1,
	`created_by` text
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`email` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`phone` text,
	`profile` text DEFAULT '{}',
	`preferences` text DEFAULT '{}',
	`professional_info` text DEFAULT '{}',
	`last_login_at` text,
	`email_verified_at` text,
	`phone_verified_at` text,
	`two_factor_enabled` integer DEFAULT 0
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`mutation_id` integer,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`mine` text,
	`theirs` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolution` text
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_status_idx` ON `sync_conflicts` (`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `sync_conflicts_open_uq` ON `sync_conflicts` (`mutation_id`,`field`);--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`mutation_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`fields` text NOT NULL,
	`base` text,
	`base_version` integer,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`result` text
);
--> statement-breakpoint
CREATE INDEX `sync_outbox_status_idx` ON `sync_outbox` (`status`,`mutation_id`);--> statement-breakpoint
CREATE INDEX `sync_outbox_row_idx` ON `sync_outbox` (`table_name`,`row_id`);--> statement-breakpoint
CREATE TABLE `sync_shapes` (
	`table_name` text PRIMARY KEY NOT NULL,
	`handle` text,
	`offset` text DEFAULT '-1' NOT NULL,
	`last_pulled_at` text
);
--> statement-breakpoint
CREATE TABLE `vault_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
