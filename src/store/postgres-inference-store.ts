import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import type { InferenceStore, OverrideAction, OverrideRecord } from './inference-store.ts'
import { queryRows } from './query-rows.ts'
import { overrides } from './schema/index.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'
import { pgTextArray, prefixPatterns } from './sql-values.ts'

type OverrideRow = typeof overrides.$inferSelect

/** Overrides and the inference queue on PostgreSQL. */
export function postgresInferenceStore(db: Db): InferenceStore {
  async function enqueueFrom(query: ReturnType<typeof sql>): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`with queued as (
            insert into inference_queue (tenant_id, person_id) ${query}
            on conflict (tenant_id, person_id) do nothing
            returning 1
          )
          select count(*)::int as n from queued`,
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

    async currentOverridesOfTenant(tenantId) {
      const newest = await db
        .selectDistinctOn([overrides.personId, overrides.targetId])
        .from(overrides)
        .where(eq(overrides.tenantId, tenantId))
        .orderBy(overrides.personId, overrides.targetId, desc(overrides.id))
      const found = new Map<string, OverrideRecord[]>()
      for (const row of newest.sort((a, b) => a.id - b.id)) {
        if (row.action === 'clear') continue
        const list = found.get(row.personId)
        if (list) list.push(overrideRowToRecord(row))
        else found.set(row.personId, [overrideRowToRecord(row)])
      }
      return found
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

    async takeQueued(limit) {
      const rows = await queryRows<{ tenant_id: string; person_id: string; queued_at: string }>(
        db,
        sql`delete from inference_queue q
            using (select tenant_id, person_id from inference_queue
                   order by queued_at, tenant_id, person_id
                   limit ${limit} for update skip locked) due
            where q.tenant_id = due.tenant_id and q.person_id = due.person_id
            returning q.tenant_id, q.person_id, q.queued_at`,
      )
      return rows
        .map((r) => ({
          tenantId: r.tenant_id,
          personId: r.person_id,
          queuedAt: new Date(r.queued_at),
        }))
        .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime())
    },

    async queueDepth() {
      const [row] = await queryRows<{ count: number; oldest: string | null }>(
        db,
        sql`select count(*)::int as count, min(queued_at) as oldest from inference_queue`,
      )
      return {
        count: row!.count,
        ...(row!.oldest !== null && { oldest: new Date(row!.oldest) }),
      }
    },
  }
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
