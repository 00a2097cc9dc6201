import { sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import type { NeedsCount, NeedsStaff, NeedsStore } from './needs-store.ts'
import { queryRows } from './query-rows.ts'
import { assessedAgainst, isStaff, personKey } from './staff-people.ts'

const p = sql`p`

const texts = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`

/** Needs analysis over PostgreSQL: one statement counts the staff and their levels. */
export function postgresNeedsStore(db: Db): NeedsStore {
  return {
    async needsCounts(q) {
      if (q.schools.length === 0 || q.componentIds.length === 0) return { staff: [], counts: [] }
      const defaults = sql.join(
        q.schools.map((s) => sql`(${s.tenantId}::uuid, ${s.defaultAudience}::text)`),
        sql`, `,
      )
      const components = texts(q.componentIds)
      const rows = await queryRows<{
        kind: 'staff' | 'count'
        position: string
        component_id: string | null
        assessed: boolean | null
        self: string | null
        evidenced: string | null
        count: number
      }>(
        db,
        // One row per person key: the school that had them first (oldest record) counts them,
        // as the levels report does. The newest self-assessment of a component stands.
        sql`with staff as materialized (
            select distinct on (${personKey(p)}) p.tenant_id, p.id, coalesce(p.position, '') as position
            from people p join (values ${defaults}) as s(tenant_id, default_audience)
              on s.tenant_id = p.tenant_id
            where ${assessedAgainst(p, sql`s.default_audience`, q.audience)}
              and ${isStaff(p)}
            order by ${personKey(p)}, p.created_at, p.id
          ),
          self as (
            select distinct on (a.person_id, a.component_id) a.person_id, a.component_id, a.level,
              staff.position
            from self_assessments a join staff on a.tenant_id = staff.tenant_id and a.person_id = staff.id
            where a.component_id = any(${components})
            order by a.person_id, a.component_id, a.assessed_at desc, a.id desc
          ),
          evidenced as (
            select l.person_id, l.component_id, l.level, staff.position
            from component_levels l join staff on l.tenant_id = staff.tenant_id and l.person_id = staff.id
            where l.component_id = any(${components}) and l.level is not null
          ),
          pairs as (
            select coalesce(self.position, evidenced.position) as position,
              coalesce(self.component_id, evidenced.component_id) as component_id,
              self.person_id is not null as assessed, self.level as self, evidenced.level as evidenced
            from self full join evidenced
              on evidenced.person_id = self.person_id and evidenced.component_id = self.component_id
          )
          select 'count' as kind, pairs.position, pairs.component_id, pairs.assessed, pairs.self,
            pairs.evidenced, count(*)::int as count
          from pairs
          group by 2, 3, 4, 5, 6
          union all
          select 'staff', staff.position, null, null, null, null, count(*)::int
          from staff group by 2`,
      )
      const staff: NeedsStaff[] = rows
        .filter((r) => r.kind === 'staff')
        .map((r) => ({ position: r.position, staff: r.count }))
      const counts: NeedsCount[] = rows
        .filter((r) => r.kind === 'count')
        .map((r) => ({
          position: r.position,
          componentId: r.component_id!,
          assessed: r.assessed === true,
          self: r.self,
          evidenced: r.evidenced,
          count: r.count,
        }))
      return { staff, counts }
    },
  }
}
