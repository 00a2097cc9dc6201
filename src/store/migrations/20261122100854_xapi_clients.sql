CREATE TABLE "xapi_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "xapi_clients_key_key" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "xapi_clients" ADD CONSTRAINT "xapi_clients_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "xapi_clients_active_name_idx" ON "xapi_clients" USING btree ("tenant_id","name") WHERE "xapi_clients"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "xapi_clients_tenant_idx" ON "xapi_clients" USING btree ("tenant_id");