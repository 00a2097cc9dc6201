-- Where each statement sits in the activity tree: its object and the activities the object is part
-- of (context.contextActivities.parent), without #fragments, so that a tag on a quiz finds the
-- statements about its attempts and questions through an index.
ALTER TABLE "statements" ADD COLUMN "activity_tree" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
UPDATE "statements" SET "activity_tree" = ARRAY(
  SELECT k FROM (
    SELECT split_part(a.id, '#', 1) AS k, min(a.n) AS n
    FROM (
      SELECT "activity_iri" AS id, 0::bigint AS n
      UNION ALL
      SELECT p.value ->> 'id', p.n
      FROM jsonb_array_elements(
        CASE jsonb_typeof("statement" #> '{context,contextActivities,parent}')
          WHEN 'array' THEN "statement" #> '{context,contextActivities,parent}'
          WHEN 'object' THEN jsonb_build_array("statement" #> '{context,contextActivities,parent}')
          ELSE '[]'::jsonb
        END) WITH ORDINALITY AS p(value, n)
    ) AS a
    WHERE a.id IS NOT NULL
    GROUP BY 1
  ) AS keys ORDER BY n);--> statement-breakpoint
CREATE INDEX "statements_activity_tree_idx" ON "statements" USING gin ("activity_tree");
