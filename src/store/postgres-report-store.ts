import { sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import type { ReportStore } from './report-store.ts'

/** Reports over PostgreSQL: counting is done by the database, one query per figure kind. */
export function postgresReportStore(db: Db): ReportStore {
  return {
    async tallies(tenantId, q) {
      const components = sql`array[${sql.join(
        q.componentIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]`
      // The staff of the table at the time, and the level each held of each component then.
      const held = sql`
        staff as (
          select p.id, coalesce(p.unit, '') as unit from people p
          where p.tenant_id = ${tenantId}
            and coalesce(p.audiences, array[${q.defaultAudience}]::text[]) @> array[${q.audience}]::text[]
            and p.created_at < ${q.at}
            ${q.unit === undefined ? sql`` : sql`and coalesce(p.unit, '') = ${q.unit}`}
        ),
        held as materialized (
          select distinct on (h.person_id, h.component_id) h.person_id, h.component_id, h.level
          from level_history h
          where h.tenant_id = ${tenantId} and h.changed_at < ${q.at}
            and h.component_id = any(${components})
          order by h.person_id, h.component_id, h.changed_at desc, h.id desc
        )`
      // One statement: the held levels are worked out once for both counts.
      const rows = await queryRows<{
        kind: 'level' | 'staff'
        unit: string
        component_id: string | null
        level: string | null
        count: number
        every_component: number | null
      }>(
        db,
        sql`with ${held},
          complete as (
            select held.person_id from held
            where held.level is not null
            group by held.person_id
            having count(*) = ${q.componentIds.length}
          )
          select 'level' as kind, s.unit, held.component_id, held.level,
            count(*)::int as count, null::int as every_component
          from staff s join held on held.person_id = s.id
          where held.level is not null
          group by 2, 3, 4
          union all
          select 'staff', s.unit, null, null, count(*)::int, count(c.person_id)::int
          from staff s left join complete c on c.person_id = s.id
          group by 2`,
      )
      const levels = rows.filter((r) => r.kind === 'level')
      const staff = rows.filter((r) => r.kind === 'staff')
      return {
        staff: staff.map((r) => ({
          unit: r.unit,
          staff: r.count,
          everyComponent: r.every_component ?? 0,
        })),
        levels: levels.map((r) => ({
          unit: r.unit,
          componentId: r.component_id!,
          level: r.level!,
          count: r.count,
        })),
      }
    },

    async staffByUnit(tenantId) {
      return queryRows<{ unit: string; staff: number }>(
        db,
        sql`select coalesce(unit, '') as unit, count(*)::int as staff from people
          where tenant_id = ${tenantId} group by 1 order by 1`,
      )
    },

    async listUnits(tenantId) {
      const rows = await queryRows<{ unit: string }>(
        db,
        sql`select distinct unit from people where tenant_id = ${tenantId} and unit is not null order by 1`,
      )
      return rows.map((r) => r.unit)
    },
  }
}
