import type { Identity } from '../../src/store/people-store.ts'

/** The identifying part of an xAPI Agent or identified Group (xAPI 1.0.3 §2.4.2.3). */
export interface InverseFunctionalIdentifier {
  readonly mbox?: string
  readonly mbox_sha1sum?: string
  readonly openid?: string
  readonly account?: { readonly homePage: string; readonly name: string }
}

/**
 * The people-store identity an actor is known by. Moodle's xAPI log store names a user by
 * account homePage = the site URL and name = the user id, which is how an LTI launch links them.
 */
export function actorIdentity(actor: InverseFunctionalIdentifier): Identity | undefined {
  if (actor.account) {
    return { kind: 'account', homePage: actor.account.homePage, name: actor.account.name }
  }
  if (actor.mbox) return { kind: 'mbox', mbox: actor.mbox }
  if (actor.mbox_sha1sum) return { kind: 'mbox_sha1sum', sha1: actor.mbox_sha1sum }
  if (actor.openid) return { kind: 'openid', openid: actor.openid }
  return undefined
}
