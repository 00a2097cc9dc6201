import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import type { OutboxKind, OutboxMessage, OutboxRef, OutboxStore, ScoreKey } from './outbox-store.ts'
import { queryRows } from './query-rows.ts'
import { outbox, scoreTimestamps } from './schema/index.ts'
import { pgTextArray } from './sql-values.ts'

type OutboxRow = typeof outbox.$inferSelect

/** One message, by its primary key (the tenant's rows only). */
const at = (message: OutboxRef) =>
  and(eq(outbox.tenantId, message.tenantId), eq(outbox.id, message.id))

/** How long a claimed message is a worker's before it is due again. */
export const OUTBOX_LEASE_MS = 60_000

/** The outbox on PostgreSQL. */
export function postgresOutboxStore(
  db: Db,
  { leaseMs = OUTBOX_LEASE_MS }: { readonly leaseMs?: number } = {},
): OutboxStore {
  async function mustExist(message: OutboxRef) {
    const [known] = await db.select({ id: outbox.id }).from(outbox).where(at(message))
    if (!known) throw new StoreNotFound(`outbox message ${message.id} does not exist`)
  }

  return {
    async enqueue(tenantId, { kind, dedupeKey, payload, personId }) {
      const [row] = await db
        .insert(outbox)
        .values({ tenantId, kind, dedupeKey, payload, personId })
        .onConflictDoNothing({ target: [outbox.tenantId, outbox.kind, outbox.dedupeKey] })
        .returning({ id: outbox.id })
      return row ? { enqueued: true, id: row.id } : { enqueued: false }
    },

    async enqueueMany(tenantId, messages) {
      if (messages.length === 0) return 0
      const records = messages.map((m) => ({
        kind: m.kind,
        dedupe_key: m.dedupeKey,
        payload: m.payload,
        person_id: m.personId ?? null,
      }))
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`with added as (
              insert into outbox (tenant_id, kind, dedupe_key, payload, person_id)
              select ${tenantId}::uuid, r.kind, r.dedupe_key, r.payload, r.person_id
              from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
                as r(kind text, dedupe_key text, payload jsonb, person_id uuid)
              on conflict (tenant_id, kind, dedupe_key) do nothing
              returning 1
            )
            select count(*)::int as n from added`,
      )
      return row!.n
    },

    claimDue(now, limit, lease = leaseMs) {
      return db.transaction(async (tx) => {
        // SKIP LOCKED: rows another worker is claiming right now are not waited for, but passed.
        const due = await tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              isNull(outbox.deliveredAt),
              isNull(outbox.failedAt),
              lte(outbox.nextAttemptAt, now),
            ),
          )
          .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
          .limit(limit)
          .for('update', { skipLocked: true })
        if (due.length === 0) return []
        const ids = due.map((row) => row.id)
        const rows = await tx
          .update(outbox)
          .set({
            attempts: sql`${outbox.attempts} + 1`,
            nextAttemptAt: new Date(now.getTime() + lease),
          })
          .where(inArray(outbox.id, ids))
          .returning()
        const byId = new Map(rows.map((row) => [row.id, outboxRowToMessage(row)]))
        return ids.map((id) => byId.get(id)!)
      })
    },

    async markDelivered(message) {
      const rows = await db
        .update(outbox)
        .set({ deliveredAt: sql`coalesce(${outbox.deliveredAt}, now())` })
        .where(at(message))
        .returning({ id: outbox.id })
      if (rows.length === 0) throw new StoreNotFound(`outbox message ${message.id} does not exist`)
    },

    async renewLease(messages, lease, until) {
      if (messages.length === 0) return []
      const rows = await db
        .update(outbox)
        .set({ nextAttemptAt: until })
        .where(
          and(
            sql`(${outbox.tenantId}, ${outbox.id}) in (select * from unnest(
              ${pgTextArray(messages.map((m) => m.tenantId))}::uuid[],
              ${pgTextArray(messages.map((m) => String(m.id)))}::bigint[]))`,
            heldUnder(lease),
          ),
        )
        .returning({ id: outbox.id })
      return rows.map((row) => row.id)
    },

    async markFailed(message, error, retryAt, lease) {
      // A message delivered meanwhile (by a worker whose lease ran out) stays delivered; with
      // `lease`, a worker whose lease ran out changes nothing.
      const rows = await db
        .update(outbox)
        .set({ lastError: error, nextAttemptAt: retryAt })
        .where(and(at(message), lease && heldUnder(lease)))
        .returning({ id: outbox.id })
      if (rows.length === 0) await mustExist(message)
    },

    async markGivenUp(message, error, lease) {
      const rows = await db
        .update(outbox)
        .set({ lastError: error, failedAt: sql`now()` })
        .where(and(at(message), isNull(outbox.deliveredAt), lease && heldUnder(lease)))
        .returning({ id: outbox.id })
      if (rows.length === 0) await mustExist(message)
    },

    async retryGivenUp(ids) {
      const rows = await db
        .update(outbox)
        .set({ failedAt: null, nextAttemptAt: sql`now()`, attempts: 0 })
        .where(
          and(
            isNotNull(outbox.failedAt),
            isNull(outbox.deliveredAt),
            ids === undefined ? undefined : inArray(outbox.id, [...ids]),
          ),
        )
        .returning({ id: outbox.id })
      return rows.length
    },

    async listGivenUp(limit) {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(isNotNull(outbox.failedAt), isNull(outbox.deliveredAt)))
        .orderBy(desc(outbox.failedAt), desc(outbox.id))
        .limit(limit)
      return rows.map(outboxRowToMessage)
    },

    async depth() {
      return await db.$count(outbox, and(isNull(outbox.deliveredAt), isNull(outbox.failedAt)))
    },

    async givenUpCount() {
      return await db.$count(outbox, and(isNotNull(outbox.failedAt), isNull(outbox.deliveredAt)))
    },

    async lastScoreTimestamp(tenantId, lineItemUrl, userId) {
      const [row] = await db
        .select({ at: scoreTimestamps.lastTimestamp })
        .from(scoreTimestamps)
        .where(
          and(
            eq(scoreTimestamps.tenantId, tenantId),
            eq(scoreTimestamps.lineItemUrl, lineItemUrl),
            eq(scoreTimestamps.userId, userId),
          ),
        )
      return row?.at
    },

    async lastScoreTimestamps(tenantId, keys) {
      if (keys.length === 0) return []
      const rows = await db
        .select()
        .from(scoreTimestamps)
        .where(
          and(
            eq(scoreTimestamps.tenantId, tenantId),
            inArray(scoreTimestamps.lineItemUrl, [...new Set(keys.map((k) => k.lineItemUrl))]),
            inArray(scoreTimestamps.userId, [...new Set(keys.map((k) => k.userId))]),
          ),
        )
      // The two lists match every pairing of their values; keep the pairs asked for.
      const asked = new Set(keys.map((k) => scoreKey(k)))
      return rows
        .filter((r) => asked.has(scoreKey(r)))
        .map((r) => ({ lineItemUrl: r.lineItemUrl, userId: r.userId, timestamp: r.lastTimestamp }))
    },

    async setScoreTimestamp(tenantId, lineItemUrl, userId, timestamp) {
      await db
        .insert(scoreTimestamps)
        .values({ tenantId, lineItemUrl, userId, lastTimestamp: timestamp })
        .onConflictDoUpdate({
          target: [scoreTimestamps.tenantId, scoreTimestamps.lineItemUrl, scoreTimestamps.userId],
          set: { lastTimestamp: timestamp },
        })
    },

    async status() {
      const rows = await queryRows<{
        kind: string
        destination: string | null
        pending: number
        failed: number
        delivered: number
        oldest: string | null
      }>(
        db,
        sql`select kind, payload->>'destination' as destination,
              count(*) filter (where delivered_at is null and failed_at is null)::int as pending,
              count(*) filter (where delivered_at is null and failed_at is not null)::int as failed,
              count(*) filter (where delivered_at is not null)::int as delivered,
              min(created_at) filter (where delivered_at is null and failed_at is null) as oldest
            from outbox group by 1, 2 order by 1, 2`,
      )
      return rows.map((r) => ({
        kind: r.kind as OutboxKind,
        destination: r.destination ?? '',
        pending: r.pending,
        failed: r.failed,
        delivered: r.delivered,
        ...(r.oldest !== null && { oldestPending: new Date(r.oldest) }),
      }))
    },
  }
}

/**
 * Still under the lease a worker holds: a claim sets next_attempt_at to the lease's end, and every
 * later claim or renewal moves it on (a new claim needs the lease to have ended, and sets a later
 * end), so the value a worker claimed or renewed with is its owner stamp.
 */
function heldUnder(lease: Date) {
  return and(eq(outbox.nextAttemptAt, lease), isNull(outbox.deliveredAt), isNull(outbox.failedAt))
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
    failedAt: row.failedAt ?? undefined,
  }
}

function scoreKey(key: ScoreKey): string {
  return JSON.stringify([key.lineItemUrl, key.userId])
}
