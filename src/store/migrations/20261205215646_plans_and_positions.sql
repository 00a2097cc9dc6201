-- Plans (targets and reporting calendars) of organisations, the reports they filed, and the
-- roster's position (chức vụ), school level (cấp học) and grade (khối) of each person.
CREATE TABLE "filed_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_code" text,
	"period" text NOT NULL,
	"filed_by" text NOT NULL,
	"filed_by_name" text,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rule" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"csv" text NOT NULL,
	"xlsx" text NOT NULL,
	CONSTRAINT "filed_reports_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "plans_tenant_code_key" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "position" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "school_level" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "grade" smallint;--> statement-breakpoint
ALTER TABLE "filed_reports" ADD CONSTRAINT "filed_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "filed_reports_period_idx" ON "filed_reports" USING btree ("tenant_id","period","filed_at");--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_position_check" CHECK ("people"."position" in ('GV', 'TTCM', 'CBQL', 'NV'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_school_level_check" CHECK ("people"."school_level" in ('MN', 'TH', 'THCS', 'THPT', 'GDTX'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_grade_check" CHECK ("people"."grade" between 1 and 12);