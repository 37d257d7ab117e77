PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_approved_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`rule_id` text NOT NULL,
	`rule_version` integer DEFAULT 1 NOT NULL,
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
INSERT INTO `__new_approved_rules`("id", "org_id", "version", "created_at", "updated_at", "updated_by", "deleted_at", "rule_id", "rule_version", "rule_category", "rule_json", "conditions_json", "effects_json", "source_url", "source_section", "approved_by_user_id", "approved_at", "is_active", "superseded_by", "effective_from", "effective_until", "description", "tags", "metadata") SELECT "id", "org_id", 0, "created_at", "updated_at", "updated_by", "deleted_at", "rule_id", max("version", 1), "rule_category", "rule_json", "conditions_json", "effects_json", "source_url", "source_section", "approved_by_user_id", "approved_at", "is_active", "superseded_by", "effective_from", "effective_until", "description", "tags", "metadata" FROM `approved_rules`;--> statement-breakpoint
DROP TABLE `approved_rules`;--> statement-breakpoint
ALTER TABLE `__new_approved_rules` RENAME TO `approved_rules`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `approved_rules_org_id_rule_id_rule_version_uq` ON `approved_rules` (`org_id`,`rule_id`,`rule_version`);--> statement-breakpoint
CREATE INDEX `approved_rules_rule_category_idx` ON `approved_rules` (`rule_category`);--> statement-breakpoint
CREATE INDEX `approved_rules_effective_from_effective_until_idx` ON `approved_rules` (`effective_from`,`effective_until`);