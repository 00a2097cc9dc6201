import type { Logger } from 'pino'
import { type Loop, startLoop } from './loop.ts'
import type { OutboxMessage, Stores } from '../store/index.ts'

export interface OutboxWorkerOptions {
  readonly tickMs: number
  /** Messages claimed per pass. */
  readonly batch: number
  /** The longest wait between attempts (doubling from 10 s). */
  readonly maxBackoffMs: number
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  tickMs: 2_000,
  batch: 500,
  maxBackoffMs: 10 * 60_000,
}

/** A running outbox worker: `runOnce` claims what is due and delivers it. */
export type OutboxWorker = Loop

/**
 * Delivers the outbox: statements for a tenant's upstream LRS, posted in batches per tenant.
 * Failures are retried with backoff; a message is marked delivered only after the LRS said 2xx.
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

  async function fail(messages: readonly OutboxMessage[], error: string): Promise<void> {
    for (const m of messages) {
      const backoff = Math.min(options.maxBackoffMs, 10_000 * 2 ** Math.max(0, m.attempts - 1))
      await deps.stores.outbox.markFailed(m.id, error, new Date(deps.now().getTime() + backoff))
    }
  }

  async function forward(tenantId: string, messages: readonly OutboxMessage[]): Promise<void> {
    const source = await deps.stores.lrsSources.getSource(tenantId)
    if (!source?.forward) return fail(messages, 'the tenant has no upstream LRS to forward to')
    const statements = messages.map((m) => (m.payload as { statement: unknown }).statement)
    let res: Response
    try {
      res = await send(`${source.endpoint}statements`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'X-Experience-API-Version': '1.0.3',
          authorization: `Basic ${Buffer.from(`${source.username}:${source.password}`).toString('base64')}`,
        },
        body: JSON.stringify(statements),
        signal: AbortSignal.timeout(30_000),
      })
    } catch (err) {
      return fail(messages, `cannot reach ${source.endpoint}: ${(err as Error).message}`)
    }
    const text = await res.text()
    if (!res.ok)
      return fail(messages, `${source.endpoint} answered ${res.status}: ${text.slice(0, 300)}`)
    for (const m of messages) await deps.stores.outbox.markDelivered(m.id)
  }

  return startLoop(async () => {
    try {
      const due = await deps.stores.outbox.claimDue(deps.now(), options.batch)
      const upstream = new Map<string, OutboxMessage[]>()
      for (const m of due) {
        if (
          m.kind === 'xapi-statement' &&
          (m.payload as { destination?: unknown }).destination === 'upstream'
        ) {
          upstream.set(m.tenantId, [...(upstream.get(m.tenantId) ?? []), m])
        } else {
          await fail([m], `no deliverer for ${m.kind} messages in this version`)
        }
      }
      for (const [tenantId, messages] of upstream) await forward(tenantId, messages)
    } catch (err) {
      deps.logger.error({ err }, 'outbox pass failed')
    }
  }, options.tickMs)
}
