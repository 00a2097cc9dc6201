import type { Logger } from 'pino'
import type { OutboxMessage, OutboxStore } from '../store/index.ts'

/**
 * The messages one pass claimed, kept the pass's own while it works: their lease is renewed every
 * third of its length, so a long pass (hundreds of statements, scores one at a time with 30 s
 * timeouts) is never taken over and sent again by another worker. A message whose renewal fails
 * is no longer the pass's: it is neither sent nor settled by it.
 */
export interface HeldLease {
  /** Whether the message is still the pass's to send. */
  holds(id: number): boolean
  /** Lets go of a message that was delivered (a delivery is recorded whoever holds the lease). */
  release(id: number): void
  /**
   * Runs `write` about a message still held (else does nothing), with the lease it is held under
   * (for the store's owner check), never at once with a renewal; the message is let go. Resolves
   * to whether it was still held.
   */
  settle(id: number, write: (lease: Date) => Promise<void>): Promise<boolean>
  /** Stops renewing and waits for a renewal in flight. */
  stop(): Promise<void>
}

/** Starts renewing the lease of `claimed` (all claimed together, under one lease). */
export function holdLease(
  deps: {
    readonly outbox: Pick<OutboxStore, 'renewLease'>
    readonly now: () => Date
    readonly logger: Logger
  },
  claimed: readonly OutboxMessage[],
  leaseMs: number,
): HeldLease {
  const held = new Map(claimed.map((m) => [m.id, m]))
  let lease = claimed[0]?.nextAttemptAt ?? new Date(0)
  // Renewals and owner-checked writes one at a time: a write must carry the lease in force.
  let queue: Promise<void> = Promise.resolve()
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn)
    queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  const renew = () =>
    serially(async () => {
      if (held.size === 0) return
      const until = new Date(deps.now().getTime() + leaseMs)
      let kept: Set<number>
      try {
        kept = new Set(await deps.outbox.renewLease([...held.values()], lease, until))
      } catch (err) {
        // Renewed or not, unknown: the messages are left to come back when a lease ends.
        deps.logger.error({ err, messages: held.size }, 'outbox lease renewal failed')
        held.clear()
        return
      }
      const lost = [...held.keys()].filter((id) => !kept.has(id))
      for (const id of lost) held.delete(id)
      if (lost.length > 0) {
        deps.logger.warn({ outboxIds: lost }, 'outbox lease lost; another worker has the messages')
      }
      lease = until
    })

  const timer = setInterval(() => void renew(), Math.max(1, Math.floor(leaseMs / 3)))
  timer.unref()
  return {
    holds: (id) => held.has(id),
    release: (id) => void held.delete(id),
    settle: (id, write) =>
      serially(async () => {
        if (!held.delete(id)) return false
        await write(lease)
        return true
      }),
    stop: async () => {
      clearInterval(timer)
      await queue
    },
  }
}
