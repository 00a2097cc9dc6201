// xAPI documents: States, Activity Profiles and Agent Profiles (xAPI 1.0.3 Communication §2.2).

/** Which document resource. */
export type DocumentResource = 'state' | 'activity_profile' | 'agent_profile'

/** The documents of one Activity and Agent (State), one Activity, or one Agent. */
export interface DocumentScope {
  readonly resource: DocumentResource
  /** '' where the resource has none. */
  readonly activityId: string
  /** The agent's identifier (actorKey); '' where the resource has none. */
  readonly agentKey: string
  /** A State's registration; '' for none. Undefined in a list or deletion: any. */
  readonly registration?: string
}

/** One document. */
export interface DocumentKey extends DocumentScope {
  readonly registration: string
  readonly documentId: string
}

/** A document as a client sends it. */
export interface SentDocument {
  readonly contents: Buffer
  readonly contentType: string
}

/** A document as stored: its bytes, content type, SHA-1 in hex (the ETag) and last change. */
export interface StoredDocument extends SentDocument {
  readonly sha1: string
  readonly updatedAt: Date
}

export interface DocumentStore {
  getDocument(tenantId: string, key: DocumentKey): Promise<StoredDocument | undefined>
  /** The ids of a scope's documents changed after `since` (all without), and the newest change. */
  listDocumentIds(
    tenantId: string,
    scope: DocumentScope,
    since?: Date,
  ): Promise<{ readonly ids: readonly string[]; readonly updatedAt?: Date }>
  /**
   * Stores what `decide` makes of the stored document (undefined: none), deciding under the
   * document's lock, so that two writers never both decide on the same stored version. `decide`
   * may throw to refuse; nothing is written then. Answers the document as stored.
   */
  writeDocument(
    tenantId: string,
    key: DocumentKey,
    decide: (stored: StoredDocument | undefined) => SentDocument,
  ): Promise<StoredDocument>
  /**
   * Stores a document in one statement: `replace` whatever is there, or `create` it only when
   * there is none (undefined then: one exists, left as it was).
   */
  putDocument(
    tenantId: string,
    key: DocumentKey,
    document: SentDocument,
    mode: 'replace' | 'create',
  ): Promise<StoredDocument | undefined>
  /** Removes a document once `check` accepts it (it may throw); false when there was none. */
  deleteDocument(
    tenantId: string,
    key: DocumentKey,
    check: (stored: StoredDocument | undefined) => void,
  ): Promise<boolean>
  /** Removes a scope's documents; how many. */
  deleteDocuments(tenantId: string, scope: DocumentScope): Promise<number>
}
