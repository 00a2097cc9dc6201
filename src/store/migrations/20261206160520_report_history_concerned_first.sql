-- A change of level history finds the people it concerns (on a roster, or learning) first, and
-- packs the changed rows for the report counts only when there are any. Levels saved for people
-- from launches alone (a platform's staff, a recompute of hundreds of thousands of levels) no
-- longer pack every row they wrote only to find nobody to count. What the counts receive is
-- unchanged.
CREATE OR REPLACE FUNCTION "nls_report_history_changed"() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = on AS $$
DECLARE
  tenants uuid[];
  touched uuid[];
  added jsonb;
  removed jsonb;
  concerned jsonb;
  was jsonb;
BEGIN
  -- (PL/pgSQL plans each query for the transition tables its trigger has: each branch reads
  -- only those.)
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(w.tenant_id), array_agg(w.person_id) INTO tenants, touched
      FROM (SELECT DISTINCT h.tenant_id, h.person_id FROM old_history h) w;
  ELSE
    SELECT array_agg(w.tenant_id), array_agg(w.person_id) INTO tenants, touched
      FROM (SELECT DISTINCT h.tenant_id, h.person_id FROM new_history h) w;
  END IF;
  -- As the learners' counts find theirs: each person by the key of people.
  SELECT jsonb_agg(nls_report_person(p, 1)), jsonb_agg(nls_report_person(p, -1))
  INTO concerned, was
  FROM unnest(tenants, touched) AS w(tenant_id, id)
  JOIN people p ON p.tenant_id = w.tenant_id AND p.id = w.id
  WHERE p.on_roster OR p.learns;
  IF concerned IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT jsonb_object_agg(h.id::text, true) INTO added FROM new_history h;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    SELECT jsonb_agg(to_jsonb(h)) INTO removed FROM old_history h;
  END IF;
  PERFORM nls_report_apply(concerned, was, removed, added);
  RETURN NULL;
END
$$;
