import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import type { ReviewEntry, ReviewQueueOptions } from './progress-store.ts'
import { queryRows } from './query-rows.ts'

/**
 * The levels inferred and not reviewed since they last changed (see ProgressStore.reviewQueue),
 * each with the time it last changed: the last change of each level grouped once from the
 * history (a level without history: its last save), then the levels no verdict followed.
 */
function queued(tenantId: string, personIds: readonly string[] | undefined): SQL {
  const of = (column: SQL) =>
    personIds === undefined
      ? sql``
      : sql`and ${column} = any(array[${sql.join(
          personIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[])`
  return sql`with last as (
          select h.person_id, h.component_id, max(h.changed_at) as changed_at
          from level_history h
          where h.tenant_id = ${tenantId} ${of(sql`h.person_id`)}
          group by 1, 2
        ),
        queued as (
          select cl.person_id, cl.component_id, cl.level, cl.reasons,
            coalesce(last.changed_at, cl.updated_at) as changed_at
          from component_levels cl
          left join last on last.person_id = cl.person_id
            and last.component_id = cl.component_id
          where cl.tenant_id = ${tenantId} and cl.level is not null
            and cl.level is not distinct from cl.inferred_level ${of(sql`cl.person_id`)}
        )
        select q.* from queued q
        where not exists (
          select 1 from overrides o
          where o.tenant_id = ${tenantId} and o.person_id = q.person_id
            and (o.target_id = q.component_id or starts_with(o.target_id, q.component_id || '.'))
            and o.created_at >= q.changed_at
        )`
}

/** A page of the review queue: newest change first, then by person and component. */
export async function reviewQueue(
  db: Db,
  tenantId: string,
  { personIds, limit, offset = 0 }: ReviewQueueOptions,
): Promise<ReviewEntry[]> {
  if (personIds?.length === 0 || limit <= 0) return []
  const rows = await queryRows<{
    person_id: string
    component_id: string
    level: string
    changed_at: Date | string
    reasons: unknown
  }>(
    db,
    sql`select * from (${queued(tenantId, personIds)}) r
        order by r.changed_at desc, r.person_id, r.component_id
        limit ${limit} offset ${offset}`,
  )
  return rows.map((r) => ({
    personId: r.person_id,
    componentId: r.component_id,
    level: r.level,
    changedAt: new Date(r.changed_at),
    reasons: r.reasons,
  }))
}

/** How many levels wait in the review queue. */
export async function countReviewQueue(
  db: Db,
  tenantId: string,
  personIds: readonly string[] | undefined,
): Promise<number> {
  if (personIds?.length === 0) return 0
  const [row] = await queryRows<{ total: number | string }>(
    db,
    sql`select count(*)::int as total from (${queued(tenantId, personIds)}) r`,
  )
  return Number(row?.total ?? 0)
}
