-- The statement a StatementRef object targets, kept in a column with a partial index, so that
-- GET /xapi/statements finds the statements targeting a match (xAPI 1.0.3 Communication §2.1.3).
-- Statements kept before are filled in from their JSON.
ALTER TABLE "statements" ADD COLUMN "ref_target" uuid;--> statement-breakpoint
UPDATE "statements" SET "ref_target" = ("statement" #>> '{object,id}')::uuid
WHERE "statement" #>> '{object,objectType}' = 'StatementRef'
  AND "statement" #>> '{object,id}' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';--> statement-breakpoint
CREATE INDEX "statements_ref_target_idx" ON "statements" USING btree ("tenant_id","ref_target") WHERE "statements"."ref_target" is not null;
