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

/** Each school's expected rank per grade, as an int[] literal indexed by grade (null: none). */
function expectedByGrade(q: Pick<LearnerQuery, 'expected'>): Map<string, string> {
  const grades = new Map<string, (number | undefined)[]>()
  for (const x of q.expected) {
    const list = grades.get(x.tenantId) ?? []
    list[x.grade] = x.rank
    grades.set(x.tenantId, list)
  }
  const out = new Map<string, string>()
  for (const [tenantId, list] of grades) {
    // Subscripts from 1 (grade 1); a grade without a target is NULL, which no rank reaches.
    const values = Array.from({ length: list.length - 1 }, (_, i) => list[i + 1] ?? 'NULL')
    out.set(tenantId, `{${values.join(',')}}`)
  }
  return out
}

const ints = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::int[]`

/** The levels' ranks as a table `ranks` (level, rank) for a query's `with`. */
function ranksTable(q: Pick<LearnerQuery, 'ranks'>) {
  return sql`ranks as (
      select * from unnest(${pgTextArray(q.ranks.map((r) => r.code))}::text[],
        ${ints(q.ranks.map((r) => r.rank))}) as r(level, rank)
    )`
}

/**
 * The rules' inputs as tables for a query's `with`: `ranks` (level, rank) and `expected`
 * (tenant_id, grade, rank), from learnerRuleInputs.
 */
export function ruleTables(q: Pick<LearnerQuery, 'ranks' | 'expected'>) {
  return sql`${ranksTable(q)},
    expected as (
      select * from unnest(${pgTextArray(q.expected.map((x) => x.tenantId))}::uuid[],
        ${ints(q.expected.map((x) => x.grade))},
        ${ints(q.expected.map((x) => x.rank))}) as x(tenant_id, grade, rank)
    )`
}

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
    sql`${c}.audience in (${q.audience}, case when s.default_audience = ${q.audience} then '' end)`
  // The schools' figures with ranks and targets, added up in SQL over the schools under the same
  // keys (a city's schools are each under their part and the total: 25 sets of keys), then here
  // under each of those keys. Each school's set of keys and targets by grade come with the one
  // join that reads its rows (a lookup per row, or another join, cost as much again at city size).
  const keySets: string[][] = []
  const setOf = new Map<string, number>()
  {
    const keysOf = new Map<string, string[]>()
    for (const school of q.schools) {
      keysOf.set(school.tenantId, [...(keysOf.get(school.tenantId) ?? []), school.key])
    }
    const index = new Map<string, number>()
    for (const [tenantId, keys] of keysOf) {
      const unique = [...new Set(keys)].sort()
      const id = JSON.stringify(unique)
      if (!index.has(id)) index.set(id, keySets.push(unique) - 1)
      setOf.set(tenantId, index.get(id)!)
    }
  }
  const expected = expectedByGrade(q)
  const schools = [...new Map(q.schools.map((s) => [s.tenantId, s.defaultAudience]))]
  type Row = {
    key_set: number | null
    key: string | null
    item: string
    exposure: boolean
    rank: number | null
    n: number
    at_target: number
  }
  // The planner cannot tell that a city's 136,000 rows fall in some 500 groups (the sets of keys
  // come from a parameter) and would sort them all rather than hash them in 4 MB: it is given
  // room to hash.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`)
    return queryRows<Row>(
      tx,
      sql`with pr as (
        select * from unnest(${pgTextArray(q.schools.map((s) => s.key))}::text[],
          ${pgTextArray(q.schools.map((s) => s.tenantId))}::uuid[],
          ${pgTextArray(q.schools.map((s) => s.defaultAudience))}::text[])
          as pr(key, tenant_id, default_audience)
      ),
      ${ranksTable(q)},
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
      schools as (
        select s.tenant_id, s.default_audience, s.key_set, s.expected::int[] as expected
        from unnest(${pgTextArray(schools.map(([id]) => id))}::uuid[],
          ${pgTextArray(schools.map(([, audience]) => audience))}::text[],
          ${ints(schools.map(([id]) => setOf.get(id)!))},
          ${pgTextArray(schools.map(([id]) => expected.get(id) ?? '{}'))}::text[])
          as s(tenant_id, default_audience, key_set, expected)
      ),
      -- Each school's rows once (and those taken off, under their key), with ranks and targets;
      -- then added up under every key the school is in.
      own as (
        select s.key_set, null::text as key, c.grade, c.item, c.level, c.n,
          s.expected[c.grade] as expected
        from schools s join learner_counts c on c.tenant_id = s.tenant_id
        where ${audienceOf(sql`c`)} and ${years(sql`c`)}
        union all
        select null, l.key, c.grade, c.item, c.level, -c.n, s.expected[c.grade]
        from later l join schools s on s.tenant_id = l.tenant_id
          join taken_off c on c.tenant_id = l.tenant_id and c.person_id = l.id
        where ${audienceOf(sql`c`)} and ${years(sql`c`)}
      )
      select o.key_set, o.key, o.item, o.level = '*' as exposure, r.rank, sum(o.n)::int as n,
        coalesce(sum(o.n) filter (where r.rank >= o.expected), 0)::int as at_target
      from own o left join ranks r on r.level = o.level
      group by 1, 2, 3, 4, 5
      having sum(o.n) <> 0`,
    )
  })
  const items = [...new Set(q.components.flatMap((c) => [c.id, c.domainId]))]
  const pupils = new Map<string, number>()
  /** Per key and item: pupils at each rank and of them at target, and those exposed. */
  const per = new Map<string, { ranks: Map<number, [number, number]>; exposed: number }>()
  const entry = (key: string, item: string) => {
    const k = `${key}\u0000${item}`
    let e = per.get(k)
    if (!e) per.set(k, (e = { ranks: new Map(), exposed: 0 }))
    return e
  }
  for (const r of rows) {
    for (const key of r.key === null ? (keySets[r.key_set ?? -1] ?? []) : [r.key]) {
      if (r.item === '') pupils.set(key, (pupils.get(key) ?? 0) + r.n)
      else if (r.exposure) entry(key, r.item).exposed += r.n
      // (a level the table does not rank is no level, as counting pupils takes it)
      else if (r.rank !== null) {
        const ranks = entry(key, r.item).ranks
        const [n, atTarget] = ranks.get(r.rank) ?? [0, 0]
        ranks.set(r.rank, [n + r.n, atTarget + r.at_target])
      }
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
