// Who a school's staff are, for every count and list of staff (reports, the roster page, the
// staff heat-map): the people on the school's roster. Sign-in accounts are not staff unless the
// roster has them. This is the one place the rule is written.
import { type SQL, sql } from 'drizzle-orm'
import {
  ADMINISTRATOR_ROLES,
  LEARNER_ROLES,
  LEARNER_SUB_ROLE_PREFIX,
  TEACHING_ROLES,
} from '../../lti/claims.ts'

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`

/**
 * Whether the person row `p` (a `people` alias) is on their school's roster:
 * - the roster file names them (`on_roster`, set by the roster import); or
 * - the LMS lists them as a Learner of a course who neither teaches it nor administers the
 *   school (`learns`, kept from their memberships with `learnsIn` by store/course-facts.ts: for
 *   a school on an LMS, its roster is the teachers its courses train).
 * A sign-in account alone (a manager's, a trainer's, a teacher's) does not make staff. The report
 * counts' triggers (report_counts) read the same two columns.
 */
export function isStaff(p: SQL): SQL {
  return sql`(${p}.on_roster or ${p}.learns)`
}

/**
 * Whether the course membership row `cm` (a `context_members` alias) makes its person a learner
 * of the course: a Learner role (or a Learner sub-role), and neither a teaching nor an
 * administrator role there.
 */
export function learnsIn(cm: SQL): SQL {
  const notLearnerRoles = textArray([...ADMINISTRATOR_ROLES, ...TEACHING_ROLES])
  return sql`((${cm}.roles && ${textArray(LEARNER_ROLES)}
      or exists (select 1 from unnest(${cm}.roles) r where starts_with(r, ${LEARNER_SUB_ROLE_PREFIX})))
    and not ${cm}.roles && ${notLearnerRoles})`
}

/**
 * The key one person has across the schools of a district: their email as `normaliseEmail`
 * keeps it (trimmed, lower case), else the person row itself.
 */
export function personKey(p: SQL): SQL {
  return sql`coalesce(lower(btrim(${p}.email)), ${p}.id::text)`
}

/**
 * Whether the person row `p` is assessed against the table `audience`: the tables the person has
 * (their own or the roster's choice) and those of the courses they learn in, or, when there are
 * none, their school's default (`defaultAudience`, an SQL text value). The same rule as
 * `personTables` (evaluation/person-tables.ts). Written so that the planner can estimate it (a
 * `coalesce` inside `@>` it cannot).
 */
export function assessedAgainst(p: SQL, defaultAudience: SQL, audience: string): SQL {
  return sql`(${p}.audiences @> array[${audience}]::text[]
    or ${p}.course_audiences @> array[${audience}]::text[]
    or (${p}.audiences is null and ${p}.course_audiences is null
      and ${defaultAudience} = ${audience}))`
}

/**
 * The tables the person row `p` is assessed against, as a `text[]` (see `assessedAgainst`); a
 * table may appear twice (their own choice and a course's).
 */
export function tablesOf(p: SQL, defaultAudience: SQL): SQL {
  return sql`coalesce(${p}.audiences || ${p}.course_audiences, array[${defaultAudience}]::text[])`
}
