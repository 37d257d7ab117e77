CREATE TABLE `config_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_type` text NOT NULL,
	`config_version` integer NOT NULL,
	`definition` text NOT NULL,
	`proposal_id` text,
	`approved_by` text,
	`approved_at` text NOT NULL,
	`summary` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `config_versions_org_id_case_type_config_version_uq` ON `config_versions` (`org_id`,`case_type`,`config_version`);--> statement-breakpoint
CREATE INDEX `config_versions_case_type_idx` ON `config_versions` (`case_type`);--> statement-breakpoint
ALTER TABLE `cases` ADD `config_version` integer;