-- IRIs, agents' keys and document ids compared byte by byte (COLLATE "C"), as xAPI compares them
-- as strings: the indexes over them compare bytes instead of words of the database's language (on
-- a database in an ICU en-US locale, inserting into three such indexes took 1.7 times as long as
-- comparing bytes; glibc locales such as en_US.UTF-8 compare words too), and equality is the same
-- under any locale. The table is not rewritten; the indexes over these columns are rebuilt, under
-- a lock that holds writes to the table until they are.
ALTER TABLE "statements" ALTER COLUMN "actor_key" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "verb_id" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "activity_iri" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "activity_tree" SET DATA TYPE text[] COLLATE "C";--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "activity_tree" SET DEFAULT '{}'::text[];--> statement-breakpoint
ALTER TABLE "xapi_documents" ALTER COLUMN "resource" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "xapi_documents" ALTER COLUMN "activity_id" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "xapi_documents" ALTER COLUMN "activity_id" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "xapi_documents" ALTER COLUMN "agent_key" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "xapi_documents" ALTER COLUMN "agent_key" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "xapi_documents" ALTER COLUMN "registration" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "xapi_documents" ALTER COLUMN "registration" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "xapi_documents" ALTER COLUMN "document_id" SET DATA TYPE text COLLATE "C";