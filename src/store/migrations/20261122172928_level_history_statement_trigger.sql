-- Level history is written once per statement from its transition tables, not row by row: a bulk
-- recompute changes a level per component of every person in one statement.
DROP TRIGGER "component_levels_history" ON "component_levels";
--> statement-breakpoint
DROP FUNCTION "nls_level_history"();
--> statement-breakpoint
CREATE FUNCTION "nls_level_history_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "level_history" ("tenant_id", "person_id", "component_id", "level", "changed_at")
    SELECT "tenant_id", "person_id", "component_id", "level", now()
    FROM "inserted_levels" WHERE "level" IS NOT NULL;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "nls_level_history_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "level_history" ("tenant_id", "person_id", "component_id", "level", "changed_at")
    SELECT n."tenant_id", n."person_id", n."component_id", n."level", now()
    FROM "updated_levels" n
    JOIN "replaced_levels" o USING ("tenant_id", "person_id", "component_id")
    WHERE n."level" IS DISTINCT FROM o."level";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "component_levels_history_insert" AFTER INSERT ON "component_levels"
  REFERENCING NEW TABLE AS "inserted_levels"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_level_history_inserted"();
--> statement-breakpoint
CREATE TRIGGER "component_levels_history_update" AFTER UPDATE ON "component_levels"
  REFERENCING OLD TABLE AS "replaced_levels" NEW TABLE AS "updated_levels"
  FOR EACH STATEMENT EXECUTE FUNCTION "nls_level_history_updated"();
