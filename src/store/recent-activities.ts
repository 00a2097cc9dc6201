import { sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import type { SeenActivity } from './statement-store.ts'

/**
 * The activities the tenant's latest `scan` statements name, one per module as the LMS knows it
 * (see MODULE_OF), within a context (its IRI among their context activities, read through
 * statements_related_activities_idx: only that context's statements) or in all; NLS's own
 * progress statements never. Most named first, at most 500.
 */
export async function recentActivitiesIn(
  db: Db,
  tenantId: string,
  contextIri: string | undefined,
  scan: number,
): Promise<SeenActivity[]> {
  // Rows are placed and counted from small columns (the statement itself is read once per
  // row, for what placing needs); names are read only for the modules listed, from the
  // newest statement about each (or naming it as a parent).
  const rows = await queryRows<{ iri: string; name: string | null; statements: number }>(
    db,
    sql`with recent as (
        select id, stored, activity_tree as tree,
          statement #> '{object,definition,name}' is not null as named,
          statement #>> '{object,definition,type}' as type
        from statements r
        where tenant_id = ${tenantId} and activity_iri is not null and source <> 'progress'
          ${
            contextIri === undefined
              ? sql``
              : sql`and nls_related_activities(statement) @> ${JSON.stringify([contextIri])}::jsonb
                and activity_tree[1] <> ${contextIri}`
          }
        order by stored desc limit ${scan}
      ),
      placed as (
        select r.id, r.stored, r.tree[1] as object, ${MODULE_OF} as module, r.named
        from recent r
      ),
      listed as (
        select p.module, count(*)::int as statements,
          (array_agg(p.id order by p.stored desc) filter (where p.object = p.module
            and p.named))[1] as own,
          (array_agg(p.id order by p.stored desc) filter (where p.object <> p.module))[1]
            as part
        from placed p
        group by p.module
        order by statements desc, p.module
        limit 500
      )
      select l.module as iri, l.statements,
        coalesce(
          (select ${activityNameSql("s.statement -> 'object'")} from statements s
            where s.tenant_id = ${tenantId} and s.id = l.own),
          (select (select ${activityNameSql('a')}
              from jsonb_array_elements(s.statement #> '{context,contextActivities,parent}') a
              where split_part(a ->> 'id', '#', 1) = l.module
                and a #> '{definition,name}' is not null
              limit 1)
            from statements s where s.tenant_id = ${tenantId} and s.id = l.part)
        ) as name
      from listed l
      order by l.statements desc, l.module`,
  )
  return rows.map((r) => ({
    iri: r.iri,
    statements: r.statements,
    ...(r.name !== null && { name: r.name }),
  }))
}

/** Whether `r.tree[n]` is an LMS module: Moodle's `<site>/mod/<module>/view.php?id=<cmid>`. */
const isModule = (n: number) =>
  `(r.tree[${n}] like '%/mod/%/view.php?id=%'
    and split_part(r.tree[${n}], '/view.php?id=', 2) ~ '^[0-9]+$')`

/**
 * The module a statement of `recent r` belongs to, as the course page lists it: the first of its
 * object and nearest two parents that is an LMS module (a quiz for its attempts, questions and
 * reviews: Moodle names a question's attempt and quiz); else, for a part (an interaction or
 * question, or an id extending its parent's, as H5P sub-contents do), its nearest parent; else its
 * object.
 */
const MODULE_OF = sql.raw(`case
  when ${isModule(1)} then r.tree[1]
  when ${isModule(2)} then r.tree[2]
  when ${isModule(3)} then r.tree[3]
  when cardinality(r.tree) > 1
    and (r.type in (
        'http://adlnet.gov/expapi/activities/cmi.interaction',
        'http://adlnet.gov/expapi/activities/interaction',
        'http://adlnet.gov/expapi/activities/question')
      or starts_with(r.tree[1], r.tree[2]))
    then r.tree[2]
  else r.tree[1] end`)

/** An activity's name (of a jsonb activity) in Vietnamese, else English, else any language. */
function activityNameSql(activity: string) {
  return sql.raw(`coalesce(${activity} #>> '{definition,name,vi}',
    ${activity} #>> '{definition,name,en}', ${activity} #>> '{definition,name,en-US}',
    (select value from jsonb_each_text(${activity} #> '{definition,name}') limit 1))`)
}
