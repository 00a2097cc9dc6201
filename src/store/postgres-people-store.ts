import { and, asc, eq, gt, inArray, or, sql, TransactionRollbackError } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreConflict, StoreNotFound } from './errors.ts'
import type { Identity, PeopleStore, Person, Profile } from './people-store.ts'
import { identities, people, platforms } from './schema/index.ts'
import { isStaff } from './staff-people.ts'

type PersonRow = typeof people.$inferSelect
type IdentityRow = typeof identities.$inferSelect
/** The columns of identities' primary key after tenant_id: what an identity is in a row. */
/** An identity as its columns in `identities`. */
export type IdentityKey = Pick<IdentityRow, 'kind' | 'issuer' | 'clientId' | 'value'>

const IDENTITY_KEY = [
  identities.tenantId,
  identities.kind,
  identities.issuer,
  identities.clientId,
  identities.value,
]
const PROFILE_FIELDS = ['name', 'givenName', 'familyName', 'email'] as const
type ProfileColumns = Partial<Pick<PersonRow, (typeof PROFILE_FIELDS)[number]>>

/** The people store on PostgreSQL. */
export function postgresPeopleStore(db: Db): PeopleStore {
  /**
   * The person an identity names, and the client_id of the identity row found. An LTI identity
   * is also found under another client_id registered for its issuer by the same `sub` (then the
   * client_id differs): `sub` is the issuer's own identifier of the user, "locally unique and
   * never reassigned within the Issuer" (OpenID Connect Core §2, which LTI 1.3 Core §5.3.6
   * follows), so a second registration of one Moodle names the same user by it. One query either
   * way, the exact identity first.
   */
  async function findRowByKey(tenantId: string, key: IdentityKey) {
    const clientIds =
      key.kind === 'lti'
        ? or(
            eq(identities.clientId, key.clientId),
            inArray(
              identities.clientId,
              db
                .select({ clientId: platforms.clientId })
                .from(platforms)
                .where(eq(platforms.issuer, key.issuer)),
            ),
          )
        : eq(identities.clientId, key.clientId)
    const [row] = await db
      .select({ person: people, clientId: identities.clientId })
      .from(identities)
      .innerJoin(people, and(eq(people.tenantId, tenantId), eq(people.id, identities.personId)))
      .where(
        and(
          eq(identities.tenantId, tenantId),
          eq(identities.kind, key.kind),
          eq(identities.issuer, key.issuer),
          clientIds,
          eq(identities.value, key.value),
        ),
      )
      .orderBy(sql`${identities.clientId} = ${key.clientId} desc`, asc(identities.createdAt))
      .limit(1)
    return row
  }

  async function getRow(tenantId: string, personId: string) {
    const [row] = await db
      .select()
      .from(people)
      .where(and(eq(people.tenantId, tenantId), eq(people.id, personId)))
    return row
  }

  /** Writes the given profile fields that differ from the row; no write when none does. */
  async function updateProfile(row: PersonRow, profile: Profile): Promise<PersonRow> {
    const changes = profileChanges(row, profile)
    if (Object.keys(changes).length === 0) return row
    const [updated] = await db
      .update(people)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(people.tenantId, row.tenantId), eq(people.id, row.id)))
      .returning()
    return updated ?? row
  }

  /**
   * Creates a person with this identity, or returns undefined when a concurrent call linked the
   * identity first: the unique index decides the winner, and the loser's person is rolled back.
   */
  async function createWithIdentity(tenantId: string, key: IdentityKey, profile: Profile) {
    try {
      return await db.transaction(async (tx) => {
        const [person] = await tx
          .insert(people)
          .values({ tenantId, ...profileChanges(undefined, profile) })
          .returning()
        const [linked] = await tx
          .insert(identities)
          .values({ tenantId, personId: person!.id, ...key })
          .onConflictDoNothing({ target: IDENTITY_KEY })
          .returning({ personId: identities.personId })
        if (!linked) tx.rollback()
        return person!
      })
    } catch (err) {
      if (err instanceof TransactionRollbackError) return undefined
      throw err
    }
  }

  const update = async (
    tenantId: string,
    personId: string,
    set: { audiences?: string[] | null; unit?: string | null; onRoster?: boolean },
  ) => {
    const updated = await db
      .update(people)
      .set({ ...set, updatedAt: sql`now()` })
      .where(and(eq(people.tenantId, tenantId), eq(people.id, personId)))
      .returning({ id: people.id })
    if (updated.length === 0) throw new StoreNotFound(`person ${personId} does not exist`)
  }
  return {
    async upsertPersonByIdentity(tenantId, identity, profile = {}) {
      const key = identityToKey(identity)
      // Two rounds suffice: a lost race means the winner's identity row is committed.
      for (let round = 0; round < 3; round++) {
        const found = await findRowByKey(tenantId, key)
        if (found?.clientId === key.clientId) {
          return personRowToPerson(await updateProfile(found.person, profile))
        }
        if (found) {
          // The same user through another client of the issuer: linked to them (or by a
          // concurrent call first), the next round finds the identity itself.
          await db
            .insert(identities)
            .values({ tenantId, personId: found.person.id, ...key })
            .onConflictDoNothing({ target: IDENTITY_KEY })
          continue
        }
        const created = await createWithIdentity(tenantId, key, profile)
        if (created) return personRowToPerson(created)
      }
      throw new StoreConflict(`the ${identity.kind} identity could not be linked to a person`)
    },

    async findPersonIds(tenantId, wanted) {
      if (wanted.length === 0) return []
      const keys = wanted.map(identityToKey)
      const rows = await db
        .select({
          kind: identities.kind,
          issuer: identities.issuer,
          clientId: identities.clientId,
          value: identities.value,
          personId: identities.personId,
        })
        .from(identities)
        .where(
          and(
            eq(identities.tenantId, tenantId),
            sql`(${identities.kind}, ${identities.issuer}, ${identities.clientId}, ${identities.value}) in (${sql.join(
              keys.map((k) => sql`(${k.kind}, ${k.issuer}, ${k.clientId}, ${k.value})`),
              sql`, `,
            )})`,
          ),
        )
      const found = new Map(rows.map((r) => [keyString(r), r.personId]))
      return keys.map((k) => found.get(keyString(k)))
    },

    async findPersonByIdentity(tenantId, identity) {
      const row = await findRowByKey(tenantId, identityToKey(identity))
      return row && personRowToPerson(row.person)
    },

    async listPersonIds(tenantId, { after, limit }) {
      const rows = await db
        .select({ id: people.id })
        .from(people)
        .where(
          and(
            eq(people.tenantId, tenantId),
            after === undefined ? undefined : gt(people.id, after),
          ),
        )
        .orderBy(asc(people.id))
        .limit(limit)
      return rows.map((r) => r.id)
    },

    async countPeople(tenantId) {
      return await db.$count(people, eq(people.tenantId, tenantId))
    },

    async countPeopleByTenant() {
      const rows = await db
        .select({ tenantId: people.tenantId, count: sql<number>`count(*)::int` })
        .from(people)
        .groupBy(people.tenantId)
      return new Map(rows.map((r) => [r.tenantId, r.count]))
    },

    async getPerson(tenantId, personId) {
      const row = await getRow(tenantId, personId)
      return row && personRowToPerson(row)
    },

    async getSessionPerson(tenantId, personId) {
      const row = await getRow(tenantId, personId)
      return row && { person: personRowToPerson(row), sessionGeneration: row.sessionGeneration }
    },

    async sessionGeneration(tenantId, personId) {
      const [row] = await db
        .select({ gen: people.sessionGeneration })
        .from(people)
        .where(and(eq(people.tenantId, tenantId), eq(people.id, personId)))
      return row?.gen
    },

    async endSessions(tenantId, personId) {
      const [row] = await db
        .update(people)
        .set({ sessionGeneration: sql`${people.sessionGeneration} + 1` })
        .where(and(eq(people.tenantId, tenantId), eq(people.id, personId)))
        .returning({ gen: people.sessionGeneration })
      return row?.gen
    },

    async setAudiences(tenantId, personId, audiences) {
      await update(tenantId, personId, { audiences: audiences && [...audiences] })
    },

    async getPeople(tenantId, personIds) {
      if (personIds.length === 0) return []
      const rows = await db
        .select()
        .from(people)
        .where(and(eq(people.tenantId, tenantId), inArray(people.id, [...personIds])))
      return rows.map(personRowToPerson)
    },

    async listPeople(tenantId, { unit, limit }) {
      const rows = await db
        .select()
        .from(people)
        .where(
          and(
            eq(people.tenantId, tenantId),
            unit === undefined ? undefined : eq(people.unit, unit),
            isStaff(sql`${people}`),
          ),
        )
        .limit(limit)
      return rows.map(personRowToPerson)
    },

    async setUnit(tenantId, personId, unit) {
      await update(tenantId, personId, unit === null ? { unit } : { unit, onRoster: true })
    },

    async linkIdentity(tenantId, personId, identity) {
      if (!(await getRow(tenantId, personId))) {
        throw new StoreNotFound(`person ${personId} does not exist`)
      }
      const key = identityToKey(identity)
      const [linked] = await db
        .insert(identities)
        .values({ tenantId, personId, ...key })
        .onConflictDoNothing({ target: IDENTITY_KEY })
        .returning({ personId: identities.personId })
      if (linked) return
      const owner = await findRowByKey(tenantId, key)
      if (owner?.person.id !== personId) {
        throw new StoreConflict(`the ${identity.kind} identity is linked to another person`)
      }
    },

    async getPeopleWithIdentities(tenantId, personIds) {
      const found = new Map<string, { person: Person; identities: Identity[] }>()
      if (personIds.length === 0) return found
      const ids = [...new Set(personIds)]
      const [rows, identityRows] = await Promise.all([
        db
          .select()
          .from(people)
          .where(and(eq(people.tenantId, tenantId), inArray(people.id, ids))),
        db
          .select()
          .from(identities)
          .where(and(eq(identities.tenantId, tenantId), inArray(identities.personId, ids)))
          .orderBy(asc(identities.createdAt), asc(identities.kind), asc(identities.value)),
      ])
      for (const row of rows) found.set(row.id, { person: personRowToPerson(row), identities: [] })
      for (const row of identityRows)
        found.get(row.personId)?.identities.push(identityRowToIdentity(row))
      return found
    },

    async listIdentities(tenantId, personId) {
      const rows = await db
        .select()
        .from(identities)
        .where(and(eq(identities.tenantId, tenantId), eq(identities.personId, personId)))
        .orderBy(asc(identities.createdAt), asc(identities.kind), asc(identities.value))
      return rows.map(identityRowToIdentity)
    },
  }
}

function keyString(key: IdentityKey): string {
  return `${key.kind}\u0000${key.issuer}\u0000${key.clientId}\u0000${key.value}`
}

/** The profile fields given that differ from the row's (all given ones for a new row). */
function profileChanges(row: PersonRow | undefined, profile: Profile): ProfileColumns {
  const changes: ProfileColumns = {}
  for (const field of PROFILE_FIELDS) {
    const value = profile[field]
    if (value !== undefined && value !== row?.[field]) changes[field] = value
  }
  return changes
}

function personRowToPerson(row: PersonRow): Person {
  return {
    tenantId: row.tenantId,
    id: row.id,
    name: row.name ?? undefined,
    givenName: row.givenName ?? undefined,
    familyName: row.familyName ?? undefined,
    email: row.email ?? undefined,
    ...(row.audiences && { audiences: row.audiences }),
    ...(row.unit !== null && { unit: row.unit }),
    ...(row.courseAudiences && { courseAudiences: row.courseAudiences }),
    ...((row.grade ?? row.courseGrade) !== null && { grade: (row.grade ?? row.courseGrade)! }),
    ...((row.className ?? row.courseClass) !== null && {
      className: (row.className ?? row.courseClass)!,
    }),
    ...(row.pupilCode !== null && { pupilCode: row.pupilCode }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** The columns of an identity; those its kind does not use hold '' (see the schema). */
export function identityToKey(identity: Identity): IdentityKey {
  switch (identity.kind) {
    case 'lti':
      return {
        kind: 'lti',
        issuer: identity.issuer,
        clientId: identity.clientId,
        value: identity.sub,
      }
    case 'mbox':
      // xAPI 1.0.3 §4.1.2.3: "mbox … mailto IRI", so the scheme is part of the value.
      if (!identity.mbox.startsWith('mailto:')) throw new TypeError('mbox must be a mailto: IRI')
      return { kind: 'mbox', issuer: '', clientId: '', value: identity.mbox }
    case 'mbox_sha1sum':
      return { kind: 'mbox_sha1sum', issuer: '', clientId: '', value: identity.sha1.toLowerCase() }
    case 'openid':
      return { kind: 'openid', issuer: '', clientId: '', value: identity.openid }
    case 'account':
      return { kind: 'account', issuer: identity.homePage, clientId: '', value: identity.name }
  }
}

function identityRowToIdentity(row: IdentityRow): Identity {
  switch (row.kind) {
    case 'lti':
      return { kind: 'lti', issuer: row.issuer, clientId: row.clientId, sub: row.value }
    case 'mbox':
      return { kind: 'mbox', mbox: row.value }
    case 'mbox_sha1sum':
      return { kind: 'mbox_sha1sum', sha1: row.value }
    case 'openid':
      return { kind: 'openid', openid: row.value }
    case 'account':
      return { kind: 'account', homePage: row.issuer, name: row.value }
    default:
      throw new Error(`identities row of unknown kind ${row.kind}`)
  }
}
