CREATE TABLE "frameworks" (
	"id" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"document" jsonb NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
