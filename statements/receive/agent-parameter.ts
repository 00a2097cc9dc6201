import { QueryInvalid } from '../errors.ts'
import { Actor, actorKey } from '../xapi/index.ts'

/** An `agent` query parameter as read: its identifier (actorKey) and the identifier's part. */
export interface AgentParameter {
  readonly key: string
  /** The one inverse functional identifier, as sent (e.g. { mbox: 'mailto:…' }). */
  readonly ifi: Readonly<Record<string, unknown>>
}

/**
 * Reads an `agent` parameter (Communication §2.1.3, §2.3, §2.6): an Agent, or an identified Group,
 * as JSON. QueryInvalid names the parameter and what it must be.
 */
export function parseAgentParameter(value: string, name = 'agent'): AgentParameter {
  let json: unknown
  try {
    json = JSON.parse(value)
  } catch {
    throw new QueryInvalid(`${name}: must be an Agent or Group as JSON`)
  }
  const actor = Actor.safeParse(json)
  const key = actor.success ? actorKey(actor.data) : undefined
  if (!actor.success || key === undefined) {
    throw new QueryInvalid(
      `${name}: must be an Agent or identified Group (with one of mbox, mbox_sha1sum, openid, account)`,
    )
  }
  const { mbox, mbox_sha1sum, openid, account } = actor.data as Record<string, unknown>
  const ifi = Object.fromEntries(
    Object.entries({ mbox, mbox_sha1sum, openid, account }).filter(([, v]) => v !== undefined),
  )
  return { key, ifi }
}
