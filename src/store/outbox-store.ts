/** What a message delivers: a statement to the upstream LRS, or a score to the LMS (LTI AGS). */
export type OutboxKind = 'xapi-statement' | 'lti-score'

/** A message to deliver outside. */
export interface OutboxMessageInput {
  readonly kind: OutboxKind
  /** Same key, same message: a message enqueued twice is kept once. */
  readonly dedupeKey: string
  readonly payload: unknown
  readonly personId?: string
}

/**
 * A message as the delivery side addresses it: by its tenant (the distribution key) and id, so
 * that each write goes to the one tenant's rows (a message is such a reference).
 */
export interface OutboxRef {
  readonly tenantId: string
  readonly id: number
}

/** A message in the outbox, with its delivery so far. */
export interface OutboxMessage extends OutboxMessageInput {
  readonly tenantId: string
  readonly id: number
  /** Claims so far, this one included. */
  readonly attempts: number
  /** When the message is due (again): after a claim, when its lease ends. */
  readonly nextAttemptAt: Date
  readonly lastError?: string
  readonly createdAt: Date
  readonly deliveredAt?: Date
  /** When delivery was given up; a retry clears it. */
  readonly failedAt?: Date
}

/** The outbox at a glance, per kind and destination. */
export interface OutboxStatusRow {
  readonly kind: OutboxKind
  /** The payload's `destination` (upstream, progress, lms…). */
  readonly destination: string
  readonly pending: number
  readonly failed: number
  readonly delivered: number
  /** The oldest undelivered message's creation, when there is one. */
  readonly oldestPending?: Date
}

/** A user's column in an LMS gradebook: a line item and the user's LTI `sub`. */
export interface ScoreKey {
  readonly lineItemUrl: string
  readonly userId: string
}

/** The timestamp of the last score sent to a user's column (AGS §3.4.9). */
export interface ScoreTimestamp extends ScoreKey {
  readonly timestamp: string
}

/** Whether a message was enqueued, or one with its dedupe key was there already. */
export type EnqueueResult =
  { readonly enqueued: true; readonly id: number } | { readonly enqueued: false }

/**
 * The durable outbox of messages to deliver with retries. Enqueue in the transaction of the
 * change a message reports. The delivery side (claim, mark, depth) spans tenants on purpose: one
 * worker serves every tenant, so those methods take no tenant.
 */
export interface OutboxStore {
  /** Adds a message; one with the same tenant, kind and dedupe key already there is kept instead. */
  enqueue(tenantId: string, message: OutboxMessageInput): Promise<EnqueueResult>
  /** Adds many messages in one statement (as `enqueue` each); returns how many were new. */
  enqueueMany(tenantId: string, messages: readonly OutboxMessageInput[]): Promise<number>
  /**
   * Claims up to `limit` undelivered messages due at `now`, of every tenant, oldest due first.
   * A claim counts an attempt and leases the message: it is not due again until the lease ends,
   * so concurrent workers never claim one message, and a crashed worker's message comes back.
   */
  claimDue(now: Date, limit: number, leaseMs?: number): Promise<OutboxMessage[]>
  /**
   * Extends to `until` the lease of the messages still held under `lease` (the `nextAttemptAt`
   * they were claimed or last renewed with); returns their ids. A message claimed again by
   * another worker after the lease ended, delivered or given up is left as it is.
   */
  renewLease(messages: readonly OutboxRef[], lease: Date, until: Date): Promise<number[]>
  /**
   * Records a delivery (the first one counts; a delivery is a fact, whoever holds the lease);
   * throws StoreNotFound for an unknown message.
   */
  markDelivered(message: OutboxRef): Promise<void>
  /**
   * Records a failed attempt and when to retry; with `lease`, only while the message is still
   * held under it. Throws StoreNotFound for an unknown message.
   */
  markFailed(message: OutboxRef, error: string, retryAt: Date, lease?: Date): Promise<void>
  /**
   * Gives a message up: kept, never claimed again until retried; with `lease`, only while the
   * message is still held under it.
   */
  markGivenUp(message: OutboxRef, error: string, lease?: Date): Promise<void>
  /**
   * Makes given-up messages due again now (those ids, or all); returns how many. By id alone
   * (outbox_id_idx): an operator's command, off the delivery path.
   */
  retryGivenUp(ids?: readonly number[]): Promise<number>
  /** Given-up messages, newest first. */
  listGivenUp(limit: number): Promise<OutboxMessage[]>
  /** How many messages wait for delivery (given-up ones not counted), over every tenant. */
  depth(): Promise<number>
  /** How many messages were given up. */
  givenUpCount(): Promise<number>
  /** Counts per kind and destination. */
  status(): Promise<OutboxStatusRow[]>
  /** The timestamp of the last score sent for a user to a line item (AGS §3.4.9). */
  lastScoreTimestamp(
    tenantId: string,
    lineItemUrl: string,
    userId: string,
  ): Promise<string | undefined>
  /** Of these line items and users, the last score timestamps there are, in one query. */
  lastScoreTimestamps(tenantId: string, keys: readonly ScoreKey[]): Promise<ScoreTimestamp[]>
  setScoreTimestamp(
    tenantId: string,
    lineItemUrl: string,
    userId: string,
    timestamp: string,
  ): Promise<void>
}
