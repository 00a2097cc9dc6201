import type { SQL } from 'drizzle-orm'
import { PgDialect, type PgSession } from 'drizzle-orm/pg-core'
import type { Db } from './database.ts'

/**
 * Runs raw SQL and returns its rows. `execute` is typed per driver, and over both drivers the
 * result is unknown to TypeScript; node-postgres' QueryResult and PGlite's Results both carry
 * `rows`, so the cast is to that common shape.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

const dialect = new PgDialect({ casing: 'snake_case' })

/** Drizzle's session, which its typings leave out of PgDatabase but every driver's database has. */
interface SessionOf {
  readonly session: PgSession
}

/**
 * Runs raw SQL as a named prepared statement: PostgreSQL parses and plans it once per connection
 * instead of on every call, which is most of the cost of a short statement on a hot path. The
 * name must always go with the same SQL text (only the parameters vary).
 */
export async function queryPrepared<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const prepared = (db as unknown as SessionOf).session.prepareQuery(
    dialect.sqlToQuery(query),
    undefined,
    name,
    false,
  )
  const result = (await prepared.execute()) as unknown as { rows: T[] }
  return result.rows
}
