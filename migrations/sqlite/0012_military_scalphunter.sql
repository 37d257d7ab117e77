CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text,
	`person_id` text NOT NULL,
	`purpose` text NOT NULL,
	`text_version` text NOT NULL,
	`method` text DEFAULT 'written' NOT NULL,
	`granted_at` text NOT NULL,
	`recorded_by` text,
	`withdrawn_at` text,
	`withdrawn_by` text,
	`notes` text
);
--> statement-breakpoint
CREATE INDEX `consents_case_id_idx` ON `consents` (`case_id`);--> statement-breakpoint
CREATE INDEX `consents_person_id_purpose_idx` ON `consents` (`person_id`,`purpose`);