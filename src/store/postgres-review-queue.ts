import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import type { ReviewEntry } from './progress-store.ts'
import { queryRows } from './query-rows.ts'

/**
 * Levels inferred and not reviewed since they last changed (see ProgressStore.reviewQueue): the
 * last change of each level is grouped once from the history, then the levels no verdict followed.
 */
export async function reviewQueue(
  db: Db,
  tenantId: string,
  { personIds, limit }: { readonly personIds?: readonly string[]; readonly limit: number },
): Promise<ReviewEntry[]> {
  if (personIds?.length === 0) return []
  const of = (column: SQL) =>
    personIds === undefined
      ? sql``
      : sql`and ${column} = any(array[${sql.join(
          personIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[])`
  // The last change of each level, grouped once; then the levels no verdict followed.
  const rows = await queryRows<{
    person_id: string
    component_id: string
    level: string
    changed_at: Date | string | null
    reasons: unknown
  }>(
    db,
    sql`with last as (
          select h.person_id, h.component_id, max(h.changed_at) as changed_at
          from level_history h
          where h.tenant_id = ${tenantId} ${of(sql`h.person_id`)}
          group by 1, 2
        )
        select cl.person_id, cl.component_id, cl.level, last.changed_at, cl.reasons
        from component_levels cl
        left join last on last.person_id = cl.person_id and last.component_id = cl.component_id
        where cl.tenant_id = ${tenantId} and cl.level is not null
          and cl.level is not distinct from cl.inferred_level ${of(sql`cl.person_id`)}
          and not exists (
            select 1 from overrides o
            where o.tenant_id = cl.tenant_id and o.person_id = cl.person_id
              and (o.target_id = cl.component_id or starts_with(o.target_id, cl.component_id || '.'))
              and o.created_at >= coalesce(last.changed_at, cl.updated_at)
          )
        order by last.changed_at desc nulls last, cl.person_id, cl.component_id
        limit ${limit}`,
  )
  return rows.map((r) => ({
    personId: r.person_id,
    componentId: r.component_id,
    level: r.level,
    ...(r.changed_at !== null && { changedAt: new Date(r.changed_at) }),
    reasons: r.reasons,
  }))
}
