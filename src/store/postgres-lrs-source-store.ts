import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
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

    removeSource: (tenantId, actor) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .delete(lrsSources)
          .where(eq(lrsSources.tenantId, tenantId))
          .returning({ endpoint: lrsSources.endpoint })
        if (!row) return false
        await insertAuditEntry(tx, {
          tenantId,
          actor,
          action: 'lrs-source.remove',
          subject: `tenant:${tenantId}`,
          details: { endpoint: row.endpoint },
        })
        return true
      }),

    getSource: async (tenantId) => {
      const [row] = await db.select().from(lrsSources).where(eq(lrsSources.tenantId, tenantId))
      return row && sourceRowToSource(row)
    },

    listSources: async () =>
      (await db.select().from(lrsSources).orderBy(asc(lrsSources.createdAt))).map(
        sourceRowToSource,
      ),

    claimDueSources: (now, leaseMs, limit) =>
      db.transaction(async (tx) => {
        // SKIP LOCKED: a source another process is claiming right now is passed, not waited for.
        const due = await tx
          .select({ tenantId: lrsSources.tenantId })
          .from(lrsSources)
          .where(and(eq(lrsSources.pull, true), lte(lrsSources.nextPullAt, now)))
          .orderBy(asc(lrsSources.nextPullAt))
          .limit(limit)
          .for('update', { skipLocked: true })
        if (due.length === 0) return []
        const rows = await tx
          .update(lrsSources)
          .set({ nextPullAt: new Date(now.getTime() + leaseMs) })
          .where(
            inArray(
              lrsSources.tenantId,
              due.map((d) => d.tenantId),
            ),
          )
          .returning()
        return rows.map(sourceRowToSource)
      }),

    advanceCursor: async (tenantId, cursor, leaseUntil) => {
      await db
        .update(lrsSources)
        .set({
          cursor,
          nextPullAt: sql`greatest(${lrsSources.nextPullAt}, ${leaseUntil.toISOString()}::timestamptz)`,
        })
        .where(eq(lrsSources.tenantId, tenantId))
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
