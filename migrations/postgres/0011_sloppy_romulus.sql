CREATE TABLE "debt_budget_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"category" varchar(50) NOT NULL,
	"label" varchar(255) NOT NULL,
	"amount" numeric(21, 6) NOT NULL,
	"frequency" varchar(20) NOT NULL,
	"monthly" numeric(21, 6) NOT NULL,
	"note" varchar(2000),
	"display_order" integer DEFAULT 0
);
--> statement-breakpoint
CREATE TABLE "debt_budgets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"budget_date" date NOT NULL,
	"status" varchar(30) DEFAULT 'draft' NOT NULL,
	"household_adults" integer,
	"household_children" integer,
	"total_income" numeric(21, 6) DEFAULT '0',
	"total_expenditure" numeric(21, 6) DEFAULT '0',
	"surplus" numeric(21, 6) DEFAULT '0',
	"finalised_by" uuid,
	"finalised_at" timestamp(3) with time zone,
	"signed_off_by" uuid,
	"signed_off_at" timestamp(3) with time zone,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "debt_clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"person_id" uuid,
	"ni_number" varchar(9),
	"household_adults" integer DEFAULT 1,
	"children_by_age" jsonb DEFAULT '{}'::jsonb,
	"dependants" integer DEFAULT 0,
	"non_dependants" integer DEFAULT 0,
	"employment_status" varchar(50),
	"housing_tenure" varchar(50),
	"vulnerability_flags" jsonb DEFAULT '[]'::jsonb,
	"vulnerability_consent" boolean,
	"vulnerability_consent_at" timestamp(3) with time zone,
	"vulnerability_assessed_at" timestamp(3) with time zone,
	"preferred_contact" varchar(20),
	"recommended_solution" varchar(50),
	"solution_status" varchar(30) DEFAULT 'none',
	"solution_recommended_by" uuid,
	"solution_signed_off_by" uuid,
	"solution_signed_off_at" timestamp(3) with time zone,
	"data_classification" varchar(20) DEFAULT 'restricted'
);
--> statement-breakpoint
CREATE TABLE "debt_creditors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"name" varchar(255) NOT NULL,
	"creditor_type" varchar(50),
	"address" jsonb DEFAULT '{}'::jsonb,
	"email" varchar(255),
	"phone" varchar(30),
	"reference_format" varchar(100),
	"accepts_sfs" boolean DEFAULT false,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "debt_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"budget_id" uuid,
	"debt_id" uuid NOT NULL,
	"amount" numeric(21, 6) NOT NULL,
	"is_token" boolean DEFAULT false,
	"status" varchar(30) DEFAULT 'proposed',
	"basis" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "debt_spending_guidelines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"guideline_set" varchar(255) NOT NULL,
	"effective_from" date NOT NULL,
	"effective_until" date,
	"adults" integer NOT NULL,
	"children" integer NOT NULL,
	"category" varchar(50) NOT NULL,
	"monthly_amount" numeric(21, 6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "debts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp(3) with time zone,
	"case_id" uuid NOT NULL,
	"creditor_id" uuid,
	"debt_type" varchar(50) NOT NULL,
	"balance" numeric(21, 6) NOT NULL,
	"arrears" numeric(21, 6) DEFAULT '0',
	"contractual_payment" numeric(21, 6),
	"arrears_offer" numeric(21, 6),
	"is_priority" boolean NOT NULL,
	"priority_override_reason" varchar(1000),
	"ccj" boolean DEFAULT false,
	"interest_frozen" boolean DEFAULT false,
	"enforcement_stage" varchar(50) DEFAULT 'none',
	"account_reference" varchar(100),
	"joint" boolean DEFAULT false,
	"status" varchar(30) DEFAULT 'active'
);
--> statement-breakpoint
CREATE INDEX "debt_budget_lines_budget_id_idx" ON "debt_budget_lines" USING btree ("budget_id");--> statement-breakpoint
CREATE INDEX "debt_budget_lines_org_version_idx" ON "debt_budget_lines" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "debt_budget_lines_case_id_version_scope_idx" ON "debt_budget_lines" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "debt_budgets_case_id_budget_date_idx" ON "debt_budgets" USING btree ("case_id","budget_date");--> statement-breakpoint
CREATE INDEX "debt_budgets_org_version_idx" ON "debt_budgets" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "debt_budgets_case_id_version_scope_idx" ON "debt_budgets" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "debt_clients_case_id_uq" ON "debt_clients" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "debt_clients_person_id_idx" ON "debt_clients" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "debt_clients_org_version_idx" ON "debt_clients" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "debt_clients_case_id_version_scope_idx" ON "debt_clients" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "debt_creditors_org_id_name_uq" ON "debt_creditors" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "debt_creditors_org_version_idx" ON "debt_creditors" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "debt_offers_case_id_idx" ON "debt_offers" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "debt_offers_debt_id_idx" ON "debt_offers" USING btree ("debt_id");--> statement-breakpoint
CREATE INDEX "debt_offers_org_version_idx" ON "debt_offers" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "debt_offers_case_id_version_scope_idx" ON "debt_offers" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "debt_spending_guidelines_org_id_guideline_set_effective_from_adults_children_category_uq" ON "debt_spending_guidelines" USING btree ("org_id","guideline_set","effective_from","adults","children","category");--> statement-breakpoint
CREATE INDEX "debt_spending_guidelines_org_version_idx" ON "debt_spending_guidelines" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "debts_case_id_idx" ON "debts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "debts_creditor_id_idx" ON "debts" USING btree ("creditor_id");--> statement-breakpoint
CREATE INDEX "debts_org_version_idx" ON "debts" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "debts_case_id_version_scope_idx" ON "debts" USING btree ("case_id","version");