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
  /** Failed evaluations of this person in a row so far (0: none). */
  readonly attempts: number
}

/** A person taken off the queue whose evaluation failed, to set aside until `retryAt`. */
export interface FailedEvaluation {
  readonly person: QueuedPerson
  readonly retryAt: Date
  /** Why, in a line (kept as the queue row's last_error). */
  readonly error: string
}

/** A person set aside after failed evaluations, waiting for a retry. */
export interface SetAsidePerson {
  readonly tenantId: string
  readonly personId: string
  readonly queuedAt: Date
  readonly attempts: number
  readonly retryAt: Date
  readonly lastError?: string
}

/** The queue at a glance. */
export interface QueueDepth {
  /** People due (set-aside people whose retry time has come included). */
  readonly count: number
  /** When the longest-waiting person due was queued. */
  readonly oldest?: Date
  /** People set aside after a failed evaluation, their retry time still to come. */
  readonly setAside: number
}

/** Trainer overrides and the queue of people to evaluate. */
export interface InferenceStore {
  /** Records a verdict (kept as history). Throws StoreNotFound for an unknown person. */
  addOverride(tenantId: string, personId: string, input: OverrideInput): Promise<OverrideRecord>
  /** The verdicts that stand: the newest per target, unless it is a clear. Oldest first. */
  currentOverrides(tenantId: string, personId: string): Promise<OverrideRecord[]>
  /** The verdicts that stand for these people, by person (people with none left out). */
  currentOverridesOfPeople(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<Map<string, OverrideRecord[]>>
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
   * Takes up to `limit` people due at `now` (default: the database's clock), oldest first, off
   * the queue; people set aside until later stay. Call inside the transaction that saves their
   * results: a rollback puts them back; SKIP LOCKED lets other workers pass.
   */
  takeQueued(limit: number, now?: Date): Promise<QueuedPerson[]>
  /**
   * Puts people taken off the queue back, set aside until their `retryAt`, with one attempt
   * more and the error. Call in the transaction that took them. A person queued again meanwhile
   * (a new statement) keeps the backoff: a broken person who keeps receiving statements must not
   * be retried on every one of them.
   */
  setAside(failed: readonly FailedEvaluation[]): Promise<void>
  /**
   * Holds each person's evaluation lock until the transaction ends (waiting for a holder):
   * whoever reads a person's evidence or levels to save levels from them takes it first, so a
   * save never rests on a read that another evaluation made stale meanwhile.
   */
  lockPeople(
    people: readonly { readonly tenantId: string; readonly personId: string }[],
  ): Promise<void>
  /**
   * How many people are due and since when the oldest, and how many are set aside (of one
   * tenant when given).
   */
  queueDepth(tenantId?: string): Promise<QueueDepth>
  /** People set aside after failed evaluations, the soonest retry first (of one tenant when given). */
  listSetAside(limit: number, tenantId?: string): Promise<SetAsidePerson[]>
  /** Makes every set-aside person (of one tenant when given) due now; returns how many. */
  retrySetAside(tenantId?: string): Promise<number>
}
