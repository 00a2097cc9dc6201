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

/**
 * The waiting statements of several tenants as one list (a district with its schools): counts
 * added (an actor waiting in two schools counts in each), the actors with the most first.
 */
export function mergeWaiting(lists: readonly WaitingStatements[]): WaitingStatements {
  return {
    statements: lists.reduce((n, l) => n + l.statements, 0),
    actors: lists.reduce((n, l) => n + l.actors, 0),
    // As the store orders one tenant's: most statements, then newest, then by actor.
    top: lists
      .flatMap((l) => l.top)
      .sort(
        (a, b) =>
          b.statements - a.statements ||
          b.newest.getTime() - a.newest.getTime() ||
          (a.actorKey < b.actorKey ? -1 : a.actorKey > b.actorKey ? 1 : 0),
      )
      .slice(0, WAITING_ACTORS),
  }
}

/** The statements waiting in each of these tenants, together. */
export async function waitingStatementsIn(
  stores: Pick<Stores, 'statements'>,
  tenantIds: readonly string[],
): Promise<WaitingStatements> {
  const ids = [...new Set(tenantIds)]
  return mergeWaiting(await Promise.all(ids.map((id) => waitingStatements(stores, id))))
}
