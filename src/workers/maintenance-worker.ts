import { sql } from 'drizzle-orm'
import type { Logger } from 'pino'
import type { Database } from '../store/database.ts'
import { type Loop, startLoop } from './loop.ts'

/** How often the embedded database's statistics are refreshed. */
export const ANALYZE_EVERY_MS = 10 * 60_000

/**
 * The embedded database (PGlite) runs no autovacuum, so its planner statistics never follow the
 * data: with a table grown from empty, a report's query plan joins row by row and takes seconds
 * instead of a tenth of one. This refreshes them (ANALYZE) at start and every ten minutes. A
 * PostgreSQL server does this itself; there the loop does nothing.
 */
export function startMaintenanceWorker(
  database: Database,
  logger: Logger,
  everyMs = ANALYZE_EVERY_MS,
): Loop {
  const pass = async () => {
    if (database.kind !== 'pglite') return
    const started = performance.now()
    try {
      await database.db.execute(sql`analyze`)
      logger.debug({ ms: Math.round(performance.now() - started) }, 'statistics refreshed')
    } catch (err) {
      logger.warn({ err }, 'refreshing statistics failed')
    }
  }
  const loop = startLoop(pass, everyMs)
  void loop.runOnce()
  return loop
}
