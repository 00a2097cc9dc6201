import { type Column, type SQL, sql } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'

/**
 * The value an upsert proposed for `column` (`excluded.<column>` in ON CONFLICT DO UPDATE). The
 * database is opened with `casing: 'snake_case'`, so a column named by its key is snake-cased here.
 */
export function excluded(column: Column): SQL {
  const name = column.keyAsName ? toSnakeCase(column.name) : column.name
  return sql`excluded.${sql.identifier(name)}`
}

/** Keeps the stored value of `column` when the upsert proposes null for it. */
export function excludedOrKept(column: Column): SQL {
  return sql`coalesce(${excluded(column)}, ${column})`
}

/** Fills `column` with the upsert's value only while the stored one is null. */
export function keptOrExcluded(column: Column): SQL {
  return sql`coalesce(${column}, ${excluded(column)})`
}
