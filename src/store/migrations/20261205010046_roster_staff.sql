-- Staff are the roster's people: a flag the roster import sets. People already counted as staff
-- from the roster (a unit, or known without the LMS and not only by a manager's or trainer's
-- sign-in) keep counting.
ALTER TABLE "people" ADD COLUMN "on_roster" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "people" p SET "on_roster" = true
WHERE p."unit" IS NOT NULL
  OR (
    NOT EXISTS (
      SELECT 1 FROM "identities" i
      WHERE i."tenant_id" = p."tenant_id" AND i."person_id" = p."id" AND i."kind" = 'lti'
    )
    AND NOT EXISTS (
      SELECT 1 FROM "local_accounts" la
      WHERE la."tenant_id" = p."tenant_id" AND la."person_id" = p."id"
        AND la."role" IN ('administrator', 'instructor')
    )
  );
