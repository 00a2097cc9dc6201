import { randomUUID } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { normaliseUsername } from '../accounts/username.ts'
import type { Db } from './database.ts'
import { rowToAccount } from './postgres-local-account-store.ts'
import { queryRows } from './query-rows.ts'
import type { RosterLinkOutcome, RosterStore } from './roster-store.ts'
import { localAccounts, people } from './schema/index.ts'
import { pgTextArray } from './sql-values.ts'

// Rows go to the database as one jsonb parameter (jsonb_to_recordset) or as parallel arrays
// (unnest): one statement per call, however many rows, and no limit on bound parameters.

const mbox = (email: string) => `mailto:${email}`
const linkKey = (issuer: string, value: string) => `${issuer}\u0000${value}`
const linkOf = (personId: string, issuer: string, value: string) =>
  `${personId}\u0000${linkKey(issuer, value)}`

/** An identity to link: an account's homePage and name, or '' and an mbox's IRI. */
interface IdentityLink {
  readonly personId: string
  readonly issuer: string
  readonly value: string
}

/** The roster store on PostgreSQL. */
export function postgresRosterStore(db: Db): RosterStore {
  /** email → person id of those known by the mbox of the email. */
  async function owners(tenantId: string, emails: readonly string[]) {
    if (emails.length === 0) return new Map<string, string>()
    const rows = await queryRows<{ value: string; person_id: string }>(
      db,
      sql`select value, person_id from identities
          where tenant_id = ${tenantId}::uuid and kind = 'mbox' and issuer = '' and client_id = ''
            and value = any(${pgTextArray(emails.map(mbox))}::text[])`,
    )
    return new Map(rows.map((r) => [r.value.slice('mailto:'.length), r.person_id]))
  }

  /**
   * Links each identity (an account: homePage as issuer and name as value; an mbox: '' and the
   * mailto: IRI) to its person where no one has it; the outcome of each, in order.
   */
  async function linkIdentities(
    tenantId: string,
    kind: 'account' | 'mbox',
    links: readonly IdentityLink[],
  ): Promise<RosterLinkOutcome[]> {
    if (links.length === 0) return []
    /** Who has each of these identities, issuer + value → person id. */
    const ownersOf = async (wanted: readonly IdentityLink[]) => {
      const found = await queryRows<{ issuer: string; value: string; person_id: string }>(
        db,
        sql`select i.issuer, i.value, i.person_id from identities i
            join unnest(${pgTextArray(wanted.map((l) => l.issuer))}::text[],
              ${pgTextArray(wanted.map((l) => l.value))}::text[]) as x(h, n)
              on i.issuer = x.h and i.value = x.n
            where i.tenant_id = ${tenantId}::uuid and i.kind = ${kind} and i.client_id = ''`,
      )
      return new Map(found.map((r) => [linkKey(r.issuer, r.value), r.person_id]))
    }
    // Read first: on a roster imported again, most identities are linked already.
    const owner = await ownersOf(links)
    const missing = links.filter((l) => !owner.has(linkKey(l.issuer, l.value)))
    const linked = new Set<string>()
    if (missing.length > 0) {
      const inserted = await queryRows<{ person_id: string; issuer: string; value: string }>(
        db,
        sql`insert into identities (tenant_id, person_id, kind, issuer, value)
            select ${tenantId}::uuid, p, ${kind}, h, n
            from unnest(${pgTextArray(missing.map((l) => l.personId))}::uuid[],
              ${pgTextArray(missing.map((l) => l.issuer))}::text[],
              ${pgTextArray(missing.map((l) => l.value))}::text[]) as x(p, h, n)
            on conflict (tenant_id, kind, issuer, client_id, value) do nothing
            returning person_id, issuer, value`,
      )
      for (const r of inserted) linked.add(linkOf(r.person_id, r.issuer, r.value))
      // Linked by another row of this batch, or by a concurrent writer, meanwhile.
      const lost = missing.filter((l) => !linked.has(linkOf(l.personId, l.issuer, l.value)))
      if (lost.length > 0) for (const [key, id] of await ownersOf(lost)) owner.set(key, id)
    }
    return links.map((l): RosterLinkOutcome => {
      if (linked.has(linkOf(l.personId, l.issuer, l.value))) return { kind: 'linked' }
      const ownerId = owner.get(linkKey(l.issuer, l.value))
      return ownerId === undefined || ownerId === l.personId
        ? { kind: 'kept' }
        : { kind: 'other', ownerId }
    })
  }

  /** code → person id of the pupils with these codes. */
  async function pupils(tenantId: string, codes: readonly string[]) {
    if (codes.length === 0) return new Map<string, string>()
    const rows = await queryRows<{ pupil_code: string; id: string }>(
      db,
      sql`select pupil_code, id from people
          where tenant_id = ${tenantId}::uuid and pupil_code = any(${pgTextArray(codes)}::text[])`,
    )
    return new Map(rows.map((r) => [r.pupil_code, r.id]))
  }

  return {
    findPeopleByEmails: owners,
    findPeopleByPupilCodes: pupils,

    async createPupils(tenantId, wanted) {
      if (wanted.length === 0) return new Map<string, string>()
      const rows = wanted.map((p) => ({
        pupil_code: p.pupilCode,
        name: p.name ?? null,
        class_name: p.className ?? null,
        unit: p.unit ?? null,
        audiences: p.audiences ?? null,
        grade: p.grade ?? null,
      }))
      // A code a concurrent writer took meanwhile is skipped (people_pupil_code_idx).
      const made = await queryRows<{ pupil_code: string; id: string }>(
        db,
        sql`insert into people (tenant_id, pupil_code, name, class_name, unit, audiences, grade,
              on_roster)
            select ${tenantId}::uuid, r.pupil_code, r.name, r.class_name, r.unit, r.audiences,
              r.grade, true
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as r(pupil_code text, name text, class_name text, unit text, audiences text[],
                grade smallint)
            on conflict do nothing
            returning pupil_code, id`,
      )
      return new Map(made.map((r) => [r.pupil_code, r.id]))
    },

    async createPeople(tenantId, wanted) {
      const made = new Map<string, string>()
      if (wanted.length === 0) return made
      // Ids made here (random, as gen_random_uuid makes them) name each row's person in both
      // statements without reading them back.
      const rows = wanted.map((p) => ({
        id: randomUUID(),
        email: p.email,
        name: p.name ?? null,
        unit: p.unit ?? null,
        audiences: p.audiences ?? null,
        position: p.position ?? null,
        school_level: p.schoolLevel ?? null,
        grade: p.grade ?? null,
      }))
      await db.execute(
        sql`insert into people (tenant_id, id, name, email, unit, audiences, position,
              school_level, grade, on_roster)
            select ${tenantId}::uuid, r.id, r.name, r.email, r.unit, r.audiences, r.position,
              r.school_level, r.grade, true
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as r(id uuid, email text, name text, unit text, audiences text[], position text,
                school_level text, grade smallint)`,
      )
      const ids = rows.map((r) => r.id)
      const linked = await queryRows<{ person_id: string }>(
        db,
        sql`insert into identities (tenant_id, person_id, kind, value)
            select ${tenantId}::uuid, p, 'mbox', v
            from unnest(${pgTextArray(ids)}::uuid[], ${pgTextArray(rows.map((r) => mbox(r.email)))}::text[]) as x(p, v)
            on conflict (tenant_id, kind, issuer, client_id, value) do nothing
            returning person_id`,
      )
      // A concurrent writer (a launch, a statement) linked the email first: its person stays,
      // and ours goes.
      const kept = new Set(linked.map((l) => l.person_id))
      const lost = ids.filter((id) => !kept.has(id))
      if (lost.length > 0)
        await db.delete(people).where(and(eq(people.tenantId, tenantId), inArray(people.id, lost)))
      for (const r of rows) if (kept.has(r.id)) made.set(r.email, r.id)
      return made
    },

    async updatePeople(tenantId, known) {
      if (known.length === 0) return
      const rows = known.map((p) => ({
        person_id: p.personId,
        email: p.email ?? null,
        pupil_code: p.pupilCode ?? null,
        name: p.name ?? null,
        class_name: p.className ?? null,
        unit: p.unit ?? null,
        audiences: p.audiences ?? null,
        position: p.position ?? null,
        school_level: p.schoolLevel ?? null,
        grade: p.grade ?? null,
      }))
      await db.execute(
        sql`update people p set email = coalesce(r.email, p.email),
              pupil_code = coalesce(r.pupil_code, p.pupil_code), name = coalesce(r.name, p.name),
              class_name = coalesce(r.class_name, p.class_name), unit = coalesce(r.unit, p.unit), audiences = coalesce(r.audiences, p.audiences),
              position = coalesce(r.position, p.position),
              school_level = coalesce(r.school_level, p.school_level),
              grade = coalesce(r.grade, p.grade),
              on_roster = true, updated_at = now()
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as r(person_id uuid, email text, pupil_code text, name text, class_name text,
                unit text, audiences text[], position text, school_level text, grade smallint)
            where p.tenant_id = ${tenantId}::uuid and p.id = r.person_id
              and (not p.on_roster
                or p.email is distinct from coalesce(r.email, p.email)
                or p.pupil_code is distinct from coalesce(r.pupil_code, p.pupil_code)
                or p.name is distinct from coalesce(r.name, p.name)
                or p.class_name is distinct from coalesce(r.class_name, p.class_name)
                or p.unit is distinct from coalesce(r.unit, p.unit)
                or p.audiences is distinct from coalesce(r.audiences, p.audiences)
                or p.position is distinct from coalesce(r.position, p.position)
                or p.school_level is distinct from coalesce(r.school_level, p.school_level)
                or p.grade is distinct from coalesce(r.grade, p.grade))`,
      )
    },

    linkAccounts: (tenantId, links) =>
      linkIdentities(
        tenantId,
        'account',
        links.map((l) => ({ personId: l.personId, issuer: l.homePage, value: l.name })),
      ),

    linkEmails: (tenantId, links) =>
      linkIdentities(
        tenantId,
        'mbox',
        links.map((l) => ({ personId: l.personId, issuer: '', value: mbox(l.email) })),
      ),

    async findPeopleWithoutAccount(tenantId, emails) {
      if (emails?.length === 0) return []
      const rows = await queryRows<{ person_id: string; value: string; name: string | null }>(
        db,
        sql`select i.person_id, i.value, p.name from identities i
            join people p on p.tenant_id = i.tenant_id and p.id = i.person_id
            where i.tenant_id = ${tenantId}::uuid and i.kind = 'mbox' and i.issuer = ''
              and i.client_id = '' and p.pupil_code is null
              ${emails === undefined ? sql`` : sql`and i.value = any(${pgTextArray(emails.map(mbox))}::text[])`}
              and not exists (select 1 from local_accounts a
                where a.tenant_id = i.tenant_id and a.person_id = i.person_id)
            order by p.created_at, i.value`,
      )
      // A person known by two emails is listed once, by the first.
      const seen = new Set<string>()
      return rows.flatMap((r) => {
        if (seen.has(r.person_id)) return []
        seen.add(r.person_id)
        return [
          {
            personId: r.person_id,
            email: r.value.slice('mailto:'.length),
            ...(r.name !== null && { name: r.name }),
          },
        ]
      })
    },

    async createAccounts(tenantId, accounts) {
      if (accounts.length === 0) return []
      const rows = await db
        .insert(localAccounts)
        .values(accounts.map((a) => ({ tenantId, ...a, username: normaliseUsername(a.username) })))
        .onConflictDoNothing({ target: [localAccounts.tenantId, localAccounts.username] })
        .returning()
      return rows.map(rowToAccount)
    },
  }
}
