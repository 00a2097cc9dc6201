DROP INDEX "outbox_due_idx";--> statement-breakpoint
ALTER TABLE "component_levels" ADD COLUMN "change_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "component_levels" SET "change_seq" = 1 WHERE "level" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."delivered_at" is null and "outbox"."failed_at" is null;