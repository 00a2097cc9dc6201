/** What a trainer decided over inference. */
export type OverrideAction = 'confirm' | 'reject' | 'set-level' | 'clear'

export interface OverrideInput {
  /** A criterion ID (confirm, reject) or a component ID (set-level); clear withdraws either. */
  readonly targetId: string
  readonly action: OverrideAction
  /** For set-level: the level, or null for none. */
  readonly level?: string | null
  readonly reason: string
  /** Who decided (person:<id>, admin:<name>). */
  readonly actor: string
}

export interface OverrideRecord extends OverrideInput {
  readonly id: number
  readonly personId: string
  readonly level: string | null
  readonly createdAt: Date
}

/** A person whose evidence and levels wait to be worked out. */
export interface QueuedPerson {
  readonly tenantId: string
  readonly personId: string
  readonly queuedAt: Date
}

/** Trainer overrides and the queue of people to evaluate. */
export interface InferenceStore {
  /** Records a verdict (kept as history). Throws StoreNotFound for an unknown person. */
  addOverride(tenantId: string, personId: string, input: OverrideInput): Promise<OverrideRecord>
  /** The verdicts that stand: the newest per target, unless it is a clear. Oldest first. */
  currentOverrides(tenantId: string, personId: string): Promise<OverrideRecord[]>
  /** The verdicts that stand for every person of a tenant, by person (for a full recompute). */
  currentOverridesOfTenant(tenantId: string): Promise<Map<string, OverrideRecord[]>>
  /** Every verdict ever given for a person, oldest first. */
  overrideHistory(tenantId: string, personId: string): Promise<OverrideRecord[]>
  /** Queues people for evaluation; one already queued stays once. */
  enqueue(tenantId: string, personIds: readonly string[]): Promise<void>
  /** Queues every person of a tenant who has statements or levels (a rule or setting changed). */
  enqueueTenant(tenantId: string): Promise<number>
  /** Queues the people with statements about these activities or under these IRI prefixes. */
  enqueueForActivities(
    tenantId: string,
    target: { readonly iris: readonly string[]; readonly prefixes: readonly string[] },
  ): Promise<number>
  /** Queues the people with evidence from a tag (call before the tag changes or goes). */
  enqueueForTag(tenantId: string, tagId: string): Promise<number>
  /** Queues the people with evidence from any of these tags (call before the tags go). */
  enqueueForTags(tenantId: string, tagIds: readonly string[]): Promise<number>
  /**
   * Takes up to `limit` queued people, oldest first, off the queue. Call inside the transaction
   * that saves their results: a rollback puts them back; SKIP LOCKED lets other workers pass.
   */
  takeQueued(limit: number): Promise<QueuedPerson[]>
  /** How many people wait, and since when the oldest. */
  queueDepth(): Promise<{ count: number; oldest?: Date }>
}
