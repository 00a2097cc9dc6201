// The learners' report read from learner_counts, the counts the database keeps in the transaction
// of each change (see the migration that made it, and schema/learner-counts.ts): a report over
// the schools under an office reads a few rows per school, grade, item and level, never pupils.
// The counts are kept per school year, so they give a year's figures now (the current year) or
// at its end; anything else is worked out from people (postgres-learner-report-store.ts).
import { sql } from 'drizzle-orm'
import type { LearnerTally } from '../learners/learner-figures.ts'
import { schoolYearOf, vnDate } from '../reports/semester.ts'
import type { Db } from './database.ts'
import type { LearnerQuery } from './learner-report-store.ts'
import { queryRows } from './query-rows.ts'
import { NOW_MS } from './report-counts.ts'
import { pgTextArray } from './sql-values.ts'
import { assessedAgainst, isStaff } from './staff-people.ts'

/**
 * Which kept rows give the figures of a query: levels and pupils of every year (`all`, now) or
 * of the years before a day (`before`, the year's end), exposure of the year starting `year`;
 * `undefined` when the counts cannot tell them (another instant).
 */
export function learnerCountsUpTo(
  q: Pick<LearnerQuery, 'at' | 'since'>,
  now: Date,
): { readonly year: string; readonly before?: string } | undefined {
  const year = schoolYearOf(q.since)
  if (year.start.getTime() !== q.since.getTime()) return undefined
  const at = q.at.getTime()
  if (at === year.end.getTime()) return { year: vnDate(year.start), before: vnDate(year.end) }
  if (at >= now.getTime() - NOW_MS && at >= year.start.getTime() && at < year.end.getTime()) {
    return { year: vnDate(year.start) }
  }
  return undefined
}

/**
 * The tallies of a report by parts (LearnerQuery `rows: 'parts'`) from the kept counts. Within a
 * key, a pupil on the rosters of two of its schools (the same email) counts once, with the record
 * made first: the later records' own rows are worked out from them and taken off.
 */
export async function readLearnerCounts(
  db: Db,
  q: LearnerQuery,
  upTo: NonNullable<ReturnType<typeof learnerCountsUpTo>>,
): Promise<LearnerTally[]> {
  const p = sql`p`
  const years = (c: ReturnType<typeof sql>) => sql`(case when ${c}.level = '*'
      then ${c}.year = ${upTo.year}::date
      else ${upTo.before === undefined ? sql`true` : sql`${c}.year < ${upTo.before}::date`} end)`
  const audienceOf = (c: ReturnType<typeof sql>) =>
    sql`${c}.audience in (${q.audience}, case when pr.default_audience = ${q.audience} then '' end)`
  const rows = await queryRows<{
    key: string
    tenant_id: string
    grade: number
    item: string
    level: string
    n: number
  }>(
    db,
    sql`with pr as (
        select * from unnest(${pgTextArray(q.schools.map((s) => s.key))}::text[],
          ${pgTextArray(q.schools.map((s) => s.tenantId))}::uuid[],
          ${pgTextArray(q.schools.map((s) => s.defaultAudience))}::text[])
          as pr(key, tenant_id, default_audience)
      ),
      shared as (
        select pr.key, pr.tenant_id, p.id, nls_learner_person(p, 1) as who,
          row_number() over (partition by pr.key, lower(btrim(p.email))
            order by p.created_at, p.id) as nth
        from pr join people p on p.tenant_id = pr.tenant_id and p.key_shared
        where ${isStaff(p)} and ${assessedAgainst(p, sql`pr.default_audience`, q.audience)}
          and p.created_at < ${q.at}
      ),
      later as (select key, tenant_id, id, who from shared where nth > 1),
      who as (select jsonb_agg(distinct who) as people from later),
      taken_off as (
        select c.* from who, nls_learner_levels(who.people, null, null) c
        union all
        select c.* from who, nls_learner_exposure(who.people, null, null) c
      ),
      counted as (
        select pr.key, c.tenant_id, c.grade, c.item, c.level, c.n
        from pr join learner_counts c on c.tenant_id = pr.tenant_id
        where ${audienceOf(sql`c`)} and ${years(sql`c`)}
        union all
        select pr.key, c.tenant_id, c.grade, c.item, c.level, -c.n
        from later l join pr on pr.key = l.key and pr.tenant_id = l.tenant_id
          join taken_off c on c.tenant_id = l.tenant_id and c.person_id = l.id
        where ${audienceOf(sql`c`)} and ${years(sql`c`)}
      )
      select key, tenant_id, grade, item, level, sum(n)::int as n
      from counted
      group by 1, 2, 3, 4, 5
      having sum(n) <> 0`,
  )
  const rankOf = new Map(q.ranks.map((r) => [r.code, r.rank]))
  const expected = new Map(q.expected.map((x) => [`${x.tenantId} ${x.grade}`, x.rank]))
  const items = [...new Set(q.components.flatMap((c) => [c.id, c.domainId]))]
  const pupils = new Map<string, number>()
  /** Per key and item: pupils at each rank, of them at target, and those exposed. */
  const per = new Map<string, { ranks: Map<number, [number, number]>; exposed: number }>()
  const entry = (key: string, item: string) => {
    const k = `${key}\u0000${item}`
    let e = per.get(k)
    if (!e) per.set(k, (e = { ranks: new Map(), exposed: 0 }))
    return e
  }
  for (const r of rows) {
    if (r.item === '') {
      pupils.set(r.key, (pupils.get(r.key) ?? 0) + r.n)
    } else if (r.level === '*') {
      entry(r.key, r.item).exposed += r.n
    } else {
      const rank = rankOf.get(r.level)
      if (rank === undefined) continue
      const ranks = entry(r.key, r.item).ranks
      const [n, atTarget] = ranks.get(rank) ?? [0, 0]
      const target = expected.get(`${r.tenant_id} ${r.grade}`)
      ranks.set(rank, [n + r.n, atTarget + (target !== undefined && rank >= target ? r.n : 0)])
    }
  }
  const tallies: LearnerTally[] = []
  for (const [key, total] of pupils) {
    if (total <= 0) continue
    for (const item of items) {
      const e = per.get(`${key}\u0000${item}`)
      let held = 0
      for (const [rank, [n, atTarget]] of e?.ranks ?? []) {
        if (n === 0) continue
        held += n
        tallies.push({ key, item, rank, pupils: n, exposed: 0, atTarget })
      }
      // Exposure is told on the row of those without a level: the figures add it up per item.
      const exposed = e?.exposed ?? 0
      if (total - held > 0 || exposed > 0) {
        tallies.push({ key, item, rank: null, pupils: total - held, exposed, atTarget: 0 })
      }
    }
  }
  return tallies
}
