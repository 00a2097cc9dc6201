CREATE TABLE "inference_queue" (
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inference_queue_pkey" PRIMARY KEY("tenant_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "overrides" (
	"tenant_id" uuid NOT NULL,
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "overrides_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" uuid NOT NULL,
	"target_id" text NOT NULL,
	"action" text NOT NULL,
	"level" text,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overrides_action_check" CHECK ("overrides"."action" in ('confirm', 'reject', 'set-level', 'clear'))
);
--> statement-breakpoint
DROP INDEX "tags_key_idx";--> statement-breakpoint
DROP INDEX "tags_competency_idx";--> statement-breakpoint
ALTER TABLE "tags" ALTER COLUMN "activity_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "activity_prefix" text;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "competency_ids" text[];--> statement-breakpoint
UPDATE "tags" SET "competency_ids" = ARRAY["competency_id"];--> statement-breakpoint
ALTER TABLE "tags" ALTER COLUMN "competency_ids" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "component_levels" ADD COLUMN "inferred_level" text;--> statement-breakpoint
ALTER TABLE "component_levels" ADD COLUMN "evidence_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inference_queue" ADD CONSTRAINT "inference_queue_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inference_queue" ADD CONSTRAINT "inference_queue_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overrides" ADD CONSTRAINT "overrides_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overrides" ADD CONSTRAINT "overrides_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inference_queue_due_idx" ON "inference_queue" USING btree ("queued_at");--> statement-breakpoint
CREATE INDEX "overrides_person_idx" ON "overrides" USING btree ("tenant_id","person_id","target_id","id");--> statement-breakpoint
CREATE INDEX "tags_activity_idx" ON "tags" USING btree ("tenant_id","activity_id");--> statement-breakpoint
ALTER TABLE "tags" DROP COLUMN "competency_id";--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_target_check" CHECK (("tags"."activity_id" is null) <> ("tags"."activity_prefix" is null));--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_competencies_check" CHECK (cardinality("tags"."competency_ids") > 0);