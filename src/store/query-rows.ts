import type { SQL } from 'drizzle-orm'
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
