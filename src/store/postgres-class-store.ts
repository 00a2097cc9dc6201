import { type SQL, sql } from 'drizzle-orm'
import type { ClassPupil, ClassStore, PupilGroup, StaffGroup } from './class-store.ts'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import { likeEscape } from './sql-values.ts'
import { assessedAgainst, isStaff, learnsIn } from './staff-people.ts'

const p = sql`p`

interface PupilRow {
  id: string
  name: string | null
  given_name: string | null
  family_name: string | null
  email: string | null
  pupil_code: string | null
  grade: number | null
  class_name: string | null
  levels: Record<string, string | null> | null
}

/** The people rows of a group (the `p` alias), as a WHERE condition. */
function inGroup(tenantId: string, group: PupilGroup | StaffGroup): SQL {
  if (group.kind === 'staff') {
    const inUnit = group.unit === undefined ? sql`` : sql` and p.unit = ${group.unit}`
    return sql`p.tenant_id = ${tenantId}${inUnit} and ${isStaff(p)}`
  }
  if (group.kind === 'course') {
    return sql`p.tenant_id = ${tenantId} and exists (
      select 1 from context_members cm
      where cm.tenant_id = p.tenant_id and cm.person_id = p.id
        and cm.context_id = ${group.contextId} and ${learnsIn(sql`cm`)})`
  }
  const inClass =
    group.className === undefined
      ? sql``
      : sql` and coalesce(p.class_name, p.course_class) = ${group.className}`
  return sql`p.tenant_id = ${tenantId}
    and ${assessedAgainst(p, sql`${group.defaultAudience}`, group.audience)}${inClass}`
}

/**
 * The name a person is listed by, as `personName` (web/pages/profile-page.tsx) writes it: their
 * name, else family and given names, else email, else the start of their id.
 */
const listedName = sql`coalesce(p.name,
  nullif(concat_ws(' ', nullif(p.family_name, ''), nullif(p.given_name, '')), ''),
  p.email, '#' || left(p.id::text, 8))`

/**
 * Collations for ordering names, best first: Vietnamese (PostgreSQL built with ICU has it, and
 * orders as `localeCompare(…, 'vi')` does), else ICU's root (PGlite ships only that one).
 */
const NAME_COLLATIONS = ['vi-x-icu', 'und-x-icu'] as const

/** The `collate` clause for names, the best collation this database has (none: its default). */
async function nameCollation(db: Db): Promise<SQL> {
  const rows = await queryRows<{ collname: string }>(
    db,
    sql`select collname from pg_collation where collname in (${sql.join(
      NAME_COLLATIONS.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  )
  const found = NAME_COLLATIONS.find((c) => rows.some((r) => r.collname === c))
  // A name from the list above, never from input.
  return found === undefined ? sql`` : sql.raw(`collate "${found}"`)
}

function pupilRowToPupil(row: PupilRow): ClassPupil {
  return {
    personId: row.id,
    ...(row.name !== null && { name: row.name }),
    ...(row.given_name !== null && { givenName: row.given_name }),
    ...(row.family_name !== null && { familyName: row.family_name }),
    ...(row.email !== null && { email: row.email }),
    ...(row.pupil_code !== null && { pupilCode: row.pupil_code }),
    ...(row.grade !== null && { grade: Number(row.grade) }),
    ...(row.class_name !== null && { className: row.class_name }),
    levels: new Map(Object.entries(row.levels ?? {})),
  }
}

/** Class views over PostgreSQL: a page of people and their levels in two queries. */
export function postgresClassStore(db: Db): ClassStore {
  let collation: Promise<SQL> | undefined
  /** The name collation, read from the catalogue once (again after a failed read). */
  function byName(): Promise<SQL> {
    collation ??= nameCollation(db).catch((err: unknown) => {
      collation = undefined
      throw err
    })
    return collation
  }

  /** How many people of the group, and those from `offset` in `order`, with their levels. */
  async function pageOf(
    where: SQL,
    order: SQL,
    { table, limit, offset }: { table: string; limit: number; offset: number },
  ) {
    const [counted] = await queryRows<{ total: number | string }>(
      db,
      sql`select count(*) as total from people p where ${where}`,
    )
    const rows = await queryRows<PupilRow>(
      db,
      sql`
      select p.id, p.name, p.given_name, p.family_name, p.email, p.pupil_code,
        coalesce(p.grade, p.course_grade) as grade,
        coalesce(p.class_name, p.course_class) as class_name,
        (select json_object_agg(cl.component_id, cl.level)
          from component_levels cl
          where cl.tenant_id = p.tenant_id and cl.person_id = p.id
            and cl.component_id like ${`${likeEscape(table)}.%`}) as levels
      from people p
      where ${where}
      order by ${order}
      limit ${limit} offset ${offset}`,
    )
    return { total: Number(counted?.total ?? 0), pupils: rows.map(pupilRowToPupil) }
  }

  return {
    async listPupils(tenantId, group, page) {
      return pageOf(
        inGroup(tenantId, group),
        sql`coalesce(p.class_name, p.course_class) nulls last, ${listedName} ${await byName()}, p.id`,
        page,
      )
    },

    async listStaff(tenantId, group, page) {
      return pageOf(inGroup(tenantId, group), sql`${listedName} ${await byName()}, p.id`, page)
    },

    async listClasses(tenantId, audience, defaultAudience) {
      const rows = await queryRows<{ class_name: string }>(
        db,
        sql`select distinct coalesce(p.class_name, p.course_class) as class_name
          from people p
          where p.tenant_id = ${tenantId}
            and ${assessedAgainst(p, sql`${defaultAudience}`, audience)}
            and coalesce(p.class_name, p.course_class) is not null
          order by 1`,
      )
      return rows.map((r) => r.class_name)
    },
  }
}
