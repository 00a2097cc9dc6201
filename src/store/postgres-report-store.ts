import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import { countsUpTo, readCounts } from './report-counts.ts'
import type { LevelCount, ReportStore, StaffCount } from './report-store.ts'
import { pgTextArray } from './sql-values.ts'
import { assessedAgainst, isStaff, personKey, tablesOf } from './staff-people.ts'

const p = sql`p`

/**
 * Reports over PostgreSQL: at a semester's first instant or now, from the counts the database
 * keeps (report-counts.ts); at another instant, counted from people and level history. Both give
 * the same figures (test/store/report-counts.test.ts).
 */
export function postgresReportStore(
  db: Db,
  {
    clock = () => new Date(),
    keptCounts = true,
  }: {
    readonly clock?: () => Date
    /** false: always count from people and level history (to check the kept counts against). */
    readonly keptCounts?: boolean
  } = {},
): ReportStore {
  const upToOf = (at: Date) => (keptCounts ? countsUpTo(at, clock()) : undefined)
  const partTallies: ReportStore['partTallies'] = async (parts, q) => {
    const upTo = upToOf(q.at)
    if (upTo) return readCounts(db, parts, { ...q, upTo })
    return livePartTallies(parts, q)
  }
  const livePartTallies: ReportStore['partTallies'] = async (parts, q) => {
    const pairs = parts.flatMap((part) =>
      part.schools.map((s) => ({ part, tenantId: s.tenantId, audience: s.defaultAudience })),
    )
    if (pairs.length === 0) return { staff: [], levels: [] }
    // One row per part and person key: within a part, the school that had them first (oldest
    // record) counts them.
    const staff = sql`
      select distinct on (pr.part, ${personKey(p)}) p.tenant_id, p.id,
        case when pr.by_unit and coalesce(p.unit, '') <> '' then pr.part || ' — ' || p.unit
          else pr.part end as unit
      from unnest(${pgTextArray(pairs.map((x) => x.part.unit))}::text[],
          ${pgTextArray(pairs.map((x) => x.tenantId))}::uuid[],
          ${pgTextArray(pairs.map((x) => x.audience))}::text[],
          ${pgTextArray(pairs.map((x) => String(x.part.byUnit)))}::boolean[])
        as pr(part, tenant_id, default_audience, by_unit)
      join people p on p.tenant_id = pr.tenant_id
      where ${assessedAgainst(p, sql`pr.default_audience`, q.audience)}
        and p.created_at < ${q.at}
        and ${isStaff(p)}
      order by pr.part, ${personKey(p)}, p.created_at, p.id`
    return countLevels(db, staff, q)
  }

  return {
    async tallies(tenantId, q) {
      const upTo = upToOf(q.at)
      if (upTo) {
        return readCounts(
          db,
          [
            {
              unit: '',
              schools: [{ tenantId, defaultAudience: q.defaultAudience }],
              byUnit: false,
              perUnit: true,
              ...(q.unit !== undefined && { onlyUnit: q.unit }),
            },
          ],
          { ...q, upTo },
        )
      }
      const staff = sql`
        select p.tenant_id, p.id, coalesce(p.unit, '') as unit from people p
        where p.tenant_id = ${tenantId}
          and ${assessedAgainst(p, sql`${q.defaultAudience}::text`, q.audience)}
          and p.created_at < ${q.at}
          and ${isStaff(p)}
          ${q.unit === undefined ? sql`` : sql`and coalesce(p.unit, '') = ${q.unit}`}`
      return countLevels(db, staff, q)
    },

    districtTallies: (schools, q) => partTallies([{ unit: '', schools, byUnit: false }], q),

    partTallies,

    async staffByTable(tenantId, defaultAudience) {
      const rows = await queryRows<{ audience: string; staff: number }>(
        db,
        sql`select a.audience, count(distinct p.id)::int as staff
          from people p, unnest(${tablesOf(p, sql`${defaultAudience}::text`)}) as a(audience)
          where p.tenant_id = ${tenantId} and ${isStaff(p)}
          group by 1`,
      )
      return new Map(rows.map((r) => [r.audience, r.staff]))
    },

    async staffByUnit(tenantId) {
      return queryRows<{ unit: string; staff: number }>(
        db,
        sql`select coalesce(p.unit, '') as unit, count(*)::int as staff from people p
          where p.tenant_id = ${tenantId} and ${isStaff(p)} group by 1 order by 1`,
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

/**
 * Counts the staff a query selects (`tenant_id`, `id`, `unit`) per unit, and per unit, component and level
 * the levels they held at the time, in one statement: the held levels are worked out once for
 * both counts.
 */
async function countLevels(
  db: Db,
  staff: SQL,
  q: { readonly componentIds: readonly string[]; readonly at: Date },
): Promise<{ staff: StaffCount[]; levels: LevelCount[] }> {
  const components = sql`array[${sql.join(
    q.componentIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`
  const rows = await queryRows<{
    kind: 'level' | 'staff'
    unit: string
    component_id: string | null
    level: string | null
    count: number
    every_component: number | null
  }>(
    db,
    sql`with staff as (${staff}),
      held as materialized (
        select distinct on (h.person_id, h.component_id) h.person_id, h.component_id, h.level
        from level_history h
          join (select distinct tenant_id, id from staff) s
            on h.tenant_id = s.tenant_id and h.person_id = s.id
        where h.changed_at < ${q.at} and h.component_id = any(${components})
        order by h.person_id, h.component_id, h.changed_at desc, h.id desc
      ),
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
  return {
    staff: rows
      .filter((r) => r.kind === 'staff')
      .map((r) => ({ unit: r.unit, staff: r.count, everyComponent: r.every_component ?? 0 })),
    levels: rows
      .filter((r) => r.kind === 'level')
      .map((r) => ({
        unit: r.unit,
        componentId: r.component_id!,
        level: r.level!,
        count: r.count,
      })),
  }
}
