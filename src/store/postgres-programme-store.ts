import { type SQL, sql } from 'drizzle-orm'
import { LEARNER_ROLES, LEARNER_SUB_ROLE_PREFIX } from '../../lti/claims.ts'
import type { Db } from './database.ts'
import { isUuid } from './is-uuid.ts'
import type {
  LevelTransition,
  Programme,
  ProgrammeCourse,
  ProgrammeStore,
} from './programme-store.ts'
import { queryRows } from './query-rows.ts'

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`

const uuids = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`

/** Whether a context member's roles (`roles`) include Learner or one of its sub-roles. */
const isLearner = (roles: SQL) => sql`(${roles} && ${textArray(LEARNER_ROLES)}
  or exists (select 1 from unnest(${roles}) r where starts_with(r, ${LEARNER_SUB_ROLE_PREFIX})))`

/** The ids of a programme's tags. */
function programmeTags(p: Programme): SQL {
  if ('contextId' in p) {
    return sql`select t.id from tags t
      join activities a on a.tenant_id = t.tenant_id and a.id = t.activity_id
      where t.tenant_id = ${p.tenantId} and a.context_id = ${p.contextId}`
  }
  return sql`select t.id from tags t
    left join activities a on a.tenant_id = t.tenant_id and a.id = t.activity_id
    where t.tenant_id = ${p.tenantId}
      and (starts_with(a.iri, ${p.prefix}) or starts_with(t.activity_prefix, ${p.prefix}))`
}

/** A course's Learners (none for a tag set): participants even before any evidence. */
function programmeLearners(p: Programme): SQL {
  if (!('contextId' in p)) return sql`select null::uuid as person_id where false`
  return sql`select cm.person_id from context_members cm
    where cm.tenant_id = ${p.tenantId} and cm.context_id = ${p.contextId} and ${isLearner(sql`cm.roles`)}`
}

interface CourseRow {
  tenant_id: string
  id: string
  external_id: string
  title: string | null
  label: string | null
}

const courseOf = (r: CourseRow): ProgrammeCourse => ({
  tenantId: r.tenant_id,
  contextId: r.id,
  externalId: r.external_id,
  ...(r.title !== null && { title: r.title }),
  ...(r.label !== null && { label: r.label }),
})

/** Training programmes over PostgreSQL: every figure is counted by the database. */
export function postgresProgrammeStore(db: Db): ProgrammeStore {
  return {
    async listCourses(tenantIds, page) {
      if (tenantIds.length === 0) return { courses: [], total: 0 }
      const rows = await queryRows<CourseRow & { total: number; participants: number }>(
        db,
        sql`with listed as (
            select c.tenant_id, c.id, c.external_id, c.title, c.label,
              count(*) over () as total
            from contexts c
            where c.tenant_id = any(${uuids(tenantIds)})
              and exists (
                select 1 from activities a
                join tags t on t.tenant_id = a.tenant_id and t.activity_id = a.id
                where a.tenant_id = c.tenant_id and a.context_id = c.id)
            order by coalesce(c.title, c.label, c.external_id), c.id
            limit ${page.limit} offset ${page.offset}
          )
          select l.tenant_id, l.id, l.external_id, l.title, l.label, l.total::int as total,
            (select count(*) from (
              select e.person_id from evidence e
              join tags t on t.tenant_id = e.tenant_id and t.id = e.tag_id
              join activities a on a.tenant_id = t.tenant_id and a.id = t.activity_id
              where e.tenant_id = l.tenant_id and a.context_id = l.id
              union
              select cm.person_id from context_members cm
              where cm.tenant_id = l.tenant_id and cm.context_id = l.id
                and ${isLearner(sql`cm.roles`)}
            ) as p)::int as participants
          from listed l
          order by coalesce(l.title, l.label, l.external_id), l.id`,
      )
      return {
        courses: rows.map((r) => ({ ...courseOf(r), participants: r.participants })),
        total: rows[0]?.total ?? 0,
      }
    },

    async findCourse(tenantIds, contextId) {
      if (tenantIds.length === 0 || !isUuid(contextId)) return undefined
      const [row] = await queryRows<CourseRow>(
        db,
        sql`select tenant_id, id, external_id, title, label from contexts
          where tenant_id = any(${uuids(tenantIds)}) and id = ${contextId}`,
      )
      return row && courseOf(row)
    },

    async competencyIds(programme) {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select distinct c.id from tags t, unnest(t.competency_ids) as c(id)
          where t.tenant_id = ${programme.tenantId} and t.id in (${programmeTags(programme)})
          order by 1`,
      )
      return rows.map((r) => r.id)
    },

    async effect(q) {
      const t = q.programme.tenantId
      const components = textArray(q.targets.map((c) => c.componentId))
      const reach = q.targets.flatMap((c) => c.reaching.map((level) => [c.componentId, level]))
      const rows = await queryRows<{
        kind: 'pair' | 'participants' | 'started' | 'reached-before' | 'reached-after' | 'newly'
        component_id: string | null
        before: string | null
        after: string | null
        count: number
      }>(
        db,
        sql`with ptags as (${programmeTags(q.programme)}),
          pev as materialized (
            select e.person_id, e.competency_id, e.observed_at from evidence e
            where e.tenant_id = ${t} and e.tag_id in (select id from ptags)
              and e.observed_at < ${q.until}
          ),
          starts as (
            select person_id, min(observed_at) as start_at from pev group by person_id
          ),
          participants as materialized (
            select person_id, start_at from starts
            union all
            select l.person_id, null from (${programmeLearners(q.programme)}) l
            where l.person_id not in (select person_id from starts)
          ),
          -- Levels held just before each participant's start (at until for one not started).
          before as materialized (
            select distinct on (p.person_id, h.component_id) p.person_id, h.component_id, h.level
            from participants p
            join level_history h on h.tenant_id = ${t} and h.person_id = p.person_id
            where h.changed_at < coalesce(p.start_at, ${q.until})
              and h.component_id = any(${components})
            order by p.person_id, h.component_id, h.changed_at desc, h.id desc
          ),
          after as materialized (
            select distinct on (p.person_id, h.component_id) p.person_id, h.component_id, h.level
            from participants p
            join level_history h on h.tenant_id = ${t} and h.person_id = p.person_id
            where h.changed_at < ${q.until} and h.component_id = any(${components})
            order by p.person_id, h.component_id, h.changed_at desc, h.id desc
          ),
          reach as (
            select * from unnest(${textArray(reach.map((r) => r[0]!))},
              ${textArray(reach.map((r) => r[1]!))}) as r(component_id, level)
          ),
          reached as (
            select 'reached-before' as kind, b.person_id from before b
            join reach r on r.component_id = b.component_id and r.level = b.level
            group by b.person_id having count(*) = ${q.targets.length}
            union all
            select 'reached-after', a.person_id from after a
            join reach r on r.component_id = a.component_id and r.level = a.level
            group by a.person_id having count(*) = ${q.targets.length}
          ),
          criteria as (
            select * from unnest(${textArray(q.criteria.map((c) => c.competencyId))},
              ${textArray(q.criteria.map((c) => c.criterionId))}) as c(competency_id, criterion_id)
          ),
          met as (
            select distinct e.person_id, c.criterion_id from pev e
            join criteria c on c.competency_id = e.competency_id
          ),
          -- Evidence of a criterion before the start: of the descriptor itself, or of its
          -- component at its level (a tag naming the level stands for its descriptors).
          newly as (
            select m.person_id from met m join starts s on s.person_id = m.person_id
            where not exists (
              select 1 from evidence o
              where o.tenant_id = ${t} and o.person_id = m.person_id and o.observed_at < s.start_at
                and (o.competency_id = m.criterion_id
                  or o.competency_id = regexp_replace(m.criterion_id, ${'\\.[^.]+$'}, ''))
            )
          )
          select 'pair' as kind, c.component_id, b.level as before, a.level as after,
            count(*)::int as count
          from participants p cross join unnest(${components}) as c(component_id)
          left join before b on b.person_id = p.person_id and b.component_id = c.component_id
          left join after a on a.person_id = p.person_id and a.component_id = c.component_id
          where b.level is not null or a.level is not null
          group by 2, 3, 4
          union all
          select 'participants', null, null, null, count(*)::int from participants
          union all
          select 'started', null, null, null, count(*)::int from starts
          union all
          select kind, null, null, null, count(*)::int from reached group by kind
          union all
          select 'newly', null, null, null, count(*)::int from newly`,
      )
      const total = (kind: string) => rows.find((r) => r.kind === kind)?.count ?? 0
      const transitions: LevelTransition[] = rows
        .filter((r) => r.kind === 'pair')
        .map((r) => ({
          componentId: r.component_id!,
          before: r.before,
          after: r.after,
          count: r.count,
        }))
      return {
        participants: total('participants'),
        started: total('started'),
        transitions,
        // With no component there is no target to reach.
        reachedBefore: q.targets.length === 0 ? 0 : total('reached-before'),
        reachedAfter: q.targets.length === 0 ? 0 : total('reached-after'),
        criteriaNewlyMet: total('newly'),
      }
    },
  }
}
