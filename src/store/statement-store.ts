import type { Identity } from './people-store.ts'

/**
 * How a statement arrived: pushed to our endpoint, pulled from an upstream LRS, or written by
 * NLS itself (progress statements, when the tenant has no upstream LRS).
 */
export type StatementSource = 'push' | 'pull' | 'progress'

/**
 * An xAPI statement to keep: the whole statement, plus the fields inference reads
 * (xAPI 1.0.3 §2.4), pulled out.
 */
export interface StoredStatementInput {
  /** The statement's `id` (a UUID). */
  readonly id: string
  /** The person the actor is matched to, when known. */
  readonly personId?: string
  /** The actor's Inverse Functional Identifier in one string, e.g. account:<homePage>|<name>. */
  readonly actorKey: string
  readonly verbId: string
  /** The object's `id` when the object is an Activity. */
  readonly activityIri?: string
  /**
   * The object's id and the ids of `context.contextActivities.parent`, without #fragments (see
   * indexedFields): tags find their statements by these.
   */
  readonly activityTree: readonly string[]
  readonly registration?: string
  /** The statement a StatementRef object targets (see indexedFields). */
  readonly refTarget?: string
  readonly timestamp: Date
  /** `result.score.scaled`. */
  readonly scoreScaled?: number
  readonly success?: boolean
  readonly completion?: boolean
  readonly source: StatementSource
  /** When the LRS stored it (the statement's `stored`); now when left out. */
  readonly stored?: Date
  /** The statement as received. */
  readonly statement: unknown
}

/** A statement as kept, with when we stored it and what voided it. */
export interface StoredStatement extends StoredStatementInput {
  readonly tenantId: string
  readonly stored: Date
  /** The id of the voiding statement (xAPI 1.0.3 §2.3.2), when one voided this one. */
  readonly voidedBy?: string
}

/** A statement of a batch believed new, with the identity its actor may be known by. */
export interface NewStatementInput extends Omit<StoredStatementInput, 'personId'> {
  readonly identity?: Identity
}

/** What inference reads of a statement (see src/inference StatementFacts). */
export interface StatementFactsRow {
  readonly id: string
  readonly verbId: string
  readonly activityIri?: string
  /** The ids of `context.contextActivities.parent`, without #fragments. */
  readonly parentIris: readonly string[]
  /** cmi5's session id, else the registration: what makes statements one attempt. */
  readonly attempt?: string
  readonly timestamp: Date
  readonly score?: {
    readonly raw?: number
    readonly min?: number
    readonly max?: number
    readonly scaled?: number
  }
  readonly success?: boolean
  readonly completion?: boolean
}

/** Which of a person's statements inference can use: these verbs, about or under these activities. */
export interface FactsFilter {
  readonly verbs: readonly string[]
  /**
   * Activity IRIs without fragments, matched as the object (with or without a #fragment on the
   * statement's side) or as a parent.
   */
  readonly iris: readonly string[]
  readonly prefixes: readonly string[]
}

/** Which statements of a batch were new, and which we had already (both by lower-case id). */
export interface InsertStatementsResult {
  readonly inserted: string[]
  readonly existing: string[]
}

/** Which statements of a person to read. */
export interface FindStatementsOptions {
  /** Only statements with a `timestamp` after this (exclusive, as xAPI's `since`). */
  readonly since?: Date
  readonly limit?: number
  /** Include voided statements; inference leaves them out (xAPI 1.0.3 §2.3.2). */
  readonly includeVoided?: boolean
}

/** A query of the statements resource (xAPI 1.0.3 Communication §2.1.3), already parsed. */
export interface StatementQuery {
  /** An actor key (see actorKey), matched against the actor, or anywhere with relatedAgents. */
  readonly agent?: { readonly key: string; readonly ifi: Readonly<Record<string, unknown>> }
  readonly verbId?: string
  readonly activityIri?: string
  readonly registration?: string
  /** `stored` after this (exclusive). */
  readonly since?: Date
  /** `stored` at or before this. */
  readonly until?: Date
  readonly relatedActivities?: boolean
  readonly relatedAgents?: boolean
  readonly ascending?: boolean
  readonly limit: number
  /** Where the previous page ended (exclusive). */
  readonly after?: { readonly stored: Date; readonly id: string }
}

/** xAPI statements as received. */
/** An activity statements named within a context (a course), as the course page lists it. */
export interface SeenActivity {
  readonly iri: string
  /** The name the newest statement naming it gave it. */
  readonly name?: string
  readonly statements: number
}

/** Statements whose actor is matched to nobody yet, as staff see them waiting. */
export interface UnmatchedActors {
  readonly statements: number
  /** How many distinct actors. */
  readonly actors: number
  /** The actors with the most statements, each with its count and newest `stored`. */
  readonly top: readonly {
    readonly actorKey: string
    readonly statements: number
    readonly newest: Date
  }[]
}

export interface StatementStore {
  /**
   * The activities the tenant's latest `scan` statements name within a context (the context's
   * IRI among their context activities, as Moodle names the course in grouping or parent: only
   * that context's statements are read), most named first; without a context, every activity
   * they name. At most 500.
   */
  recentActivitiesIn(
    tenantId: string,
    contextIri: string | undefined,
    scan: number,
  ): Promise<SeenActivity[]>
  /**
   * Keeps a batch of statements; one already kept (same tenant and id) is not inserted again,
   * as xAPI requires an LRS to accept an identical re-send. Whether contents match is not checked.
   */
  insertStatements(
    tenantId: string,
    statements: readonly StoredStatementInput[],
  ): Promise<InsertStatementsResult>
  /**
   * Keeps a batch of statements pushed to us in one atomic step, when none of its ids is kept yet:
   * matches each actor's identity to a person, queues the people for inference when the tenant
   * has tags and, when the tenant forwards to an upstream LRS, enqueues each statement for it. Returns the person of each statement, in order; keeps nothing
   * and returns undefined when an id is kept already (the caller then compares contents).
   */
  insertNewStatements(
    tenantId: string,
    statements: readonly NewStatementInput[],
  ): Promise<(string | undefined)[] | undefined>
  /** A person's statements, oldest `timestamp` first. */
  findStatementsForPerson(
    tenantId: string,
    personId: string,
    options?: FindStatementsOptions,
  ): Promise<StoredStatement[]>
  /** A person's statements that are not voided and pass the filter, oldest `timestamp` first. */
  findFactsForPerson(
    tenantId: string,
    personId: string,
    filter: FactsFilter,
  ): Promise<StatementFactsRow[]>
  /** As findFactsForPerson, for many people in one query, by person (those with none left out). */
  findFactsForPeople(
    tenantId: string,
    personIds: readonly string[],
    filter: FactsFilter,
  ): Promise<Map<string, StatementFactsRow[]>>
  /** The statements matched to nobody yet, and the `limit` actors with the most of them. */
  unmatchedActors(tenantId: string, limit: number): Promise<UnmatchedActors>
  /** Matches the unmatched statements of an actor to a person; returns how many it matched. */
  setPersonForActor(tenantId: string, actorKey: string, personId: string): Promise<number>
  /**
   * Matches the unmatched statements of many actors at once, each to its person; how many each
   * person got (people who got none are left out).
   */
  setPersonForActors(
    tenantId: string,
    matches: readonly { readonly actorKey: string; readonly personId: string }[],
  ): Promise<Map<string, number>>
  /** Marks a statement voided by a voiding statement; false when it is absent or already voided. */
  voidStatement(tenantId: string, targetId: string, voidingId: string): Promise<boolean>
  /** The statements with these ids (any case), voided or not, in no particular order. */
  getStatements(tenantId: string, ids: readonly string[]): Promise<StoredStatement[]>
  /** Statements matching a query, not voided, by `stored` (newest first unless ascending). */
  queryStatements(tenantId: string, query: StatementQuery): Promise<StoredStatement[]>
  /** How many statements the tenant has. */
  countStatements(tenantId: string): Promise<number>
  /**
   * The definitions the newest `limit` statements about an Activity (as their object) gave it,
   * newest first (statements without one left out).
   */
  activityDefinitions(tenantId: string, activityIri: string, limit: number): Promise<unknown[]>
}
