import { type Actor, actorKey } from '../../statements/xapi/index.ts'
import type { LrsSource, OutboxMessage, Stores } from '../store/index.ts'
import { statementWrites } from '../store/in-flight-writes.ts'

/** What became of one attempt at a batch of messages. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  /** Worth trying again later (the LRS is down, busy, or refuses our credentials for now). */
  | { readonly kind: 'retry'; readonly error: string }
  /** Refused for what the messages are: trying again cannot help. */
  | { readonly kind: 'refused'; readonly error: string }

/**
 * POSTs statements to an LRS's statements resource in one request. 4xx answers other than
 * 401, 403, 408 and 429 are refusals of the statements themselves; anything else is retried.
 */
export async function postStatements(
  send: typeof fetch,
  source: Pick<LrsSource, 'endpoint' | 'username' | 'password'>,
  statements: readonly unknown[],
): Promise<DeliveryOutcome> {
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
    return { kind: 'retry', error: `cannot reach ${source.endpoint}: ${(err as Error).message}` }
  }
  const text = await res.text()
  if (res.ok) return { kind: 'delivered' }
  const error = `${source.endpoint} answered ${res.status}: ${text.slice(0, 300)}`
  const permanent =
    res.status >= 400 && res.status < 500 && ![401, 403, 408, 429].includes(res.status)
  return { kind: permanent ? 'refused' : 'retry', error }
}

/**
 * Keeps NLS's own progress statements in its statement store (a tenant without an upstream LRS
 * reads them through GET /xapi/statements). A statement kept before is not kept twice.
 */
export async function keepStatements(
  stores: Pick<Stores, 'statements'>,
  tenantId: string,
  messages: readonly OutboxMessage[],
  now: Date,
): Promise<DeliveryOutcome> {
  const rows = messages.map((m) => {
    const statement = (m.payload as { statement: ProgressStatementShape }).statement
    return {
      id: statement.id,
      personId: m.personId,
      actorKey: actorKey(statement.actor as Actor) ?? `person:${m.personId}`,
      verbId: statement.verb.id,
      activityIri: statement.object.id,
      activityTree: [statement.object.id],
      timestamp: new Date(statement.timestamp),
      source: 'progress' as const,
      stored: now,
      statement: { ...statement, stored: now.toISOString() },
    }
  })
  // In flight from the stamp (`now`) to the commit: Consistent-Through stays before it until then.
  const committed = statementWrites.begin(now)
  await stores.statements.insertStatements(tenantId, rows).finally(committed)
  return { kind: 'delivered' }
}

/** The parts of a progress statement the store indexes. */
interface ProgressStatementShape {
  readonly id: string
  readonly actor: unknown
  readonly verb: { readonly id: string }
  readonly object: { readonly id: string }
  readonly timestamp: string
}
