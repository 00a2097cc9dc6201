import { createHash } from 'node:crypto'
import type { Actor } from './actor.ts'
import { normalizeMbox } from './normalize.ts'

/**
 * The actor's Inverse Functional Identifier as one string, equal for equal actors:
 * `mbox:mailto:…`, `mbox_sha1sum:<lower hex>`, `openid:<uri>` or `account:<homePage>|<name>`;
 * an identified Group by its own IFI; undefined for an anonymous Group.
 */
export function actorKey(actor: Actor): string | undefined {
  // Validated actors carry exactly one IFI (xAPI Data 2.4.2.1, 2.4.2.2).
  if (actor.mbox !== undefined) return `mbox:${normalizeMbox(actor.mbox)}`
  // Hexadecimal is case-insensitive; lower case is the form the spec recommends (Data 2.2.s3.b5).
  if (actor.mbox_sha1sum !== undefined) return `mbox_sha1sum:${actor.mbox_sha1sum.toLowerCase()}`
  if (actor.openid !== undefined) return `openid:${actor.openid}`
  // An IRI cannot contain "|" (RFC 3987, enforced by formats.ts), so the separator is unambiguous.
  if (actor.account !== undefined) return `account:${actor.account.homePage}|${actor.account.name}`
  return undefined
}

/** The prefix of the key a statement of an anonymous Group is kept under. */
export const ANONYMOUS_GROUP_KEY = 'group:'

/**
 * The key a statement is kept under for its actor: the actor's identifier (actorKey), or for an
 * anonymous Group, which has none, `group:` and the SHA-1 of its members' identifiers in order
 * (the same members, the same key). No agent filter names it; related_agents finds the members.
 */
export function storedActorKey(actor: Actor): string {
  const key = actorKey(actor)
  if (key !== undefined) return key
  const members = (actor.objectType === 'Group' ? (actor.member ?? []) : [])
    .map((m) => actorKey(m) ?? '')
    .sort()
  return ANONYMOUS_GROUP_KEY + createHash('sha1').update(members.join('\n')).digest('hex')
}
