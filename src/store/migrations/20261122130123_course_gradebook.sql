ALTER TABLE "contexts" ADD COLUMN "platform_id" uuid;--> statement-breakpoint
ALTER TABLE "contexts" ADD COLUMN "line_items_url" text;