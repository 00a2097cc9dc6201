import { actorKey, type Actor } from '../../statements/xapi/index.ts'
import type { Identity, Stores } from '../store/index.ts'

/** The actor key (see statements' actorKey) of the statements that name this identity. */
export function identityActorKey(identity: Identity): string | undefined {
  switch (identity.kind) {
    case 'account':
      return actorKey({ account: { homePage: identity.homePage, name: identity.name } } as Actor)
    case 'mbox':
      return actorKey({ mbox: identity.mbox } as Actor)
    case 'mbox_sha1sum':
      return actorKey({ mbox_sha1sum: identity.sha1 } as Actor)
    case 'openid':
      return actorKey({ openid: identity.openid } as Actor)
    case 'lti':
      return undefined
  }
}

/**
 * Gives a person the statements kept for their identities before anyone knew them (a statement
 * can arrive before the person's first launch), and queues them for inference when there were
 * any. Returns how many statements it attached.
 */
export async function attachStatements(
  stores: Pick<Stores, 'people' | 'statements' | 'inference'>,
  tenantId: string,
  personId: string,
): Promise<number> {
  const identities = await stores.people.listIdentities(tenantId, personId)
  const attached = await attachStatementsOf(
    stores,
    tenantId,
    identities.map((identity) => ({ personId, identity })),
  )
  return attached.get(personId) ?? 0
}

/**
 * Gives each person the statements kept for the identity named with them, many people at once,
 * and queues those who got any for inference. Returns how many statements each person got.
 */
export async function attachStatementsOf(
  stores: Pick<Stores, 'statements' | 'inference'>,
  tenantId: string,
  named: readonly { readonly personId: string; readonly identity: Identity }[],
): Promise<Map<string, number>> {
  const matches = named.flatMap(({ personId, identity }) => {
    const actorKey = identityActorKey(identity)
    return actorKey === undefined ? [] : [{ actorKey, personId }]
  })
  const attached = await stores.statements.setPersonForActors(tenantId, matches)
  if (attached.size > 0) await stores.inference.enqueue(tenantId, [...attached.keys()])
  return attached
}
