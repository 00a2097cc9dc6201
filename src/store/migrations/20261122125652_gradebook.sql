CREATE TABLE "context_members" (
	"tenant_id" uuid NOT NULL,
	"context_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"roles" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "context_members_pkey" PRIMARY KEY("tenant_id","context_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "score_timestamps" (
	"tenant_id" uuid NOT NULL,
	"line_item_url" text NOT NULL,
	"user_id" text NOT NULL,
	"last_timestamp" text NOT NULL,
	CONSTRAINT "score_timestamps_pkey" PRIMARY KEY("tenant_id","line_item_url","user_id")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "platform_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "line_item_url" text;--> statement-breakpoint
ALTER TABLE "context_members" ADD CONSTRAINT "context_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_members" ADD CONSTRAINT "context_members_context_fk" FOREIGN KEY ("tenant_id","context_id") REFERENCES "public"."contexts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_members" ADD CONSTRAINT "context_members_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_timestamps" ADD CONSTRAINT "score_timestamps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;