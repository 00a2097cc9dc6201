CREATE TABLE "person_targets" (
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"component_id" text NOT NULL,
	"level" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_targets_pkey" PRIMARY KEY("tenant_id","person_id","component_id")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "audiences" text[];--> statement-breakpoint
ALTER TABLE "self_assessments" ADD COLUMN "criteria" text[];--> statement-breakpoint
ALTER TABLE "person_targets" ADD CONSTRAINT "person_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_targets" ADD CONSTRAINT "person_targets_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;