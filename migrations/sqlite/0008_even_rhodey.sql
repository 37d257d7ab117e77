CREATE TABLE `org_roles` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`role_key` text NOT NULL,
	`label` text,
	`inherits` text NOT NULL,
	`add_rules` text DEFAULT '[]',
	`remove_rules` text DEFAULT '[]',
	`supervised` integer DEFAULT 0,
	`packed_rules` text DEFAULT '[]'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `org_roles_org_id_role_key_uq` ON `org_roles` (`org_id`,`role_key`);