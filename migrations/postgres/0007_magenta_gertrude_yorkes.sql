CREATE TABLE "audit_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" varchar(64) NOT NULL,
	"at" timestamp(3) with time zone NOT NULL,
	"key_id" varchar(32) NOT NULL,
	"signature" varchar(128) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_checkpoints_org_seq_uq" ON "audit_checkpoints" USING btree ("org_id","seq");