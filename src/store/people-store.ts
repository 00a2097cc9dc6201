/**
 * A key a person is known by: their LTI identity (issuer + client_id + `sub`, LTI 1.3 Core §5.1.2)
 * or an xAPI Inverse Functional Identifier (xAPI 1.0.3 §4.1.2.3: mbox, mbox_sha1sum, openid,
 * account).
 */
export type Identity =
  | {
      readonly kind: 'lti'
      readonly issuer: string
      readonly clientId: string
      readonly sub: string
    }
  /** A `mailto:` IRI. */
  | { readonly kind: 'mbox'; readonly mbox: string }
  /** The hex SHA-1 of a `mailto:` IRI; kept in lower case. */
  | { readonly kind: 'mbox_sha1sum'; readonly sha1: string }
  | { readonly kind: 'openid'; readonly openid: string }
  | { readonly kind: 'account'; readonly homePage: string; readonly name: string }

/** What an LMS or a statement told us about a person; every field is optional. */
export interface Profile {
  readonly name?: string
  readonly givenName?: string
  readonly familyName?: string
  readonly email?: string
}

/** A person of a tenant, as NLS knows them. */
export interface Person extends Profile {
  readonly tenantId: string
  readonly id: string
  /** The competency tables the person is assessed against; absent: the tenant's default. */
  readonly audiences?: readonly string[]
  /** The school (or other unit) the person works at, from the roster. */
  readonly unit?: string
  /** The tables of the courses the person learns in (store/course-facts.ts). */
  readonly courseAudiences?: readonly string[]
  /** A pupil's grade (khối, 1–12): the roster's, else their class course's. */
  readonly grade?: number
  /** A pupil's class: the roster's `lop`, else their class course's label or title. */
  readonly className?: string
  /** A pupil's code at the school (mã học sinh), from the roster. */
  readonly pupilCode?: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** People and the identities they are known by. */
export interface PeopleStore {
  /**
   * The person with this identity, created with it on first sight; the profile fields given
   * replace the stored ones, and those left out are kept. Concurrent first calls yield one person.
   * An LTI identity first seen under a new client_id joins the person the tenant knows by the same
   * issuer and `sub` under another client_id registered for that issuer (a second registration of
   * one LMS).
   */
  upsertPersonByIdentity(tenantId: string, identity: Identity, profile?: Profile): Promise<Person>
  /** The person with this identity, or undefined. */
  /** The person id each identity is linked to (undefined where none), in one query, in order. */
  findPersonIds(tenantId: string, identities: readonly Identity[]): Promise<(string | undefined)[]>
  findPersonByIdentity(tenantId: string, identity: Identity): Promise<Person | undefined>
  /** The person with this id, or undefined. */
  getPerson(tenantId: string, personId: string): Promise<Person | undefined>
  /**
   * The person with this id and their session generation (sessions made in another are ended),
   * in one query; undefined when there is no such person.
   */
  getSessionPerson(
    tenantId: string,
    personId: string,
  ): Promise<{ readonly person: Person; readonly sessionGeneration: number } | undefined>
  /** The session generation of a person, or undefined when there is no such person. */
  sessionGeneration(tenantId: string, personId: string): Promise<number | undefined>
  /**
   * Ends every session of a person (sign-out, a disabled account, a new password, a lost role)
   * by raising their session generation; the new generation, or undefined for no such person.
   */
  endSessions(tenantId: string, personId: string): Promise<number | undefined>
  /** The people with these ids (those that exist), in no particular order. */
  getPeople(tenantId: string, personIds: readonly string[]): Promise<Person[]>
  /**
   * A tenant's staff, the people on its roster (`isStaff`; those of one unit, if given), at most
   * `limit`, in no particular order: the staff heat-map of a school.
   */
  listPeople(
    tenantId: string,
    filter: { readonly unit?: string; readonly limit: number },
  ): Promise<Person[]>
  /**
   * Sets the unit (school) a person works at, as the roster does: a unit puts them on the roster
   * (null: no unit, and the roster flag as it was).
   */
  setUnit(tenantId: string, personId: string, unit: string | null): Promise<void>
  /** Sets the competency tables of a person (null: back to the tenant's default). */
  setAudiences(
    tenantId: string,
    personId: string,
    audiences: readonly string[] | null,
  ): Promise<void>
  /**
   * Adds an identity to a person (idempotent); throws StoreNotFound for an unknown person and
   * StoreConflict when the identity belongs to another person.
   */
  linkIdentity(tenantId: string, personId: string, identity: Identity): Promise<void>
  /** A page of a tenant's person ids, in id order, after `after` (for a full recompute). */
  listPersonIds(
    tenantId: string,
    page: { readonly after?: string; readonly limit: number },
  ): Promise<string[]>
  /** How many people a tenant has. */
  countPeople(tenantId: string): Promise<number>
  /** How many people each tenant has, in one grouped query (tenants without people left out). */
  countPeopleByTenant(): Promise<Map<string, number>>
  /** People with these ids (unknown ids left out), with their identities, in one query each. */
  getPeopleWithIdentities(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<Map<string, { person: Person; identities: Identity[] }>>
  /** The identities of a person, oldest first. */
  listIdentities(tenantId: string, personId: string): Promise<Identity[]>
}
