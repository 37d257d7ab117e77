CREATE TABLE `crm_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`kind` text NOT NULL,
	`contact_id` text,
	`lead_id` text,
	`deal_id` text,
	`subject` text,
	`body` text,
	`direction` text,
	`phone_e164` text,
	`occurred_at` text NOT NULL,
	`duration_seconds` integer,
	`performed_by_user_id` text,
	`external_id` text
);
--> statement-breakpoint
CREATE INDEX `crm_activities_contact_id_idx` ON `crm_activities` (`contact_id`);--> statement-breakpoint
CREATE INDEX `crm_activities_lead_id_idx` ON `crm_activities` (`lead_id`);--> statement-breakpoint
CREATE INDEX `crm_activities_deal_id_idx` ON `crm_activities` (`deal_id`);--> statement-breakpoint
CREATE INDEX `crm_activities_external_id_idx` ON `crm_activities` (`external_id`);--> statement-breakpoint
CREATE TABLE `crm_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`kind` text DEFAULT 'person' NOT NULL,
	`first_name` text,
	`last_name` text,
	`organization_name` text,
	`employer_contact_id` text,
	`email` text,
	`email_key` text,
	`phone` text,
	`phone_e164` text,
	`country` text,
	`date_of_birth` text,
	`tags` text DEFAULT '[]',
	`watchers` text DEFAULT '[]',
	`owner_user_id` text,
	`source` text,
	`notes` text,
	`merged_into_id` text,
	`merge_history` text DEFAULT '[]'
);
--> statement-breakpoint
CREATE INDEX `crm_contacts_email_key_idx` ON `crm_contacts` (`email_key`);--> statement-breakpoint
CREATE INDEX `crm_contacts_phone_e164_idx` ON `crm_contacts` (`phone_e164`);--> statement-breakpoint
CREATE INDEX `crm_contacts_last_name_first_name_idx` ON `crm_contacts` (`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `crm_contacts_merged_into_id_idx` ON `crm_contacts` (`merged_into_id`);--> statement-breakpoint
CREATE TABLE `crm_deals` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`pipeline_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`title` text NOT NULL,
	`contact_id` text,
	`lead_id` text,
	`value` text DEFAULT '0' NOT NULL,
	`currency` text DEFAULT 'CAD' NOT NULL,
	`owner_user_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_reason` text,
	`expected_close_date` text,
	`stage_entered_at` text NOT NULL,
	`stage_history` text DEFAULT '[]',
	`case_id` text,
	`closed_at` text
);
--> statement-breakpoint
CREATE INDEX `crm_deals_pipeline_id_stage_id_status_idx` ON `crm_deals` (`pipeline_id`,`stage_id`,`status`);--> statement-breakpoint
CREATE INDEX `crm_deals_contact_id_idx` ON `crm_deals` (`contact_id`);--> statement-breakpoint
CREATE INDEX `crm_deals_owner_user_id_idx` ON `crm_deals` (`owner_user_id`);--> statement-breakpoint
CREATE TABLE `crm_pipelines` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`name` text NOT NULL,
	`currency` text DEFAULT 'CAD' NOT NULL,
	`is_default` integer DEFAULT 0
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_pipelines_org_id_name_uq` ON `crm_pipelines` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `crm_sla_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`business_hours` text NOT NULL,
	`holiday_country` text,
	`holiday_region` text,
	`extra_closed_days` text DEFAULT '[]',
	`targets` text NOT NULL,
	`at_risk_percent` integer DEFAULT 75 NOT NULL,
	`is_default` integer DEFAULT 0
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_sla_policies_org_id_name_uq` ON `crm_sla_policies` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `crm_stages` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`pipeline_id` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`probability` integer DEFAULT 0 NOT NULL,
	`kind` text DEFAULT 'open' NOT NULL,
	`wip_limit` integer,
	`wip_mode` text DEFAULT 'soft' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `crm_stages_pipeline_id_position_idx` ON `crm_stages` (`pipeline_id`,`position`);--> statement-breakpoint
CREATE TABLE `crm_tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`ticket_number` text NOT NULL,
	`subject` text NOT NULL,
	`description` text,
	`contact_id` text,
	`queue` text DEFAULT 'support' NOT NULL,
	`category` text,
	`priority` text DEFAULT 'normal' NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`assignee_user_id` text,
	`sla_policy_id` text,
	`opened_at` text NOT NULL,
	`first_response_at` text,
	`resolved_at` text,
	`pauses` text DEFAULT '[]'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_tickets_org_id_ticket_number_uq` ON `crm_tickets` (`org_id`,`ticket_number`);--> statement-breakpoint
CREATE INDEX `crm_tickets_status_priority_idx` ON `crm_tickets` (`status`,`priority`);--> statement-breakpoint
CREATE INDEX `crm_tickets_contact_id_idx` ON `crm_tickets` (`contact_id`);--> statement-breakpoint
ALTER TABLE `leads` ADD `contact_id` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `case_type` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `first_response_at` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `closed_reason` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `score_explanation` text;