CREATE TABLE `doc_jobs` (
	`document_id` text PRIMARY KEY NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`languages` text DEFAULT 'eng' NOT NULL,
	`last_error` text,
	`started_at` text
);
