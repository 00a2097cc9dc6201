-- The learners' report reads maintained counts, never pupils (src/store/learner-counts.ts):
-- learner_counts holds, per school, table, grade, item (a component or a domain) and level, the
-- pupils who started or stopped holding it in each school year, and those with evidence of it in
-- a school year, kept by triggers on people, level_history and evidence in the transaction of
-- each change. The learners' tables (learner_components, learner_level_ranks) are written from
-- the framework catalog after each migrate (syncLearnerShape), which works the counts out again
-- whenever they change; until then they are empty and so are the counts.
CREATE TABLE "learner_components" (
	"audience" text NOT NULL,
	"component_id" text NOT NULL,
	"domain_id" text NOT NULL,
	CONSTRAINT "learner_components_pkey" PRIMARY KEY("audience","component_id")
);
--> statement-breakpoint
CREATE TABLE "learner_counts" (
	"tenant_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"grade" smallint NOT NULL,
	"item" text NOT NULL,
	"level" text NOT NULL,
	"year" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "learner_counts_pkey" PRIMARY KEY("tenant_id","audience","grade","item","level","year")
);
--> statement-breakpoint
CREATE TABLE "learner_level_ranks" (
	"level" text PRIMARY KEY NOT NULL,
	"rank" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learner_counts" ADD CONSTRAINT "learner_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The school year (its first day in Vietnam, UTC+7) an instant falls in: from 1 August;
-- src/reports/semester.ts's schoolYearOf, checked against it in learner-counts tests.
CREATE FUNCTION "nls_school_year"(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT make_date(extract(year FROM t AT TIME ZONE INTERVAL '+07:00')::int
    - (extract(month FROM t AT TIME ZONE INTERVAL '+07:00') < 8)::int, 8, 1)
$$;
--> statement-breakpoint
-- A person as the learners' counts read them, with a sign: their grade is their own, else their
-- class's (0: none).
CREATE FUNCTION "nls_learner_person"(p people, sign integer) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('tenant_id', p.tenant_id, 'id', p.id,
    'grade', coalesce(p.grade, p.course_grade, 0), 'audiences', p.audiences,
    'course_audiences', p.course_audiences, 'on_roster', p.on_roster, 'learns', p.learns,
    'created_at', p.created_at, 'sign', sign)
$$;
--> statement-breakpoint
-- The people of `who` (nls_learner_person rows) the learners' counts count, once per table they
-- are assessed against that is a learners' table ('' for the school's default, as tablesOf says:
-- the default may be a learners' table): on the roster, or learning in a course.
CREATE FUNCTION "nls_learner_cells"(who jsonb)
RETURNS TABLE (tenant_id uuid, id uuid, grade smallint, created_at timestamptz, sign integer,
  audience text)
LANGUAGE sql STABLE AS $$
  SELECT x.tenant_id, x.id, x.grade, x.created_at, x.sign, a.audience
  FROM jsonb_to_recordset(coalesce(who, '[]'::jsonb)) AS x(tenant_id uuid, id uuid,
      grade smallint, audiences text[], course_audiences text[], on_roster boolean,
      learns boolean, created_at timestamptz, sign integer),
    LATERAL (SELECT DISTINCT c AS audience
      FROM unnest(coalesce(x.audiences || x.course_audiences, ARRAY['']::text[])) AS c
      WHERE c = '' OR EXISTS (SELECT 1 FROM learner_components lc WHERE lc.audience = c)) a
  WHERE x.on_roster OR x.learns
$$;
--> statement-breakpoint
-- What people add to learner_counts from their row and level history (`extra` history rows added
-- and `dropped` ids, an object's keys, left out: the history as it was before a change): the
-- pupil in the school year they were created; each change of a component's level (+1 the new
-- level, -1 the old) and of a domain's, in the school year it happened (or they were created, if
-- later). A domain is held at the lowest level of its components while every one has a level
-- (src/learners/domain-level.ts); to follow it through the changes in one running sum, a
-- component at rank r adds 1 to each hex digit below r of a number (16^r - 1) / 15, so that digit
-- k of the domain's sum counts its components at rank k + 1 or above, and the domain's rank is
-- how many digits from the lowest equal the domain's number of components.
CREATE FUNCTION "nls_learner_levels"(who jsonb, extra jsonb, dropped jsonb)
RETURNS TABLE (tenant_id uuid, person_id uuid, audience text, grade smallint, item text,
  level text, year date, n integer)
LANGUAGE sql STABLE AS $$
  WITH person AS (SELECT * FROM nls_learner_cells(who)),
  history AS (
    SELECT h.tenant_id, h.person_id, h.component_id, h.level, h.changed_at, h.id
    FROM (SELECT DISTINCT person.tenant_id, person.id FROM person) p
    JOIN level_history h ON h.tenant_id = p.tenant_id AND h.person_id = p.id
    WHERE (dropped IS NULL OR NOT dropped ? h.id::text)
      AND EXISTS (SELECT 1 FROM learner_components c WHERE c.component_id = h.component_id)
    UNION ALL
    SELECT e.tenant_id, e.person_id, e.component_id, e.level, e.changed_at, e.id
    FROM jsonb_to_recordset(coalesce(extra, '[]'::jsonb)) AS e(tenant_id uuid, person_id uuid,
      component_id text, level text, changed_at timestamptz, id bigint)
  ),
  step AS (
    SELECT s.tenant_id, s.person_id, c.audience AS of_audience, c.domain_id, s.component_id,
      s.level, s.before, s.changed_at, s.id,
      (16::numeric ^ coalesce(ra.rank, 0) - 16::numeric ^ coalesce(rb.rank, 0)) / 15 AS d
    FROM (
      SELECT h.*, lag(h.level) OVER (PARTITION BY h.tenant_id, h.person_id, h.component_id
        ORDER BY h.changed_at, h.id) AS before
      FROM history h
    ) s
    JOIN learner_components c ON c.component_id = s.component_id
    LEFT JOIN learner_level_ranks ra ON ra.level = s.level
    LEFT JOIN learner_level_ranks rb ON rb.level = s.before
    WHERE s.level IS DISTINCT FROM s.before
  ),
  domain_sum AS (
    SELECT st.*, sum(st.d) OVER (PARTITION BY st.tenant_id, st.person_id, st.domain_id
        ORDER BY st.changed_at, st.id) AS digits,
      (SELECT count(*) FROM learner_components c
        WHERE c.audience = st.of_audience AND c.domain_id = st.domain_id) AS size
    FROM step st
  ),
  domain_rank AS (
    SELECT s.tenant_id, s.person_id, s.of_audience, s.domain_id, s.changed_at, s.id,
      (SELECT count(*) FROM generate_series(0, 14) k
        WHERE floor(s.digits / 16::numeric ^ k) % 16 = s.size) AS rank
    FROM domain_sum s
  ),
  domain_level AS (
    SELECT s.*, lag(s.level) OVER (PARTITION BY s.tenant_id, s.person_id, s.domain_id
        ORDER BY s.changed_at, s.id) AS before
    FROM (
      SELECT dr.*, (SELECT r.level FROM learner_level_ranks r WHERE r.rank = dr.rank) AS level
      FROM domain_rank dr
    ) s
  ),
  change AS (
    SELECT tenant_id, person_id, of_audience, component_id AS item, level, changed_at, 1 AS n
      FROM step WHERE level IS NOT NULL
    UNION ALL
    SELECT tenant_id, person_id, of_audience, component_id, before, changed_at, -1
      FROM step WHERE before IS NOT NULL
    UNION ALL
    SELECT tenant_id, person_id, of_audience, domain_id, level, changed_at, 1
      FROM domain_level WHERE level IS NOT NULL AND level IS DISTINCT FROM before
    UNION ALL
    SELECT tenant_id, person_id, of_audience, domain_id, before, changed_at, -1
      FROM domain_level WHERE before IS NOT NULL AND level IS DISTINCT FROM before
  )
  SELECT p.tenant_id, p.id, p.audience, p.grade, x.item, x.level,
    nls_school_year(greatest(x.changed_at, p.created_at)), x.n * p.sign
  FROM change x JOIN person p ON p.tenant_id = x.tenant_id AND p.id = x.person_id
  WHERE p.audience = '' OR p.audience = x.of_audience
  UNION ALL
  SELECT p.tenant_id, p.id, p.audience, p.grade, '', '', nls_school_year(p.created_at), p.sign
  FROM person p
$$;
--> statement-breakpoint
-- What people add to learner_counts from their evidence (`extra` evidence rows added and
-- `dropped` ids left out, as nls_learner_levels): each component and domain they have evidence
-- of, once per school year it was observed in (from the year they were created).
CREATE FUNCTION "nls_learner_exposure"(who jsonb, extra jsonb, dropped jsonb)
RETURNS TABLE (tenant_id uuid, person_id uuid, audience text, grade smallint, item text,
  level text, year date, n integer)
LANGUAGE sql STABLE AS $$
  WITH person AS (SELECT * FROM nls_learner_cells(who)),
  observed AS (
    SELECT e.tenant_id, e.person_id,
      array_to_string((string_to_array(e.competency_id, '.'))[1:4], '.') AS component_id,
      nls_school_year(e.observed_at) AS year
    FROM (SELECT DISTINCT person.tenant_id, person.id FROM person) p
    JOIN evidence e ON e.tenant_id = p.tenant_id AND e.person_id = p.id
    WHERE dropped IS NULL OR NOT dropped ? e.id::text
    UNION ALL
    SELECT e.tenant_id, e.person_id,
      array_to_string((string_to_array(e.competency_id, '.'))[1:4], '.'),
      nls_school_year(e.observed_at)
    FROM jsonb_to_recordset(coalesce(extra, '[]'::jsonb)) AS e(tenant_id uuid, person_id uuid,
      competency_id text, observed_at timestamptz)
  ),
  exposed AS (
    SELECT DISTINCT o.tenant_id, o.person_id, c.audience AS of_audience, i.item, o.year
    FROM observed o JOIN learner_components c ON c.component_id = o.component_id,
      LATERAL (VALUES (c.component_id), (c.domain_id)) AS i(item)
  )
  SELECT p.tenant_id, p.id, p.audience, p.grade, x.item, '*', x.year, p.sign
  FROM exposed x JOIN person p ON p.tenant_id = x.tenant_id AND p.id = x.person_id
  WHERE (p.audience = '' OR p.audience = x.of_audience)
    AND x.year >= nls_school_year(p.created_at)
$$;
--> statement-breakpoint
-- Adds to learner_counts what people are now (`after`) less what they were (`before`, with the
-- history and evidence as they were), for their levels, their exposure or both (`what`): the one
-- way the counts change.
CREATE FUNCTION "nls_learner_apply"(after jsonb, before jsonb, history_extra jsonb,
  history_dropped jsonb, evidence_extra jsonb, evidence_dropped jsonb, what text)
RETURNS void LANGUAGE sql SET work_mem = '64MB' SET enable_nestloop = on AS $$
  INSERT INTO learner_counts AS r (tenant_id, audience, grade, item, level, year, n)
  SELECT c.tenant_id, c.audience, c.grade, c.item, c.level, c.year, sum(c.n)::int
  FROM (
    SELECT * FROM nls_learner_levels(after, NULL, NULL) WHERE what <> 'exposure'
    UNION ALL
    SELECT * FROM nls_learner_levels(before, history_extra, history_dropped)
      WHERE what <> 'exposure'
    UNION ALL
    SELECT * FROM nls_learner_exposure(after, NULL, NULL) WHERE what <> 'levels'
    UNION ALL
    SELECT * FROM nls_learner_exposure(before, evidence_extra, evidence_dropped)
      WHERE what <> 'levels'
  ) c
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(c.n) <> 0
  -- Rows are locked in key order, so two changes at once never wait on each other in a circle.
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (tenant_id, audience, grade, item, level, year)
    DO UPDATE SET n = r.n + excluded.n
$$;
--> statement-breakpoint
-- Every school's counts worked out again (when the learners' tables change shape).
CREATE FUNCTION "nls_learner_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t uuid;
BEGIN
  DELETE FROM learner_counts;
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM nls_learner_apply(
      (SELECT jsonb_agg(nls_learner_person(p, 1)) FROM people p
        WHERE p.tenant_id = t AND (p.on_roster OR p.learns)),
      NULL, NULL, NULL, NULL, NULL, 'both');
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "nls_learner_people_changed"() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = on AS $$
DECLARE
  after jsonb;
  before jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(nls_learner_person(n, 1)) INTO after FROM new_people n
      WHERE n.on_roster OR n.learns;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(nls_learner_person(o, -1)) INTO before FROM old_people o
      WHERE o.on_roster OR o.learns;
  ELSE
    -- Only what the counts read (hash joins: see nls_report_people_updated).
    PERFORM set_config('enable_nestloop', 'off', true);
    SELECT jsonb_agg(nls_learner_person(n, 1)), jsonb_agg(nls_learner_person(o, -1))
    INTO after, before
    FROM new_people n JOIN old_people o ON o.tenant_id = n.tenant_id AND o.id = n.id
    WHERE (n.on_roster OR n.learns OR o.on_roster OR o.learns)
      AND (n.on_roster, n.learns, n.audiences, n.course_audiences, n.created_at, n.grade,
          n.course_grade)
        IS DISTINCT FROM (o.on_roster, o.learns, o.audiences, o.course_audiences, o.created_at,
          o.grade, o.course_grade);
    PERFORM set_config('enable_nestloop', 'on', true);
  END IF;
  IF after IS NOT NULL OR before IS NOT NULL THEN
    PERFORM nls_learner_apply(after, before, NULL, NULL, NULL, NULL, 'both');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A change of level history or evidence of a learners' table: the people it concerns, now less as
-- they were with the rows before the change (TG_ARGV[0]: 'levels' for level_history, 'exposure'
-- for evidence). The people it touches on a learners' component are found first, from the
-- changed rows' small columns: a change of staff rows (most changes) ends there, having built
-- nothing; the rows themselves are packed only for the pupils concerned.
CREATE FUNCTION "nls_learner_rows_changed"() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = on AS $$
DECLARE
  what text := TG_ARGV[0];
  tenants uuid[];
  touched uuid[];
  pupils uuid[];
  concerned jsonb;
  was jsonb;
  added jsonb;
  removed jsonb;
BEGIN
  -- (PL/pgSQL plans a trigger function's queries for each table and transition table: each
  -- branch reads the columns and transition tables its trigger has.)
  IF what = 'levels' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(r.tenant_id), array_agg(r.person_id) INTO tenants, touched
        FROM (SELECT DISTINCT r.tenant_id, r.person_id FROM new_rows r
        WHERE EXISTS (SELECT 1 FROM learner_components c WHERE c.component_id = r.component_id)) r;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(r.tenant_id), array_agg(r.person_id) INTO tenants, touched
        FROM (SELECT DISTINCT r.tenant_id, r.person_id FROM old_rows r
        WHERE EXISTS (SELECT 1 FROM learner_components c WHERE c.component_id = r.component_id)) r;
    ELSE
      SELECT array_agg(r.tenant_id), array_agg(r.person_id) INTO tenants, touched
        FROM (SELECT DISTINCT r.tenant_id, r.person_id
          FROM (SELECT tenant_id, person_id, component_id FROM new_rows
            UNION ALL SELECT tenant_id, person_id, component_id FROM old_rows) r
          WHERE EXISTS (SELECT 1 FROM learner_components c WHERE c.component_id = r.component_id)) r;
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(r.tenant_id), array_agg(r.person_id) INTO tenants, touched
        FROM (SELECT DISTINCT r.tenant_id, r.person_id FROM new_rows r
        WHERE EXISTS (SELECT 1 FROM learner_components c WHERE c.component_id =
          array_to_string((string_to_array(r.competency_id, '.'))[1:4], '.'))) r;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(r.tenant_id), array_agg(r.person_id) INTO tenants, touched
        FROM (SELECT DISTINCT r.tenant_id, r.person_id FROM old_rows r
        WHERE EXISTS (SELECT 1 FROM learner_components c WHERE c.component_id =
          array_to_string((string_to_array(r.competency_id, '.'))[1:4], '.'))) r;
    ELSE
      SELECT array_agg(r.tenant_id), array_agg(r.person_id) INTO tenants, touched
        FROM (SELECT DISTINCT r.tenant_id, r.person_id
          FROM (SELECT tenant_id, person_id, competency_id FROM new_rows
            UNION ALL SELECT tenant_id, person_id, competency_id FROM old_rows) r
          WHERE EXISTS (SELECT 1 FROM learner_components c WHERE c.component_id =
            array_to_string((string_to_array(r.competency_id, '.'))[1:4], '.'))) r;
    END IF;
  END IF;
  IF touched IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT jsonb_agg(nls_learner_person(p, 1)), jsonb_agg(nls_learner_person(p, -1)),
    array_agg(p.id)
  INTO concerned, was, pupils
  FROM unnest(tenants, touched) AS w(tenant_id, id)
  JOIN people p ON p.tenant_id = w.tenant_id AND p.id = w.id
  WHERE p.on_roster OR p.learns;
  IF concerned IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT jsonb_object_agg(r.id::text, true) INTO added FROM new_rows r
      WHERE r.person_id = ANY (pupils);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    SELECT jsonb_agg(to_jsonb(r)) INTO removed FROM old_rows r WHERE r.person_id = ANY (pupils);
  END IF;
  IF what = 'levels' THEN
    PERFORM nls_learner_apply(concerned, was, removed, added, NULL, NULL, 'levels');
  ELSE
    PERFORM nls_learner_apply(concerned, was, NULL, NULL, removed, added, 'exposure');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "people_learners_insert" AFTER INSERT ON "people"
  REFERENCING NEW TABLE AS "new_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_people_changed"();
--> statement-breakpoint
CREATE TRIGGER "people_learners_update" AFTER UPDATE ON "people"
  REFERENCING OLD TABLE AS "old_people" NEW TABLE AS "new_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_people_changed"();
--> statement-breakpoint
CREATE TRIGGER "people_learners_delete" AFTER DELETE ON "people"
  REFERENCING OLD TABLE AS "old_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_people_changed"();
--> statement-breakpoint
CREATE TRIGGER "level_history_learners_insert" AFTER INSERT ON "level_history"
  REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_rows_changed"('levels');
--> statement-breakpoint
CREATE TRIGGER "level_history_learners_update" AFTER UPDATE ON "level_history"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_rows_changed"('levels');
--> statement-breakpoint
CREATE TRIGGER "level_history_learners_delete" AFTER DELETE ON "level_history"
  REFERENCING OLD TABLE AS "old_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_rows_changed"('levels');
--> statement-breakpoint
CREATE TRIGGER "evidence_learners_insert" AFTER INSERT ON "evidence"
  REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_rows_changed"('exposure');
--> statement-breakpoint
CREATE TRIGGER "evidence_learners_update" AFTER UPDATE ON "evidence"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_rows_changed"('exposure');
--> statement-breakpoint
CREATE TRIGGER "evidence_learners_delete" AFTER DELETE ON "evidence"
  REFERENCING OLD TABLE AS "old_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_learner_rows_changed"('exposure');
