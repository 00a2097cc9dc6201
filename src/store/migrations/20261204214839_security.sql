-- Security and robustness: invitations for Dynamic Registration, revocable sessions (a person's
-- session generation), failed-attempt counts shared by processes, inference set-asides with
-- backoff, and installation settings kept once.
-- An index of evidence by statement, for deleting old statements.
CREATE TABLE "throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paused_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "installation_settings" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"name" text,
	"parent_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"platform_id" uuid,
	CONSTRAINT "registration_invitations_hash_key" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "session_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inference_queue" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inference_queue" ADD COLUMN "retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inference_queue" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "registration_invitations" ADD CONSTRAINT "registration_invitations_parent_id_tenants_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_invitations" ADD CONSTRAINT "registration_invitations_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "throttles_window_idx" ON "throttles" USING btree ("window_started_at");--> statement-breakpoint
CREATE INDEX "registration_invitations_expires_idx" ON "registration_invitations" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "evidence_statement_idx" ON "evidence" USING btree ("tenant_id","statement_id");--> statement-breakpoint
CREATE INDEX "inference_queue_set_aside_idx" ON "inference_queue" USING btree ("retry_at") WHERE "inference_queue"."retry_at" is not null;