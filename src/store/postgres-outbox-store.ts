import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import type { OutboxKind, OutboxMessage, OutboxStore } from './outbox-store.ts'
import { outbox } from './schema/index.ts'

type OutboxRow = typeof outbox.$inferSelect

/** How long a claimed message is a worker's before it is due again. */
export const OUTBOX_LEASE_MS = 60_000

/** The outbox on PostgreSQL. */
export function postgresOutboxStore(
  db: Db,
  { leaseMs = OUTBOX_LEASE_MS }: { readonly leaseMs?: number } = {},
): OutboxStore {
  return {
    async enqueue(tenantId, { kind, dedupeKey, payload, personId }) {
      const [row] = await db
        .insert(outbox)
        .values({ tenantId, kind, dedupeKey, payload, personId })
        .onConflictDoNothing({ target: [outbox.tenantId, outbox.kind, outbox.dedupeKey] })
        .returning({ id: outbox.id })
      return row ? { enqueued: true, id: row.id } : { enqueued: false }
    },

    claimDue(now, limit) {
      return db.transaction(async (tx) => {
        // SKIP LOCKED: rows another worker is claiming right now are not waited for, but passed.
        const due = await tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(and(isNull(outbox.deliveredAt), lte(outbox.nextAttemptAt, now)))
          .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
          .limit(limit)
          .for('update', { skipLocked: true })
        if (due.length === 0) return []
        const ids = due.map((row) => row.id)
        const rows = await tx
          .update(outbox)
          .set({
            attempts: sql`${outbox.attempts} + 1`,
            nextAttemptAt: new Date(now.getTime() + leaseMs),
          })
          .where(inArray(outbox.id, ids))
          .returning()
        const byId = new Map(rows.map((row) => [row.id, outboxRowToMessage(row)]))
        return ids.map((id) => byId.get(id)!)
      })
    },

    async markDelivered(id) {
      const rows = await db
        .update(outbox)
        .set({ deliveredAt: sql`coalesce(${outbox.deliveredAt}, now())` })
        .where(eq(outbox.id, id))
        .returning({ id: outbox.id })
      if (rows.length === 0) throw new StoreNotFound(`outbox message ${id} does not exist`)
    },

    async markFailed(id, error, retryAt) {
      // A message delivered meanwhile (by a worker whose lease ran out) stays delivered.
      const rows = await db
        .update(outbox)
        .set({ lastError: error, nextAttemptAt: retryAt })
        .where(eq(outbox.id, id))
        .returning({ id: outbox.id })
      if (rows.length === 0) throw new StoreNotFound(`outbox message ${id} does not exist`)
    },

    async depth() {
      return await db.$count(outbox, isNull(outbox.deliveredAt))
    },
  }
}

function outboxRowToMessage(row: OutboxRow): OutboxMessage {
  return {
    tenantId: row.tenantId,
    id: row.id,
    personId: row.personId ?? undefined,
    kind: row.kind as OutboxKind,
    dedupeKey: row.dedupeKey,
    payload: row.payload,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError ?? undefined,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt ?? undefined,
  }
}
