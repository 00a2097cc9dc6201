-- xAPI documents (States, Activity Profiles, Agent Profiles): the bytes a client stored with their
-- content type and SHA-1, keyed within their tenant by resource, activity, agent, registration and
-- document id (a part the resource does not have is '').
CREATE TABLE "xapi_documents" (
	"tenant_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"activity_id" text DEFAULT '' NOT NULL,
	"agent_key" text DEFAULT '' NOT NULL,
	"registration" text DEFAULT '' NOT NULL,
	"document_id" text NOT NULL,
	"contents" "bytea" NOT NULL,
	"content_type" text NOT NULL,
	"sha1" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xapi_documents_pkey" PRIMARY KEY("tenant_id","resource","activity_id","agent_key","registration","document_id")
);
--> statement-breakpoint
ALTER TABLE "xapi_documents" ADD CONSTRAINT "xapi_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;