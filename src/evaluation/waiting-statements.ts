import type { Stores } from '../store/index.ts'

/** How many actors the waiting list shows at most. */
export const WAITING_ACTORS = 20

/** An actor key (see statements' actorKey) as staff read it: `name @ home page`, or the email. */
export function actorLabel(actorKey: string): string {
  const colon = actorKey.indexOf(':')
  const kind = actorKey.slice(0, colon)
  const value = actorKey.slice(colon + 1)
  if (kind === 'account') {
    const bar = value.lastIndexOf('|')
    return `${value.slice(bar + 1)} @ ${value.slice(0, bar)}`
  }
  if (kind === 'mbox') return value.replace(/^mailto:/i, '')
  return value
}

export interface WaitingStatements {
  readonly statements: number
  readonly actors: number
  readonly top: readonly {
    readonly actor: string
    readonly actorKey: string
    readonly statements: number
    readonly newest: Date
  }[]
}

/**
 * The statements kept for actors nobody on the roster or launched is known by (they attach once
 * someone is), with the actors that have the most.
 */
export async function waitingStatements(
  stores: Pick<Stores, 'statements'>,
  tenantId: string,
): Promise<WaitingStatements> {
  const found = await stores.statements.unmatchedActors(tenantId, WAITING_ACTORS)
  return { ...found, top: found.top.map((a) => ({ ...a, actor: actorLabel(a.actorKey) })) }
}
