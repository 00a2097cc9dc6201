-- A statement's JSON is compressed with lz4 rather than pglz where the server has it: a Moodle
-- statement (a quiz attempt's, with its context) passes the 2 kB at which PostgreSQL compresses
-- a row, and pglz took about 12 µs a statement more to keep it, and more to read it, for the same
-- size. Statements kept before stay as they are; PGlite has no lz4 and keeps pglz.
DO $$
BEGIN
  ALTER TABLE "statements" ALTER COLUMN "statement" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
