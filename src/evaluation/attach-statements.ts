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
  let attached = 0
  for (const identity of await stores.people.listIdentities(tenantId, personId)) {
    const key = identityActorKey(identity)
    if (key) attached += await stores.statements.setPersonForActor(tenantId, key, personId)
  }
  if (attached > 0) await stores.inference.enqueue(tenantId, [personId])
  return attached
}
