import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import type { InferenceStore, OverrideAction, OverrideRecord } from './inference-store.ts'
import { queryRows } from './query-rows.ts'
import { overrides } from './schema/index.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'
import { pgTextArray, prefixPatterns } from './sql-values.ts'

type OverrideRow = typeof overrides.$inferSelect

interface QueueRow {
  readonly tenant_id: string
  readonly person_id: string
  readonly queued_at: string
  readonly attempts: number
}

/** Queue rows due now: not set aside, or set aside until a time that has come. */
const DUE = sql`retry_at is null or retry_at <= now()`

/** Queue rows of one tenant, or of every tenant when none is given. */
const ofTenant = (tenantId: string | undefined) =>
  tenantId === undefined ? sql`true` : sql`tenant_id = ${tenantId}`

// The first key of the per-person evaluation locks (pg_advisory_xact_lock(int, int)): "NLS" and
// 1, a key space of its own, apart from the migrations' single-key lock.
const PERSON_LOCK_SPACE = 0x4e4c5301

/** Overrides and the inference queue on PostgreSQL. */
export function postgresInferenceStore(db: Db): InferenceStore {
  async function enqueueFrom(query: ReturnType<typeof sql>): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      db,
      // A person already queued is locked too, not passed over (do update, not do nothing): a
      // worker taking them meanwhile skips them, so none evaluates them before this commits and
      // misses what queued them; each person once, as an update cannot touch a row twice.
      // (xmax = 0: the row is new.)
      sql`with queued as (
            insert into inference_queue (tenant_id, person_id)
            select distinct * from (${query}) as who
            on conflict (tenant_id, person_id) do update set queued_at = inference_queue.queued_at
            returning (xmax = 0) as added
          )
          select (count(*) filter (where added))::int as n from queued`,
    )
    return rows[0]!.n
  }

  return {
    async addOverride(tenantId, personId, input) {
      try {
        const [row] = await db
          .insert(overrides)
          .values({
            tenantId,
            personId,
            targetId: input.targetId,
            action: input.action,
            level: input.level ?? null,
            reason: input.reason,
            actor: input.actor,
          })
          .returning()
        return overrideRowToRecord(row!)
      } catch (err) {
        if (sqlState(err) !== SQLSTATE.foreignKeyViolation) throw err
        throw new StoreNotFound(`person ${personId} does not exist`, { cause: err })
      }
    },

    async currentOverrides(tenantId, personId) {
      const newest = await db
        .selectDistinctOn([overrides.targetId])
        .from(overrides)
        .where(and(eq(overrides.tenantId, tenantId), eq(overrides.personId, personId)))
        .orderBy(overrides.targetId, desc(overrides.id))
      return newest
        .filter((row) => row.action !== 'clear')
        .sort((a, b) => a.id - b.id)
        .map(overrideRowToRecord)
    },

    currentOverridesOfTenant: (tenantId) => standingOverrides(db, tenantId),

    async currentOverridesOfPeople(tenantId, personIds) {
      if (personIds.length === 0) return new Map()
      return standingOverrides(db, tenantId, personIds)
    },

    async overrideHistory(tenantId, personId) {
      const rows = await db
        .select()
        .from(overrides)
        .where(and(eq(overrides.tenantId, tenantId), eq(overrides.personId, personId)))
        .orderBy(asc(overrides.id))
      return rows.map(overrideRowToRecord)
    },

    async enqueue(tenantId, personIds) {
      if (personIds.length === 0) return
      await enqueueFrom(
        sql`select ${tenantId}::uuid, p from unnest(${`{${[...new Set(personIds)].join(',')}}`}::uuid[]) as p`,
      )
    },

    enqueueTenant(tenantId) {
      return enqueueFrom(
        sql`select ${tenantId}::uuid, id from people p where p.tenant_id = ${tenantId}::uuid
              and (exists (select 1 from statements s
                    where s.tenant_id = p.tenant_id and s.person_id = p.id)
                or exists (select 1 from component_levels l
                    where l.tenant_id = p.tenant_id and l.person_id = p.id))`,
      )
    },

    enqueueForActivities(tenantId, { iris, prefixes }) {
      if (iris.length === 0 && prefixes.length === 0) return Promise.resolve(0)
      // The activity tree through its GIN index (IRIs are a site's URLs: few rows outside the
      // tenant share them); a prefix (rare, course-wide) by LIKE over the tenant's statements.
      const byIri = sql`select ${tenantId}::uuid, person_id from statements
            where tenant_id = ${tenantId}::uuid and person_id is not null
              and activity_tree && ${pgTextArray(iris)}::text[]`
      const byPrefix = sql`select ${tenantId}::uuid, person_id from statements
            where tenant_id = ${tenantId}::uuid and person_id is not null
              and exists (select 1 from unnest(activity_tree) t
                where t like any(${pgTextArray(prefixPatterns(prefixes))}::text[]))`
      return enqueueFrom(
        iris.length === 0
          ? byPrefix
          : prefixes.length === 0
            ? byIri
            : sql`${byIri} union ${byPrefix}`,
      )
    },

    enqueueForTag(tenantId, tagId) {
      return enqueueFrom(
        sql`select distinct ${tenantId}::uuid, person_id from evidence
            where tenant_id = ${tenantId}::uuid and tag_id = ${tagId}::uuid`,
      )
    },

    enqueueForTags(tenantId, tagIds) {
      if (tagIds.length === 0) return Promise.resolve(0)
      return enqueueFrom(
        sql`select distinct ${tenantId}::uuid, person_id from evidence
            where tenant_id = ${tenantId}::uuid
              and tag_id = any(${pgTextArray([...new Set(tagIds)])}::uuid[])`,
      )
    },

    async takeQueued(limit, now) {
      const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`
      const rows = await queryRows<QueueRow>(
        db,
        sql`delete from inference_queue q
            using (select tenant_id, person_id from inference_queue
                   where retry_at is null or retry_at <= ${at}
                   order by queued_at, tenant_id, person_id
                   limit ${limit} for update skip locked) due
            where q.tenant_id = due.tenant_id and q.person_id = due.person_id
            returning q.tenant_id, q.person_id, q.queued_at, q.attempts`,
      )
      return rows
        .map((r) => ({
          tenantId: r.tenant_id,
          personId: r.person_id,
          queuedAt: new Date(r.queued_at),
          attempts: r.attempts,
        }))
        .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime())
    },

    async setAside(failed) {
      if (failed.length === 0) return
      const records = failed.map(({ person, retryAt, error }) => ({
        tenant_id: person.tenantId,
        person_id: person.personId,
        queued_at: person.queuedAt.toISOString(),
        attempts: person.attempts + 1,
        retry_at: retryAt.toISOString(),
        last_error: error,
      }))
      // A person erased meanwhile is not put back (the queue row would have no person).
      await db.execute(
        sql`insert into inference_queue
              (tenant_id, person_id, queued_at, attempts, retry_at, last_error)
            select r.tenant_id, r.person_id, r.queued_at, r.attempts, r.retry_at, r.last_error
            from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(tenant_id uuid,
              person_id uuid, queued_at timestamptz, attempts int, retry_at timestamptz,
              last_error text)
            where exists (select 1 from people p
              where p.tenant_id = r.tenant_id and p.id = r.person_id)
            on conflict (tenant_id, person_id) do update set
              queued_at = least(inference_queue.queued_at, excluded.queued_at),
              attempts = greatest(inference_queue.attempts, excluded.attempts),
              retry_at = excluded.retry_at,
              last_error = excluded.last_error`,
      )
    },

    async lockPeople(people) {
      if (people.length === 0) return
      // Transaction-scoped advisory locks, one per person (a hash collision only makes two
      // people wait for each other), taken in key order so two lockers never deadlock.
      await db.execute(
        sql`select count(pg_advisory_xact_lock(${PERSON_LOCK_SPACE}::int, k))
            from (select distinct hashtext(r.t::text || ':' || r.p::text) as k
                  from unnest(${pgTextArray(people.map((p) => p.tenantId))}::uuid[],
                    ${pgTextArray(people.map((p) => p.personId))}::uuid[]) as r(t, p)
                  order by k) keys`,
      )
    },

    async queueDepth(tenantId) {
      const [row] = await queryRows<{ count: number; oldest: string | null; set_aside: number }>(
        db,
        sql`select count(*) filter (where ${DUE})::int as count,
              min(queued_at) filter (where ${DUE}) as oldest,
              count(*) filter (where not (${DUE}))::int as set_aside
            from inference_queue where ${ofTenant(tenantId)}`,
      )
      return {
        count: row!.count,
        ...(row!.oldest !== null && { oldest: new Date(row!.oldest) }),
        setAside: row!.set_aside,
      }
    },

    async listSetAside(limit, tenantId) {
      const rows = await queryRows<QueueRow & { retry_at: string; last_error: string | null }>(
        db,
        sql`select tenant_id, person_id, queued_at, attempts, retry_at, last_error
            from inference_queue where retry_at > now() and ${ofTenant(tenantId)}
            order by retry_at, tenant_id, person_id limit ${limit}`,
      )
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        personId: r.person_id,
        queuedAt: new Date(r.queued_at),
        attempts: r.attempts,
        retryAt: new Date(r.retry_at),
        ...(r.last_error !== null && { lastError: r.last_error }),
      }))
    },

    async retrySetAside(tenantId) {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`with due as (
              update inference_queue set retry_at = null
              where retry_at > now() and ${ofTenant(tenantId)} returning 1
            )
            select count(*)::int as n from due`,
      )
      return rows[0]!.n
    },
  }
}

/** The verdicts that stand, by person: of a tenant, or of some of its people. */
async function standingOverrides(
  db: Db,
  tenantId: string,
  personIds?: readonly string[],
): Promise<Map<string, OverrideRecord[]>> {
  const newest = await db
    .selectDistinctOn([overrides.personId, overrides.targetId])
    .from(overrides)
    .where(
      and(
        eq(overrides.tenantId, tenantId),
        personIds && inArray(overrides.personId, [...new Set(personIds)]),
      ),
    )
    .orderBy(overrides.personId, overrides.targetId, desc(overrides.id))
  const found = new Map<string, OverrideRecord[]>()
  for (const row of newest.sort((a, b) => a.id - b.id)) {
    if (row.action === 'clear') continue
    const list = found.get(row.personId)
    if (list) list.push(overrideRowToRecord(row))
    else found.set(row.personId, [overrideRowToRecord(row)])
  }
  return found
}

function overrideRowToRecord(row: OverrideRow): OverrideRecord {
  return {
    id: row.id,
    personId: row.personId,
    targetId: row.targetId,
    action: row.action as OverrideAction,
    level: row.level,
    reason: row.reason,
    actor: row.actor,
    createdAt: row.createdAt,
  }
}
