import { sql } from 'drizzle-orm'
import type { LearnerTally } from '../learners/learner-figures.ts'
import type { Db } from './database.ts'
import { learnerCountsUpTo, readLearnerCounts, ruleTables } from './learner-counts.ts'
import type { LearnerReportStore } from './learner-report-store.ts'
import { queryRows } from './query-rows.ts'
import { pgTextArray } from './sql-values.ts'
import { assessedAgainst, isStaff, personKey } from './staff-people.ts'

const p = sql`p`

/** A component ID from an evidence ID (a component at a level, or one of its descriptors). */
const componentOf = (id: ReturnType<typeof sql>) =>
  sql`array_to_string((string_to_array(${id}, '.'))[1:4], '.')`

/**
 * The learners' report over PostgreSQL, one statement per view: by parts, a year's figures now or
 * at its end from the counts the database keeps (learner-counts.ts); a school's grades and
 * classes, or another instant, counted from people, level history and evidence. Both give the
 * same figures (test/store/learner-counts.test.ts).
 */
export function postgresLearnerReportStore(
  db: Db,
  {
    clock = () => new Date(),
    keptCounts = true,
  }: {
    readonly clock?: () => Date
    /** false: always count from people (to check the kept counts against). */
    readonly keptCounts?: boolean
  } = {},
): LearnerReportStore {
  return {
    async tallies(q) {
      if (q.schools.length === 0 || q.components.length === 0) return []
      const upTo = keptCounts && q.rows === 'parts' ? learnerCountsUpTo(q, clock()) : undefined
      if (upTo) return readLearnerCounts(db, q, upTo)
      // Pupils: people assessed against the table, on a roster or learners of a course, with
      // their effective grade and class; each once per key (their oldest record there).
      const keyed =
        q.rows === 'parts'
          ? sql`select pu.key, pu.id, pu.tenant_id, pu.grade from pupils pu`
          : sql`select k.key, pu.id, pu.tenant_id, pu.grade from pupils pu
              cross join lateral (values (pu.key), ('g:' || coalesce(pu.grade::text, '')),
                ('c:' || coalesce(pu.class, ''))) as k(key)`
      const rows = await queryRows<{
        key: string
        item: string
        rank: number | null
        pupils: number
        exposed: number
        at_target: number
      }>(
        db,
        sql`with pairs as (
            select * from unnest(${pgTextArray(q.schools.map((s) => s.key))}::text[],
              ${pgTextArray(q.schools.map((s) => s.tenantId))}::uuid[],
              ${pgTextArray(q.schools.map((s) => s.defaultAudience))}::text[])
              as pr(key, tenant_id, default_audience)
          ),
          pupils as (
            select distinct on (pr.key, ${personKey(p)}) pr.key, p.id, p.tenant_id,
              coalesce(p.grade, p.course_grade)::int as grade,
              coalesce(p.class_name, p.course_class) as class
            from pairs pr join people p on p.tenant_id = pr.tenant_id
            where ${assessedAgainst(p, sql`pr.default_audience`, q.audience)}
              and p.created_at < ${q.at} and ${isStaff(p)}
            order by pr.key, ${personKey(p)}, p.created_at, p.id
          ),
          keyed as (${keyed}),
          once as (select distinct id, tenant_id from pupils),
          comps as (
            select * from unnest(${pgTextArray(q.components.map((c) => c.id))}::text[],
              ${pgTextArray(q.components.map((c) => c.domainId))}::text[]) as c(component_id, domain_id)
          ),
          sizes as (select domain_id, count(*)::int as n from comps group by 1),
          ${ruleTables(q)},
          held as materialized (
            select distinct on (h.person_id, h.component_id) h.person_id, h.component_id, r.rank
            from level_history h
              join once o on h.tenant_id = o.tenant_id and h.person_id = o.id
              left join ranks r on r.level = h.level
            where h.changed_at < ${q.at} and h.component_id in (select component_id from comps)
            order by h.person_id, h.component_id, h.changed_at desc, h.id desc
          ),
          exposed as materialized (
            select distinct e.person_id, ${componentOf(sql`e.competency_id`)} as component_id
            from evidence e join once o on e.tenant_id = o.tenant_id and e.person_id = o.id
            where e.observed_at >= ${q.since} and e.observed_at < ${q.at}
              and ${componentOf(sql`e.competency_id`)} in (select component_id from comps)
          ),
          per_component as (
            select o.id as person_id, c.component_id, c.domain_id, h.rank,
              x.person_id is not null as exposed
            from once o cross join comps c
              left join held h on h.person_id = o.id and h.component_id = c.component_id
              left join exposed x on x.person_id = o.id and x.component_id = c.component_id
          ),
          items as (
            select person_id, component_id as item, rank, exposed from per_component
            union all
            -- The domain rule (src/learners/domain-level.ts, domainLevel): a domain is held at the
            -- lowest of its components' levels, and at none while a component has none.
            select pc.person_id, pc.domain_id,
              case when count(pc.rank) = s.n then min(pc.rank) end, bool_or(pc.exposed)
            from per_component pc join sizes s on s.domain_id = pc.domain_id
            group by pc.person_id, pc.domain_id, s.n
          )
          select k.key, i.item, i.rank, count(*)::int as pupils,
            (count(*) filter (where i.exposed))::int as exposed,
            (count(*) filter (where i.rank >= ex.rank))::int as at_target
          from keyed k join items i on i.person_id = k.id
            left join expected ex on ex.tenant_id = k.tenant_id and ex.grade = k.grade
          group by k.key, i.item, i.rank`,
      )
      return rows.map((r): LearnerTally => ({
        key: r.key,
        item: r.item,
        rank: r.rank,
        pupils: r.pupils,
        exposed: r.exposed,
        atTarget: r.at_target,
      }))
    },
  }
}
