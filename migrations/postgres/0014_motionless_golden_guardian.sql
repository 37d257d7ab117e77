ALTER TABLE "devices" ADD COLUMN "health" jsonb;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "health_at" timestamp(3) with time zone;