import type { Logger } from 'pino'
import { type Loop, startLoop } from './loop.ts'
import { OUTBOX_LEASE_MS, type OutboxMessage, type Stores } from '../store/index.ts'
import { type DeliveryOutcome, keepStatements, postStatements } from './deliver-statements.ts'
import { postScores, scoreDeliverer } from './deliver-scores.ts'
import { type HeldLease, holdLease } from './outbox-lease.ts'

export interface OutboxWorkerOptions {
  readonly tickMs: number
  /** Messages claimed per pass. */
  readonly batch: number
  /** The longest wait between attempts (doubling from 10 s). */
  readonly maxBackoffMs: number
  /** Attempts after which a message is given up (kept, and retried only on demand). */
  readonly maxAttempts: number
  /** How long a claim keeps messages a worker's; renewed every third of it while it works. */
  readonly leaseMs: number
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  tickMs: 2_000,
  batch: 500,
  maxBackoffMs: 10 * 60_000,
  // 10 s doubling to 10 min: about 16 hours of an LRS being away.
  maxAttempts: 100,
  leaseMs: OUTBOX_LEASE_MS,
}

/** A running outbox worker: `runOnce` claims what is due and delivers it. */
export type OutboxWorker = Loop

/** Where a message goes, read from its payload. */
type Destination = 'upstream' | 'progress' | 'lms' | 'unknown'

/**
 * Delivers the outbox in batches per tenant and destination: received statements forwarded to
 * the tenant's upstream LRS, and NLS's progress statements to that LRS or, without one, to NLS's
 * own statement store. A message is marked delivered only after the LRS said 2xx. Failures are
 * retried with backoff; a refusal of the statements themselves, or too many attempts, gives a
 * message up (kept for `nls outbox retry`). A refused batch is tried again one by one, so one
 * bad statement does not hold back the others. The claim's lease is renewed while the pass
 * works, and only messages still under it are sent: two workers never send one message.
 */
export function startOutboxWorker(
  deps: {
    readonly stores: Stores
    readonly now: () => Date
    readonly logger: Logger
    readonly fetch?: typeof fetch
  },
  options: OutboxWorkerOptions = DEFAULT_OUTBOX_OPTIONS,
): OutboxWorker {
  const send = deps.fetch ?? fetch
  const scores = scoreDeliverer({ stores: deps.stores, fetch: send, now: deps.now })

  async function settle(
    lease: HeldLease,
    messages: readonly OutboxMessage[],
    outcome: DeliveryOutcome,
  ) {
    for (const m of messages) {
      if (outcome.kind === 'delivered') {
        lease.release(m.id)
        await deps.stores.outbox.markDelivered(m)
      } else if (outcome.kind === 'refused' || m.attempts >= options.maxAttempts) {
        const why =
          outcome.kind === 'refused'
            ? outcome.error
            : `gave up after ${m.attempts} attempts: ${outcome.error}`
        if (await lease.settle(m.id, (held) => deps.stores.outbox.markGivenUp(m, why, held)))
          deps.logger.warn({ outboxId: m.id, error: why }, 'outbox message given up')
      } else {
        const backoff = Math.min(options.maxBackoffMs, 10_000 * 2 ** Math.max(0, m.attempts - 1))
        const retryAt = new Date(deps.now().getTime() + backoff)
        await lease.settle(m.id, (held) =>
          deps.stores.outbox.markFailed(m, outcome.error, retryAt, held),
        )
      }
    }
  }

  async function attempt(
    tenantId: string,
    destination: Destination,
    messages: readonly OutboxMessage[],
  ): Promise<DeliveryOutcome> {
    if (destination === 'unknown') {
      return { kind: 'refused', error: 'no deliverer for this message in this version' }
    }
    if (destination === 'lms') return postScores(scores, tenantId, messages, deps.now())
    const source = await deps.stores.lrsSources.getSource(tenantId)
    const statements = messages.map((m) => (m.payload as { statement: unknown }).statement)
    if (destination === 'upstream') {
      if (!source?.forward) {
        return { kind: 'refused', error: 'the tenant no longer forwards to an upstream LRS' }
      }
      return postStatements(send, source, statements)
    }
    // Progress: to the tenant's LRS when it has one, else to our own statement store.
    if (source) return postStatements(send, source, statements)
    return keepStatements(deps.stores, tenantId, messages, deps.now())
  }

  async function deliver(
    lease: HeldLease,
    tenantId: string,
    destination: Destination,
    messages: readonly OutboxMessage[],
  ) {
    // Only what is still ours is sent: a message whose lease was lost is another worker's now.
    const held = () => messages.filter((m) => lease.holds(m.id))
    const oneByOne = async () => {
      for (const m of messages) {
        if (lease.holds(m.id)) await settle(lease, [m], await attempt(tenantId, destination, [m]))
      }
    }
    // Scores go one at a time, in order: each is its own request, with its own timestamp.
    if (destination === 'lms') return oneByOne()
    const batch = held()
    if (batch.length === 0) return
    const outcome = await attempt(tenantId, destination, batch)
    if (outcome.kind === 'refused' && batch.length > 1) return oneByOne()
    await settle(lease, batch, outcome)
  }

  return startLoop(async () => {
    try {
      const due = await deps.stores.outbox.claimDue(deps.now(), options.batch, options.leaseMs)
      if (due.length === 0) return
      const lease = holdLease(
        { outbox: deps.stores.outbox, now: deps.now, logger: deps.logger },
        due,
        options.leaseMs,
      )
      const groups = new Map<
        string,
        { tenantId: string; destination: Destination; messages: OutboxMessage[] }
      >()
      for (const m of due) {
        const destination = destinationOf(m)
        const key = `${m.tenantId} ${destination}`
        const group = groups.get(key)
        if (group) group.messages.push(m)
        else groups.set(key, { tenantId: m.tenantId, destination, messages: [m] })
      }
      try {
        for (const { tenantId, destination, messages } of groups.values()) {
          try {
            await deliver(lease, tenantId, destination, messages)
          } catch (err) {
            // Left claimed: the lease (no longer renewed after the pass) brings them back.
            deps.logger.error({ err, tenantId, destination }, 'outbox delivery failed')
          }
        }
      } finally {
        await lease.stop()
      }
    } catch (err) {
      deps.logger.error({ err }, 'outbox pass failed')
    }
  }, options.tickMs)
}

function destinationOf(message: OutboxMessage): Destination {
  const destination = (message.payload as { destination?: unknown }).destination
  if (message.kind === 'lti-score') return destination === 'lms' ? 'lms' : 'unknown'
  if (message.kind !== 'xapi-statement') return 'unknown'
  return destination === 'upstream' || destination === 'progress' ? destination : 'unknown'
}
