import { type SQL, sql } from 'drizzle-orm'
import type { TargetGroup } from '../plans/plan.ts'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import { pgTextArray } from './sql-values.ts'
import { isStaff, personKey } from './staff-people.ts'
import type { MissingPerson, TargetQuery, TargetStore } from './target-store.ts'

const p = sql`p`

/** Values bound as one array parameter (a city has thousands of schools). */
const uuids = (ids: readonly string[]) => sql`${pgTextArray(ids)}::uuid[]`
const texts = (values: readonly string[]) => sql`${pgTextArray(values)}::text[]`

/** Whether the person row `p` is in a target's group. */
function inGroup(group: TargetGroup): SQL {
  if (group.kind === 'pupils') {
    // A pupil's effective grade: the roster's khối, else the grade of a course they learn in.
    return sql`coalesce(p.grade, p.course_grade) = any(${`{${group.grades.join(',')}}`}::smallint[])
      and ${isStaff(p)}`
  }
  const levels = group.schoolLevels
    ? sql`and p.school_level = any(${texts(group.schoolLevels)})`
    : sql``
  return sql`p.position = any(${texts(group.positions)}) ${levels} and ${isStaff(p)}`
}

/**
 * The CTEs every query of a target starts with, over the (scope, school) pairs given as
 * `pairs(scope, tenant_id)`: `counted`, one row per scope and person key (the person's oldest
 * record among the scope's schools), and `meeting`, those of them who meet every entry of the
 * target: an accepted level held at `at` (the newest level_history row before `at` per person and
 * component, as the level reports read them), or for exposure evidence of it (`exposedCte`).
 */
function targetCtes(q: TargetQuery, pairs: SQL): SQL {
  const entries = q.components.flatMap((ids, n) => ids.map((id) => ({ n, id })))
  return sql`pairs as (${pairs}),
    members as (
      select pr.scope, p.id, p.tenant_id, ${personKey(p)} as key, p.created_at, p.name, p.email,
        p.position, p.school_level, p.unit
      from pairs pr join people p on p.tenant_id = pr.tenant_id
      where p.tenant_id = any(${uuids(q.tenantIds)}) and p.created_at < ${q.at}
        and ${inGroup(q.group)}
    ),
    counted as (
      select distinct on (m.scope, m.key) m.* from members m
      order by m.scope, m.key, m.created_at, m.id
    ),
    entries as (
      select * from unnest(${`{${entries.map((e) => e.n).join(',')}}`}::int[],
        ${texts(entries.map((e) => e.id))}) as e(n, component_id)
    ),
    ${q.exposure ? exposedCte(q, q.exposure.since) : heldCte(q)},
    meeting as (
      select held.person_id from held join entries e on e.component_id = held.component_id
      where held.level = any(${texts(q.accepted)})
      group by held.person_id
      having count(distinct e.n) = ${q.components.length}
    )`
}

/** `held`: the level each counted person holds at `at` of each entry's components. */
function heldCte(q: TargetQuery): SQL {
  return sql`held as materialized (
      select distinct on (h.person_id, h.component_id) h.person_id, h.component_id, h.level
      from level_history h
      where h.tenant_id = any(${uuids(q.tenantIds)}) and h.changed_at < ${q.at}
        and h.component_id in (select component_id from entries)
        and h.person_id in (select id from counted)
      order by h.person_id, h.component_id, h.changed_at desc, h.id desc
    )`
}

/**
 * `held` for exposure: each counted person's components evidenced from `since` until `at`, with
 * the level the evidence is of (an evidence ID is a component at a level, TT02.NH.1.1.CB1, or one
 * of its descriptors, TT02.NH.1.1.CB1.a: the level is its fifth part).
 */
function exposedCte(q: Pick<TargetQuery, 'tenantIds' | 'at'>, since: Date): SQL {
  return sql`held as materialized (
      select distinct e.person_id,
        array_to_string((string_to_array(e.competency_id, '.'))[1:4], '.') as component_id,
        split_part(e.competency_id, '.', 5) as level
      from evidence e
      where e.tenant_id = any(${uuids(q.tenantIds)})
        and e.observed_at >= ${since} and e.observed_at < ${q.at}
        and array_to_string((string_to_array(e.competency_id, '.'))[1:4], '.')
          in (select component_id from entries)
        and e.person_id in (select id from counted)
    )`
}

/** Each part's schools paired with its id, and every school paired with null (the total). */
function partPairs(q: TargetQuery): SQL {
  const parts = q.parts.flatMap((part) => part.tenantIds.map((t) => [part.partId, t] as const))
  return sql`select * from unnest(${texts(parts.map(([part]) => part))},
      ${uuids(parts.map(([, t]) => t))}) as pr(scope, tenant_id)
    union all
    select null::text, t from unnest(${uuids(q.tenantIds)}) as t`
}

/** Plan targets over PostgreSQL: one statement per target for every part and the total. */
export function postgresTargetStore(db: Db): TargetStore {
  return {
    async figures(q) {
      if (q.tenantIds.length === 0) return { parts: [], total: { group: 0, met: 0 } }
      const rows = await queryRows<{ scope: string | null; group_size: number; met: number }>(
        db,
        sql`with ${targetCtes(q, partPairs(q))}
          select c.scope, count(*)::int as group_size, count(m.person_id)::int as met
          from counted c left join meeting m on m.person_id = c.id
          group by c.scope`,
      )
      const total = rows.find((r) => r.scope === null)
      return {
        parts: rows
          .filter((r) => r.scope !== null)
          .map((r) => ({ partId: r.scope!, group: r.group_size, met: r.met })),
        total: { group: total?.group_size ?? 0, met: total?.met ?? 0 },
      }
    },

    async missing(q, page) {
      const scope =
        page.partId === undefined
          ? q.tenantIds
          : q.parts.find((part) => part.partId === page.partId)?.tenantIds
      if (scope === undefined) throw new TypeError(`no part ${page.partId} in the query`)
      if (scope.length === 0) return { count: 0, people: [] }
      const pairs = sql`select null::text as scope, t as tenant_id from unnest(${uuids(scope)}) as t`
      const rows = await queryRows<{
        count: number
        id: string | null
        tenant_id: string
        school: string
        name: string | null
        email: string | null
        position: string | null
        school_level: string | null
        unit: string | null
      }>(
        db,
        sql`with ${targetCtes(q, pairs)},
          missing as (
            select c.* from counted c where c.id not in (select person_id from meeting)
          )
          select n.count, r.* from (select count(*)::int as count from missing) n
          left join lateral (
            select m.id, m.tenant_id, t.name as school, m.name, m.email, m.position,
              m.school_level, m.unit
            from missing m join tenants t on t.id = m.tenant_id
            order by t.name, m.name nulls last, m.email nulls last, m.id
            limit ${page.limit} offset ${page.offset}
          ) r on true`,
      )
      return {
        count: rows[0]?.count ?? 0,
        people: rows
          .filter((r) => r.id !== null)
          .map((r): MissingPerson => ({
            personId: r.id!,
            tenantId: r.tenant_id,
            school: r.school,
            name: r.name ?? undefined,
            email: r.email ?? undefined,
            position: r.position ?? undefined,
            schoolLevel: r.school_level ?? undefined,
            unit: r.unit ?? undefined,
          })),
      }
    },

    async withoutPosition(tenantIds) {
      if (tenantIds.length === 0) return 0
      // Pupils (people with a grade) have no position by nature: they are not counted.
      const [row] = await queryRows<{ count: number }>(
        db,
        sql`select count(distinct ${personKey(p)})::int as count from people p
          where p.tenant_id = any(${uuids(tenantIds)}) and p.position is null
            and coalesce(p.grade, p.course_grade) is null and ${isStaff(p)}`,
      )
      return row?.count ?? 0
    },
  }
}
