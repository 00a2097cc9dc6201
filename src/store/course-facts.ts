// What the courses a person learns in say of them, kept on the person's row (people's learns,
// course_audiences, course_grade, course_class) so that every count reads one row per person.
// This is the one place the rule is written: whether the person learns in any course; the tables
// of the courses with a table where the person is a learner; the highest grade such a course
// sets; and that course's label or title as the class of a pupil whom no roster places.
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { pgTextArray } from './sql-values.ts'
import { learnsIn } from './staff-people.ts'

/**
 * Works the course facts out again for the people `who` selects (an SQL query of person ids of
 * the tenant), in one statement.
 */
export async function refreshCourseFacts(db: Db, tenantId: string, who: SQL): Promise<void> {
  await db.execute(sql`
    update people p set
      learns = f.learns,
      course_audiences = f.audiences,
      course_grade = f.grade,
      course_class = f.class
    from (
      select w.person_id,
        exists (select 1 from context_members cm
          where cm.tenant_id = ${tenantId} and cm.person_id = w.person_id
            and ${learnsIn(sql`cm`)}) as learns,
        (select array_agg(distinct c.audience order by c.audience)
          from context_members cm
          join contexts c on c.tenant_id = cm.tenant_id and c.id = cm.context_id
          where cm.tenant_id = ${tenantId} and cm.person_id = w.person_id
            and c.audience is not null and ${learnsIn(sql`cm`)}) as audiences,
        g.grade, g.class
      from (${who}) as w(person_id)
      left join lateral (
        select c.grade, coalesce(nullif(c.label, ''), c.title) as class
        from context_members cm
        join contexts c on c.tenant_id = cm.tenant_id and c.id = cm.context_id
        where cm.tenant_id = ${tenantId} and cm.person_id = w.person_id
          and c.grade is not null and ${learnsIn(sql`cm`)}
        order by c.grade desc, c.created_at, c.id
        limit 1
      ) g on true
    ) f
    where p.tenant_id = ${tenantId} and p.id = f.person_id
      and (p.learns is distinct from f.learns
        or p.course_audiences is distinct from f.audiences
        or p.course_grade is distinct from f.grade
        or p.course_class is distinct from f.class)`)
}

/** The people of `personIds`, as `refreshCourseFacts` takes them. */
export function peopleIn(personIds: readonly string[]): SQL {
  return sql`select unnest(${pgTextArray(personIds)}::uuid[])`
}

/** Every member of a course, as `refreshCourseFacts` takes them. */
export function membersOf(tenantId: string, contextId: string): SQL {
  return sql`select person_id from context_members
    where tenant_id = ${tenantId} and context_id = ${contextId}`
}
