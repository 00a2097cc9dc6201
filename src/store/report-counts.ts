// Report counts read from report_counts, the counts the database keeps in the transaction of each
// change (see the migration that made it, and schema/report-counts.ts): a report reads a few rows
// per school, table, unit, component and level, never people. The counts are kept per semester,
// so they give the figures at a semester's first instant or now; another instant is worked out
// from people and level history (postgres-report-store.ts).
import { type SQL, sql } from 'drizzle-orm'
import { semesterOf, vnDate } from '../reports/semester.ts'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import type { LevelCount, StaffCount, TallyPart } from './report-store.ts'
import { pgTextArray } from './sql-values.ts'
import { assessedAgainst, isStaff } from './staff-people.ts'

/** How far back of "now" an instant still reads every count kept (a report made just now). */
export const NOW_MS = 60_000

/**
 * The semesters report_counts must add up for figures at `at`: every one (`all`, at now), those
 * before a semester's first day (`before`, as YYYY-MM-DD), or none (`undefined`): the counts
 * cannot tell the figures at that instant.
 */
export function countsUpTo(
  at: Date,
  now: Date,
): { readonly all: true } | { readonly before: string } | undefined {
  if (at.getTime() >= now.getTime() - NOW_MS) return { all: true }
  const s = semesterOf(at)
  if (s.start.getTime() !== at.getTime()) return undefined
  return { before: vnDate(s.start) }
}

/** A report's question to the counts: the table, its components, and how far they add up. */
export interface CountsQuery {
  readonly audience: string
  readonly componentIds: readonly string[]
  readonly at: Date
  readonly upTo: NonNullable<ReturnType<typeof countsUpTo>>
}

/**
 * The counts of parts of a node (each part its schools taken together, as partTallies), or of one
 * school by its units (`perUnit`, as tallies; narrowed to `unit`). Within a part, someone on the
 * rosters of two of its schools (the same email) counts once, with the record made first: the
 * later records' own counts are worked out from their rows and taken off.
 */
export async function readCounts(
  db: Db,
  parts: readonly (TallyPart & { readonly perUnit?: boolean; readonly onlyUnit?: string })[],
  q: CountsQuery,
): Promise<{ staff: StaffCount[]; levels: LevelCount[] }> {
  const pairs = parts.flatMap((part) =>
    part.schools.map((s) => ({ part, tenantId: s.tenantId, audience: s.defaultAudience })),
  )
  if (pairs.length === 0) return { staff: [], levels: [] }
  const held = `#${q.audience}`
  const upTo = (column: SQL) =>
    'before' in q.upTo ? sql`and ${column} < ${q.upTo.before}::date` : sql``
  const wanted = (c: SQL) => sql`(${c}.component_id = '' or ${c}.component_id = ${held}
    or ${c}.component_id = any(${pgTextArray(q.componentIds)}::text[]))
    and ${c}.audience in (${q.audience}, case when pr.default_audience = ${q.audience} then '' end)`
  const p = sql`p`
  const rows = await queryRows<{
    unit: string
    component_id: string
    level: string
    n: number
  }>(
    db,
    sql`with pr as (
        select * from unnest(${pgTextArray(pairs.map((x) => x.part.unit))}::text[],
          ${pgTextArray(pairs.map((x) => x.tenantId))}::uuid[],
          ${pgTextArray(pairs.map((x) => x.audience))}::text[],
          ${pgTextArray(pairs.map((x) => String(x.part.byUnit)))}::boolean[],
          ${pgTextArray(pairs.map((x) => String(x.part.perUnit ?? false)))}::boolean[],
          ${pgTextArray(pairs.map((x) => x.part.onlyUnit ?? ''))}::text[],
          ${pgTextArray(pairs.map((x) => String(x.part.onlyUnit !== undefined)))}::boolean[])
          as pr(part, tenant_id, default_audience, by_unit, per_unit, only_unit, narrowed)
      ),
      -- Of the people of a part sharing an email (assessed against the table, staff by then),
      -- the record made first counts; the others' own counts are taken off, worked out at once.
      shared as (
        select pr.part, pr.tenant_id, p.id, nls_report_person(p, 1) as who,
          row_number() over (partition by pr.part, lower(btrim(p.email))
            order by p.created_at, p.id) as nth
        from pr join people p on p.tenant_id = pr.tenant_id and p.key_shared
        where not pr.per_unit and ${isStaff(p)}
          and ${assessedAgainst(p, sql`pr.default_audience`, q.audience)}
          and p.created_at < ${q.at}
      ),
      later as (select part, tenant_id, id, who from shared where nth > 1),
      taken_off as (
        select c.* from nls_report_contribution(
          (select jsonb_agg(distinct who) from later), null, null) c
      ),
      counted as (
        select pr.part, pr.by_unit, pr.per_unit, c.unit, c.component_id, c.level, c.n
        from pr join report_counts c on c.tenant_id = pr.tenant_id
        where ${wanted(sql`c`)} ${upTo(sql`c.semester`)}
          and (not pr.narrowed or c.unit = pr.only_unit)
        union all
        select pr.part, pr.by_unit, pr.per_unit, c.unit, c.component_id, c.level, -c.n
        from later l join pr on pr.part = l.part and pr.tenant_id = l.tenant_id
          join taken_off c on c.person_id = l.id
        where ${wanted(sql`c`)} ${upTo(sql`c.semester`)}
      )
      select case when per_unit then unit
          when by_unit and unit <> '' then part || ' — ' || unit
          else part end as unit,
        component_id, level, sum(n)::int as n
      from counted
      group by 1, 2, 3
      having sum(n) <> 0`,
  )
  const everyComponent = String(q.componentIds.length)
  const staff = new Map<string, { staff: number; everyComponent: number }>()
  const entry = (unit: string) => {
    let e = staff.get(unit)
    if (!e) staff.set(unit, (e = { staff: 0, everyComponent: 0 }))
    return e
  }
  const levels: LevelCount[] = []
  for (const r of rows) {
    if (r.component_id === '') entry(r.unit).staff += r.n
    else if (r.component_id === held) {
      if (r.level === everyComponent) entry(r.unit).everyComponent += r.n
    } else levels.push({ unit: r.unit, componentId: r.component_id, level: r.level, count: r.n })
  }
  return {
    staff: [...staff].filter(([, e]) => e.staff > 0).map(([unit, e]) => ({ unit, ...e })),
    levels,
  }
}
