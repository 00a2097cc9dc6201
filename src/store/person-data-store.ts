// A person's data as a whole, for the rights Decree 13/2023/NĐ-CP gives them: to have a copy of
// it (Art. 14, 21) and to have it erased (Art. 16).

/** A person by tenant and id. */
export interface PersonRef {
  readonly tenantId: string
  readonly personId: string
}

/** Everything NLS keeps about one person, as JSON: rows as they are, minus secrets. */
export interface PersonExport {
  readonly exportedAt: string
  readonly tenantId: string
  readonly person: Readonly<Record<string, unknown>>
  readonly identities: readonly Readonly<Record<string, unknown>>[]
  /** The person's own sign-in, without its password hash. */
  readonly localAccounts: readonly Readonly<Record<string, unknown>>[]
  readonly courseMemberships: readonly Readonly<Record<string, unknown>>[]
  /** Statements about the person (their actor), each as received with when it was stored. */
  readonly statements: readonly Readonly<Record<string, unknown>>[]
  /** The data of those statements' attachments: text, or base64 for other content types. */
  readonly statementAttachments: readonly Readonly<Record<string, unknown>>[]
  /** The States and Agent Profiles kept under the person's agent identifiers, likewise. */
  readonly xapiDocuments: readonly Readonly<Record<string, unknown>>[]
  readonly evidence: readonly Readonly<Record<string, unknown>>[]
  readonly levels: readonly Readonly<Record<string, unknown>>[]
  readonly levelHistory: readonly Readonly<Record<string, unknown>>[]
  readonly selfAssessments: readonly Readonly<Record<string, unknown>>[]
  readonly overrides: readonly Readonly<Record<string, unknown>>[]
  readonly targets: readonly Readonly<Record<string, unknown>>[]
}

/** What an erasure did, in counts (no personal data: it goes to the audit log). */
export interface ErasureSummary {
  /** The person's statements, now attributed to an anonymous account. */
  readonly statementsAnonymised: number
  /** Other statements and outbox messages that named the person, the person taken out. */
  readonly mentionsAnonymised: number
  readonly rowsDeleted: Readonly<Record<string, number>>
}

/** Finding, exporting and erasing one person's data. */
export interface PersonDataStore {
  /**
   * The people an id or an email names (email: the people column or an mbox identity, any case),
   * in one tenant when given; several when an email is known in several tenants.
   */
  findPeople(idOrEmail: string, tenantId?: string): Promise<PersonRef[]>
  /** The person's data; StoreNotFound when the person does not exist. */
  exportPerson(tenantId: string, personId: string, now: Date): Promise<PersonExport>
  /**
   * Erases the person: their statements anonymised (kept, so course figures stay whole), every
   * other row about them deleted, the audit log's personal details about them removed and the
   * erasure audited. Works in bounded batches; running it again after a failure finishes it.
   * StoreNotFound when the person does not exist.
   */
  erasePerson(tenantId: string, personId: string, actor: string): Promise<ErasureSummary>
}
