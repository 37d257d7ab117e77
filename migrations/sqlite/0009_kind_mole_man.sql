CREATE TABLE `debt_budget_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`budget_id` text NOT NULL,
	`category` text NOT NULL,
	`label` text NOT NULL,
	`amount` text NOT NULL,
	`frequency` text NOT NULL,
	`monthly` text NOT NULL,
	`note` text,
	`display_order` integer DEFAULT 0
);
--> statement-breakpoint
CREATE INDEX `debt_budget_lines_budget_id_idx` ON `debt_budget_lines` (`budget_id`);--> statement-breakpoint
CREATE INDEX `debt_budget_lines_case_id_scope_idx` ON `debt_budget_lines` (`case_id`);--> statement-breakpoint
CREATE TABLE `debt_budgets` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`budget_date` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`household_adults` integer,
	`household_children` integer,
	`total_income` text DEFAULT '0',
	`total_expenditure` text DEFAULT '0',
	`surplus` text DEFAULT '0',
	`finalised_by` text,
	`finalised_at` text,
	`signed_off_by` text,
	`signed_off_at` text,
	`notes` text
);
--> statement-breakpoint
CREATE INDEX `debt_budgets_case_id_budget_date_idx` ON `debt_budgets` (`case_id`,`budget_date`);--> statement-breakpoint
CREATE TABLE `debt_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`person_id` text,
	`ni_number` text,
	`household_adults` integer DEFAULT 1,
	`children_by_age` text DEFAULT '{}',
	`dependants` integer DEFAULT 0,
	`non_dependants` integer DEFAULT 0,
	`employment_status` text,
	`housing_tenure` text,
	`vulnerability_flags` text DEFAULT '[]',
	`vulnerability_consent` integer,
	`vulnerability_consent_at` text,
	`vulnerability_assessed_at` text,
	`preferred_contact` text,
	`recommended_solution` text,
	`solution_status` text DEFAULT 'none',
	`solution_recommended_by` text,
	`solution_signed_off_by` text,
	`solution_signed_off_at` text,
	`data_classification` text DEFAULT 'restricted'
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debt_clients_case_id_uq` ON `debt_clients` (`case_id`);--> statement-breakpoint
CREATE INDEX `debt_clients_person_id_idx` ON `debt_clients` (`person_id`);--> statement-breakpoint
CREATE INDEX `debt_clients_case_id_scope_idx` ON `debt_clients` (`case_id`);--> statement-breakpoint
CREATE TABLE `debt_creditors` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`name` text NOT NULL,
	`creditor_type` text,
	`address` text DEFAULT '{}',
	`email` text,
	`phone` text,
	`reference_format` text,
	`accepts_sfs` integer DEFAULT 0,
	`notes` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debt_creditors_org_id_name_uq` ON `debt_creditors` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `debt_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`budget_id` text,
	`debt_id` text NOT NULL,
	`amount` text NOT NULL,
	`is_token` integer DEFAULT 0,
	`status` text DEFAULT 'proposed',
	`basis` text DEFAULT '{}'
);
--> statement-breakpoint
CREATE INDEX `debt_offers_case_id_idx` ON `debt_offers` (`case_id`);--> statement-breakpoint
CREATE INDEX `debt_offers_debt_id_idx` ON `debt_offers` (`debt_id`);--> statement-breakpoint
CREATE TABLE `debt_spending_guidelines` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`guideline_set` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_until` text,
	`adults` integer NOT NULL,
	`children` integer NOT NULL,
	`category` text NOT NULL,
	`monthly_amount` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debt_spending_guidelines_org_id_guideline_set_effective_from_adults_children_category_uq` ON `debt_spending_guidelines` (`org_id`,`guideline_set`,`effective_from`,`adults`,`children`,`category`);--> statement-breakpoint
CREATE TABLE `debts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`deleted_at` text,
	`case_id` text NOT NULL,
	`creditor_id` text,
	`debt_type` text NOT NULL,
	`balance` text NOT NULL,
	`arrears` text DEFAULT '0',
	`contractual_payment` text,
	`arrears_offer` text,
	`is_priority` integer NOT NULL,
	`priority_override_reason` text,
	`ccj` integer DEFAULT 0,
	`interest_frozen` integer DEFAULT 0,
	`enforcement_stage` text DEFAULT 'none',
	`account_reference` text,
	`joint` integer DEFAULT 0,
	`status` text DEFAULT 'active'
);
--> statement-breakpoint
CREATE INDEX `debts_case_id_idx` ON `debts` (`case_id`);--> statement-breakpoint
CREATE INDEX `debts_creditor_id_idx` ON `debts` (`creditor_id`);