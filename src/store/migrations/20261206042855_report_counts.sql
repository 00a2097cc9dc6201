-- Reports read maintained counts, never people (src/store/postgres-report-store.ts): report_counts
-- holds, per school, table, unit, component and level, the staff who started or stopped holding
-- it in each semester, kept by triggers on people and level_history in the transaction of each
-- change. Staff become `on_roster or learns` (learns kept with the course facts), so that a
-- person's row says whether they are staff, and people sharing an email with another row are
-- marked (key_shared) for reports over several schools to count them once.
CREATE TABLE "report_counts" (
	"tenant_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"unit" text NOT NULL,
	"component_id" text NOT NULL,
	"level" text NOT NULL,
	"semester" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "report_counts_pkey" PRIMARY KEY("tenant_id","audience","unit","component_id","level","semester")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "learns" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "key_shared" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "report_counts" ADD CONSTRAINT "report_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_email_key_idx" ON "people" USING btree (lower(btrim("email"))) WHERE "people"."email" is not null;--> statement-breakpoint
CREATE INDEX "people_key_shared_idx" ON "people" USING btree ("tenant_id") WHERE "people"."key_shared";--> statement-breakpoint
-- Level history's trigger on an update of levels joins its two transition tables: as hash joins
-- (the planner takes each for one row, and row by row a batch of n changes takes n² steps).
ALTER FUNCTION "nls_level_history_updated"() SET enable_nestloop = off;
--> statement-breakpoint
-- learns: a Learner membership (or Learner sub-role) with no teaching or administrator role there,
-- as learnsIn (store/staff-people.ts) says; kept from now on by refreshCourseFacts.
UPDATE "people" p SET "learns" = true WHERE EXISTS (
  SELECT 1 FROM "context_members" cm
  WHERE cm."tenant_id" = p."tenant_id" AND cm."person_id" = p."id"
    AND (cm."roles" && ARRAY['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner', 'Learner']::text[]
      OR EXISTS (SELECT 1 FROM unnest(cm."roles") r
        WHERE starts_with(r, 'http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#')))
    AND NOT cm."roles" && ARRAY[
      'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
      'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
      'http://purl.imsglobal.org/vocab/lis/v2/system/person#SysAdmin',
      'http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator', 'Administrator',
      'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
      'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
      'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
      'Instructor', 'ContentDeveloper', 'TeachingAssistant']::text[]);
--> statement-breakpoint
-- The semester (its first day in Vietnam, UTC+7) an instant falls in: from 1 August, from 16
-- January; src/reports/semester.ts's semesterOf, checked against it in report-counts tests.
CREATE FUNCTION "nls_semester"(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN extract(month FROM t AT TIME ZONE INTERVAL '+07:00') >= 8
      THEN make_date(extract(year FROM t AT TIME ZONE INTERVAL '+07:00')::int, 8, 1)
    WHEN extract(month FROM t AT TIME ZONE INTERVAL '+07:00') = 1
      AND extract(day FROM t AT TIME ZONE INTERVAL '+07:00') < 16
      THEN make_date(extract(year FROM t AT TIME ZONE INTERVAL '+07:00')::int - 1, 8, 1)
    ELSE make_date(extract(year FROM t AT TIME ZONE INTERVAL '+07:00')::int, 1, 16) END
$$;
--> statement-breakpoint
-- What people (`who`: people rows as JSON, each with a sign, +1 or -1) add to report_counts, from
-- their row and level history (`extra` history rows added and `dropped` ids, an object's keys, left
-- out, to work out the history as it was before a change): staff only (on the roster, or learning
-- in a course); under each table they are assessed against (their own and their courses', else ''
-- for the school's default, as tablesOf); themselves in the semester they were created; each change of a
-- level (+1 the new level, -1 the old) and of the number of a table's components held, in the
-- semester it happened (or they were created, if later).
CREATE FUNCTION "nls_report_contribution"(who jsonb, extra jsonb, dropped jsonb)
RETURNS TABLE (tenant_id uuid, person_id uuid, audience text, unit text, component_id text,
  level text, semester date, n integer)
LANGUAGE sql STABLE AS $$
  WITH person AS (
    SELECT x.tenant_id, x.id, coalesce(x.unit, '') AS unit, x.created_at, x.sign,
      ARRAY(SELECT DISTINCT a FROM unnest(coalesce(x.audiences || x.course_audiences,
        ARRAY['']::text[])) AS a) AS cells
    FROM jsonb_to_recordset(coalesce(who, '[]'::jsonb)) AS x(tenant_id uuid, id uuid,
      unit text, audiences text[], course_audiences text[], on_roster boolean, learns boolean,
      created_at timestamptz, sign integer)
    WHERE x.on_roster OR x.learns
  ),
  history AS (
    SELECT h.tenant_id, h.person_id, h.component_id, h.level, h.changed_at, h.id
    FROM (SELECT DISTINCT person.tenant_id, person.id FROM person) p
    JOIN level_history h ON h.tenant_id = p.tenant_id AND h.person_id = p.id
    -- (an object keyed by id: a lookup per row, whatever the plan)
    WHERE dropped IS NULL OR NOT dropped ? h.id::text
    UNION ALL
    SELECT e.tenant_id, e.person_id, e.component_id, e.level, e.changed_at, e.id
    FROM jsonb_to_recordset(coalesce(extra, '[]'::jsonb)) AS e(tenant_id uuid, person_id uuid,
      component_id text, level text, changed_at timestamptz, id bigint)
  ),
  step AS (
    SELECT s.*, split_part(s.component_id, '.', 1) || '.' || split_part(s.component_id, '.', 2)
        AS of_audience,
      (s.level IS NOT NULL)::int - (s.before IS NOT NULL)::int AS d
    FROM (
      SELECT h.*, lag(h.level) OVER (PARTITION BY h.tenant_id, h.person_id, h.component_id
        ORDER BY h.changed_at, h.id) AS before
      FROM history h
    ) s
    WHERE s.level IS DISTINCT FROM s.before
  ),
  held AS (
    SELECT st.*, sum(st.d) OVER (PARTITION BY st.tenant_id, st.person_id, st.of_audience
      ORDER BY st.changed_at, st.id) AS k
    FROM step st
  ),
  change AS (
    SELECT person_id, of_audience, component_id, level, changed_at, 1 AS n
      FROM held WHERE level IS NOT NULL
    UNION ALL
    SELECT person_id, of_audience, component_id, before, changed_at, -1
      FROM held WHERE before IS NOT NULL
    UNION ALL
    SELECT person_id, of_audience, '#' || of_audience, k::text, changed_at, 1
      FROM held WHERE d <> 0 AND k > 0
    UNION ALL
    SELECT person_id, of_audience, '#' || of_audience, (k - d)::text, changed_at, -1
      FROM held WHERE d <> 0 AND k - d > 0
  )
  SELECT p.tenant_id, p.id, a, p.unit, x.component_id, x.level,
    nls_semester(greatest(x.changed_at, p.created_at)), x.n * p.sign
  FROM change x JOIN person p ON p.id = x.person_id, unnest(p.cells) AS a
  WHERE a = '' OR a = x.of_audience
  UNION ALL
  SELECT p.tenant_id, p.id, a, p.unit, '', '', nls_semester(p.created_at), p.sign
  FROM person p, unnest(p.cells) AS a
$$;
--> statement-breakpoint
-- Adds to report_counts what people are now (`after`) less what they were (`before`, with the
-- history as it was): the one way counts change.
CREATE FUNCTION "nls_report_apply"(after jsonb, before jsonb, extra jsonb, dropped jsonb)
RETURNS void LANGUAGE sql SET work_mem = '64MB' SET enable_nestloop = on AS $$
  INSERT INTO report_counts AS r (tenant_id, audience, unit, component_id, level, semester, n)
  SELECT c.tenant_id, c.audience, c.unit, c.component_id, c.level, c.semester, sum(c.n)::int
  FROM (
    SELECT * FROM nls_report_contribution(after, NULL, NULL)
    UNION ALL
    SELECT * FROM nls_report_contribution(before, extra, dropped)
  ) c
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(c.n) <> 0
  -- Rows are locked in key order, so two changes at once never wait on each other in a circle.
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (tenant_id, audience, unit, component_id, level, semester)
    DO UPDATE SET n = r.n + excluded.n
$$;
--> statement-breakpoint
-- A person as nls_report_contribution reads them, with a sign.
CREATE FUNCTION "nls_report_person"(p people, sign integer) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('tenant_id', p.tenant_id, 'id', p.id, 'unit', p.unit,
    'audiences', p.audiences, 'course_audiences', p.course_audiences, 'on_roster', p.on_roster,
    'learns', p.learns, 'created_at', p.created_at, 'sign', sign)
$$;
--> statement-breakpoint
CREATE FUNCTION "nls_report_people_inserted"() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = on AS $$
BEGIN
  PERFORM nls_report_apply(
    (SELECT jsonb_agg(nls_report_person(n, 1)) FROM new_people n WHERE n.on_roster OR n.learns),
    NULL, NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "nls_report_people_updated"() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = on AS $$
DECLARE
  after jsonb;
  before jsonb;
BEGIN
  -- Only what a report reads: being staff, the unit, the tables, when the person was created.
  -- (The planner takes transition tables for one row each: joined row by row, a large update
  -- would take the square of its size. Hash joins here; back to nested loops after.)
  PERFORM set_config('enable_nestloop', 'off', true);
  SELECT jsonb_agg(nls_report_person(n, 1)), jsonb_agg(nls_report_person(o, -1))
  INTO after, before
  FROM new_people n JOIN old_people o ON o.tenant_id = n.tenant_id AND o.id = n.id
  WHERE (n.on_roster OR n.learns OR o.on_roster OR o.learns)
    AND (n.on_roster, n.learns, n.unit, n.audiences, n.course_audiences, n.created_at)
      IS DISTINCT FROM (o.on_roster, o.learns, o.unit, o.audiences, o.course_audiences, o.created_at);
  PERFORM set_config('enable_nestloop', 'on', true);
  IF after IS NOT NULL THEN
    PERFORM nls_report_apply(after, before, NULL, NULL);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "nls_report_people_deleted"() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = on AS $$
BEGIN
  PERFORM nls_report_apply(NULL,
    (SELECT jsonb_agg(nls_report_person(o, -1)) FROM old_people o WHERE o.on_roster OR o.learns),
    NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A change of level history (a level saved, or history written or removed by hand): the people it
-- concerns, now less as they were with the history before the change.
CREATE FUNCTION "nls_report_history_changed"() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = on AS $$
DECLARE
  touched jsonb;
  added jsonb;
  removed jsonb;
  concerned jsonb;
  was jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_object_agg(h.id::text, true), jsonb_agg(DISTINCT jsonb_build_object('tid', h.tenant_id, 'pid', h.person_id))
      INTO added, touched FROM new_history h;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT jsonb_object_agg(h.id::text, true), jsonb_agg(DISTINCT jsonb_build_object('tid', h.tenant_id, 'pid', h.person_id))
      INTO added, touched FROM new_history h;
    SELECT jsonb_agg(to_jsonb(h)) INTO removed FROM old_history h;
  ELSE
    SELECT jsonb_agg(to_jsonb(h)), jsonb_agg(DISTINCT jsonb_build_object('tid', h.tenant_id, 'pid', h.person_id))
      INTO removed, touched FROM old_history h;
  END IF;
  SELECT jsonb_agg(nls_report_person(p, 1)), jsonb_agg(nls_report_person(p, -1))
  INTO concerned, was
  FROM jsonb_to_recordset(coalesce(touched, '[]'::jsonb)) AS w(tid uuid, pid uuid)
  JOIN people p ON p.tenant_id = w.tid AND p.id = w.pid
  WHERE p.on_roster OR p.learns;
  IF concerned IS NOT NULL THEN
    PERFORM nls_report_apply(concerned, was, removed, added);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "people_report_insert" AFTER INSERT ON "people"
  REFERENCING NEW TABLE AS "new_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_report_people_inserted"();
--> statement-breakpoint
CREATE TRIGGER "people_report_update" AFTER UPDATE ON "people"
  REFERENCING OLD TABLE AS "old_people" NEW TABLE AS "new_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_report_people_updated"();
--> statement-breakpoint
CREATE TRIGGER "people_report_delete" AFTER DELETE ON "people"
  REFERENCING OLD TABLE AS "old_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_report_people_deleted"();
--> statement-breakpoint
CREATE TRIGGER "level_history_report_insert" AFTER INSERT ON "level_history"
  REFERENCING NEW TABLE AS "new_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_report_history_changed"();
--> statement-breakpoint
CREATE TRIGGER "level_history_report_update" AFTER UPDATE ON "level_history"
  REFERENCING OLD TABLE AS "old_history" NEW TABLE AS "new_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_report_history_changed"();
--> statement-breakpoint
CREATE TRIGGER "level_history_report_delete" AFTER DELETE ON "level_history"
  REFERENCING OLD TABLE AS "old_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_report_history_changed"();
--> statement-breakpoint
-- key_shared: whether another person row has the same email (personKey's), for the emails a
-- change of people touches.
CREATE FUNCTION "nls_people_keys_changed"() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = on AS $$
DECLARE
  touched text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT lower(btrim(n.email))) INTO touched FROM new_people n
      WHERE n.email IS NOT NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM set_config('enable_nestloop', 'off', true);
    SELECT array_agg(DISTINCT k) INTO touched FROM (
      SELECT lower(btrim(n.email)) AS k FROM new_people n
        JOIN old_people o ON o.tenant_id = n.tenant_id AND o.id = n.id
        WHERE n.email IS DISTINCT FROM o.email AND n.email IS NOT NULL
      UNION
      SELECT lower(btrim(o.email)) FROM new_people n
        JOIN old_people o ON o.tenant_id = n.tenant_id AND o.id = n.id
        WHERE n.email IS DISTINCT FROM o.email AND o.email IS NOT NULL) ks;
    PERFORM set_config('enable_nestloop', 'on', true);
  ELSE
    SELECT array_agg(DISTINCT lower(btrim(o.email))) INTO touched FROM old_people o
      WHERE o.email IS NOT NULL;
  END IF;
  IF touched IS NOT NULL THEN
    UPDATE people p SET key_shared = s.shared
    FROM (
      SELECT q.tenant_id, q.id, count(*) OVER (PARTITION BY lower(btrim(q.email))) > 1 AS shared
      FROM people q WHERE q.email IS NOT NULL AND lower(btrim(q.email)) = ANY (touched)
    ) s
    WHERE p.tenant_id = s.tenant_id AND p.id = s.id AND p.key_shared IS DISTINCT FROM s.shared;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "people_keys_insert" AFTER INSERT ON "people"
  REFERENCING NEW TABLE AS "new_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_people_keys_changed"();
--> statement-breakpoint
CREATE TRIGGER "people_keys_update" AFTER UPDATE ON "people"
  REFERENCING OLD TABLE AS "old_people" NEW TABLE AS "new_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_people_keys_changed"();
--> statement-breakpoint
CREATE TRIGGER "people_keys_delete" AFTER DELETE ON "people"
  REFERENCING OLD TABLE AS "old_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_people_keys_changed"();
--> statement-breakpoint
UPDATE "people" p SET "key_shared" = true
FROM (SELECT lower(btrim(email)) AS k FROM "people" WHERE email IS NOT NULL
  GROUP BY 1 HAVING count(*) > 1) s
WHERE p.email IS NOT NULL AND lower(btrim(p.email)) = s.k;
--> statement-breakpoint
-- The counts of the people already here, a school at a time.
DO $$
DECLARE
  t uuid;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM nls_report_apply(
      (SELECT jsonb_agg(nls_report_person(p, 1)) FROM people p
        WHERE p.tenant_id = t AND (p.on_roster OR p.learns)),
      NULL, NULL, NULL);
  END LOOP;
END
$$;
