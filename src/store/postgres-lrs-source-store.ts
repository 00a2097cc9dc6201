import { asc, eq, lte, and, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import type { LrsSource, LrsSourceStore } from './lrs-source-store.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { lrsSources } from './schema/index.ts'
import { sqlState, SQLSTATE } from './sql-state.ts'

/** Upstream LRSs in PostgreSQL. */
export function postgresLrsSourceStore(db: Db): LrsSourceStore {
  return {
    setSource: async (tenantId, input, actor) => {
      try {
        return await db.transaction(async (tx) => {
          const [before] = await tx
            .select()
            .from(lrsSources)
            .where(eq(lrsSources.tenantId, tenantId))
          const restart = before?.endpoint !== input.endpoint
          const [row] = await tx
            .insert(lrsSources)
            .values({ tenantId, ...input })
            .onConflictDoUpdate({
              target: lrsSources.tenantId,
              set: {
                ...input,
                ...(restart ? { cursor: null, failures: 0, lastError: null } : {}),
                nextPullAt: sql`now()`,
              },
            })
            .returning()
          await insertAuditEntry(tx, {
            tenantId,
            actor,
            action: 'lrs-source.set',
            subject: `tenant:${tenantId}`,
            details: {
              endpoint: input.endpoint,
              username: input.username,
              pull: input.pull,
              forward: input.forward,
            },
          })
          return sourceRowToSource(row!)
        })
      } catch (err) {
        if (sqlState(err) === SQLSTATE.foreignKeyViolation) {
          throw new StoreNotFound(`tenant ${tenantId} does not exist`)
        }
        throw err
      }
    },

    getSource: async (tenantId) => {
      const [row] = await db.select().from(lrsSources).where(eq(lrsSources.tenantId, tenantId))
      return row && sourceRowToSource(row)
    },

    listSources: async () =>
      (await db.select().from(lrsSources).orderBy(asc(lrsSources.createdAt))).map(
        sourceRowToSource,
      ),

    dueSources: async (now) =>
      (
        await db
          .select()
          .from(lrsSources)
          .where(and(eq(lrsSources.pull, true), lte(lrsSources.nextPullAt, now)))
          .orderBy(asc(lrsSources.nextPullAt))
      ).map(sourceRowToSource),

    advanceCursor: async (tenantId, cursor) => {
      await db.update(lrsSources).set({ cursor }).where(eq(lrsSources.tenantId, tenantId))
    },

    recordRun: async (tenantId, run) => {
      await db
        .update(lrsSources)
        .set(
          run.error === undefined
            ? { lastPulledAt: run.at, lastError: null, failures: 0, nextPullAt: run.nextPullAt }
            : {
                lastError: run.error,
                failures: sql`${lrsSources.failures} + 1`,
                nextPullAt: run.nextPullAt,
              },
        )
        .where(eq(lrsSources.tenantId, tenantId))
    },
  }
}

function sourceRowToSource(row: typeof lrsSources.$inferSelect): LrsSource {
  return {
    tenantId: row.tenantId,
    endpoint: row.endpoint,
    username: row.username,
    password: row.password,
    pull: row.pull,
    forward: row.forward,
    cursor: row.cursor ?? undefined,
    lastPulledAt: row.lastPulledAt ?? undefined,
    lastError: row.lastError ?? undefined,
    failures: row.failures,
    nextPullAt: row.nextPullAt,
  }
}
