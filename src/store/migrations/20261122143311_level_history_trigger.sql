-- Every change of a component level is kept in level_history, in the transaction that makes it.
CREATE FUNCTION "nls_level_history"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'INSERT' AND NEW.level IS NOT NULL)
     OR (TG_OP = 'UPDATE' AND NEW.level IS DISTINCT FROM OLD.level) THEN
    INSERT INTO "level_history" ("tenant_id", "person_id", "component_id", "level", "changed_at")
    VALUES (NEW.tenant_id, NEW.person_id, NEW.component_id, NEW.level, now());
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "component_levels_history" AFTER INSERT OR UPDATE OF "level" ON "component_levels"
  FOR EACH ROW EXECUTE FUNCTION "nls_level_history"();
--> statement-breakpoint
-- The levels held before history was kept count from when they were last saved.
INSERT INTO "level_history" ("tenant_id", "person_id", "component_id", "level", "changed_at")
  SELECT "tenant_id", "person_id", "component_id", "level", "updated_at"
  FROM "component_levels" WHERE "level" IS NOT NULL;
