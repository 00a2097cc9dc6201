import { sql } from 'drizzle-orm'
import type { Logger } from 'pino'
import type { Database } from '../store/database.ts'
import type { Stores } from '../store/index.ts'
import { EXPIRE_BATCH, expireUnplacedLinks } from '../tagging/expire-unplaced-links.ts'
import { type Loop, startLoop } from './loop.ts'
import { applyRetention } from './apply-retention.ts'
import { THROTTLE_KEPT_MS } from '../throttle/throttle-policy.ts'

/** How often the maintenance pass runs. */
export const MAINTENANCE_EVERY_MS = 10 * 60_000

/**
 * Housekeeping, at start and every ten minutes:
 * - Deep Linking's activities that no launch bound within a week (the teacher cancelled in the
 *   LMS) are removed with their tags, audited, a batch per transaction.
 * - The embedded database (PGlite) runs no autovacuum, so its planner statistics never follow the
 *   data: with a table grown from empty, a report's query plan joins row by row and takes seconds
 *   instead of a tenth of one. This refreshes them (ANALYZE). A PostgreSQL server does this
 *   itself.
 * - Statements stored longer ago than a tenant's statementRetentionDays are deleted, except
 *   those behind evidence (see deleteExpiredStatements).
 * - Failed-attempt counts (throttles) whose window and pause ended an hour ago are removed.
 */
export function startMaintenanceWorker(
  deps: {
    readonly database: Database
    readonly stores: Stores
    readonly logger: Logger
    readonly now: () => Date
  },
  everyMs = MAINTENANCE_EVERY_MS,
): Loop {
  const { database, logger } = deps
  const expire = async () => {
    try {
      let removed = 0
      for (;;) {
        const batch = await expireUnplacedLinks(deps.stores, deps.now(), EXPIRE_BATCH)
        removed += batch
        if (batch < EXPIRE_BATCH) break
      }
      if (removed > 0) logger.info({ removed }, 'deep links never launched removed')
    } catch (err) {
      logger.warn({ err }, 'removing deep links never launched failed')
    }
  }
  const forgetThrottles = async () => {
    try {
      const removed = await deps.stores.throttles.deleteEnded(
        new Date(deps.now().getTime() - THROTTLE_KEPT_MS),
      )
      if (removed > 0) logger.debug({ removed }, 'ended attempt counts removed')
    } catch (err) {
      logger.warn({ err }, 'removing ended attempt counts failed')
    }
  }
  const retain = async () => {
    try {
      const deleted = await applyRetention(database.db, deps.stores.tenants, deps.now())
      for (const [tenantId, count] of deleted) {
        logger.info({ tenantId, deleted: count }, 'statements past retention deleted')
      }
    } catch (err) {
      logger.warn({ err }, 'deleting statements past retention failed')
    }
  }
  const analyze = async () => {
    if (database.kind !== 'pglite') return
    const started = performance.now()
    try {
      await database.db.execute(sql`analyze`)
      logger.debug({ ms: Math.round(performance.now() - started) }, 'statistics refreshed')
    } catch (err) {
      logger.warn({ err }, 'refreshing statistics failed')
    }
  }
  const loop = startLoop(async () => {
    await expire()
    await retain()
    await forgetThrottles()
    await analyze()
  }, everyMs)
  void loop.runOnce()
  return loop
}
