CREATE TABLE "lrs_sources" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"endpoint" text NOT NULL,
	"username" text NOT NULL,
	"password" text NOT NULL,
	"pull" boolean DEFAULT true NOT NULL,
	"forward" boolean DEFAULT false NOT NULL,
	"cursor" timestamp with time zone,
	"last_pulled_at" timestamp with time zone,
	"last_error" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_pull_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lrs_sources" ADD CONSTRAINT "lrs_sources_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;