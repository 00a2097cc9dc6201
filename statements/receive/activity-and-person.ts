// What the LRS knows of an Activity and of an Agent (xAPI 1.0.3 Communication §2.4, §2.5; IEEE
// 9274.1.1 §4.1.6.3, §4.1.6.4): pure, from what statements said.

const LANGUAGE_MAPS = ['name', 'description'] as const

/**
 * The complete Activity object from the definitions statements gave it, newest first: each
 * property as the newest definition has it, the language maps (name, description) and the
 * extensions merged key by key (a newer text of a language replaces an older one). An Activity
 * no statement defined is its id alone.
 */
export function mergedActivity(
  id: string,
  definitionsNewestFirst: readonly unknown[],
): { objectType: 'Activity'; id: string; definition?: Record<string, unknown> } {
  const definition: Record<string, unknown> = {}
  for (const given of [...definitionsNewestFirst].reverse()) {
    if (!isObject(given)) continue
    for (const [key, value] of Object.entries(given)) {
      const merges = (LANGUAGE_MAPS as readonly string[]).includes(key) || key === 'extensions'
      definition[key] =
        merges && isObject(value) && isObject(definition[key])
          ? { ...definition[key], ...value }
          : value
    }
  }
  return Object.keys(definition).length > 0
    ? { objectType: 'Activity', id, definition }
    : { objectType: 'Activity', id }
}

/** The part of an Agent that identifies it. */
export interface AgentIdentifier {
  readonly mbox?: string
  readonly mbox_sha1sum?: string
  readonly openid?: string
  readonly account?: { readonly homePage: string; readonly name: string }
}

/**
 * The Person object of an Agent: its identifier and the names it is known by (the one sent, the
 * person's). Other identifiers of the person are not given: the spec leaves that to clients with
 * more permissions (Communication §2.4), which xAPI clients here do not have.
 */
export function personOf(
  agent: AgentIdentifier,
  names: readonly (string | undefined)[],
): Record<string, unknown> {
  const known = [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))]
  return {
    objectType: 'Person',
    ...(known.length > 0 && { name: known }),
    ...(agent.mbox !== undefined && { mbox: [agent.mbox] }),
    ...(agent.mbox_sha1sum !== undefined && { mbox_sha1sum: [agent.mbox_sha1sum] }),
    ...(agent.openid !== undefined && { openid: [agent.openid] }),
    ...(agent.account !== undefined && { account: [agent.account] }),
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
