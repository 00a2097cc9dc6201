/** What names a person inside statements: their xAPI Inverse Functional Identifiers and names. */
export interface PersonMarks {
  /** `mailto:` IRIs, in lower case. */
  readonly mboxes: readonly string[]
  /** Hex SHA-1 of those IRIs (and any the person was known by), in lower case. */
  readonly sha1s: readonly string[]
  readonly openids: readonly string[]
  readonly accounts: readonly { readonly homePage: string; readonly name: string }[]
}

/** The account an erased person's statements are attributed to from then on. */
export interface AnonymousAccount {
  readonly homePage: string
  readonly name: string
}

/** Where erased people's anonymous accounts live (xAPI 1.0.3 §2.4.2.3.4: an account's homePage). */
export const ERASED_HOME_PAGE = 'urn:nls:erased'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/**
 * The statement with the person taken out: every Agent (or Group member) that the person's
 * identifiers or names mark becomes the anonymous account, with no name; with `own`, the actor is
 * replaced whatever it says (the statement was matched to the person). Returns the statement
 * unchanged (the same value) when nothing marked the person.
 */
export function anonymiseStatement(
  statement: unknown,
  marks: PersonMarks,
  anonymous: AnonymousAccount,
  own: boolean,
): { readonly statement: unknown; readonly changed: boolean } {
  const anon = (): Json => ({
    objectType: 'Agent',
    account: { homePage: anonymous.homePage, name: anonymous.name },
  })
  let changed = false
  const walk = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(walk)
    if (value === null || typeof value !== 'object') return value
    if (isAgentLike(value) && marksPerson(value, marks)) {
      changed = true
      if (value.objectType === 'Group') {
        // A Group identified by the person's IFI keeps its members, each checked in turn.
        const members = Array.isArray(value.member) ? value.member.map(walk) : undefined
        return { objectType: 'Group', ...(members && { member: members }) }
      }
      return anon()
    }
    const out: { [key: string]: Json } = {}
    for (const [key, child] of Object.entries(value)) out[key] = walk(child)
    return out
  }
  const root = statement as Json
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return { statement, changed: false }
  }
  const walked = walk(root) as { [key: string]: Json }
  if (own && 'actor' in walked) {
    const actor = walked.actor
    const already =
      actor !== null &&
      typeof actor === 'object' &&
      !Array.isArray(actor) &&
      JSON.stringify(actor) === JSON.stringify(anon())
    if (!already) {
      walked.actor = anon()
      changed = true
    }
  }
  return changed ? { statement: walked, changed } : { statement, changed }
}

function isAgentLike(value: { [key: string]: Json }): boolean {
  return (
    value.objectType === 'Agent' ||
    value.objectType === 'Group' ||
    'mbox' in value ||
    'mbox_sha1sum' in value ||
    'openid' in value ||
    ('account' in value && typeof value.account === 'object')
  )
}

function marksPerson(agent: { [key: string]: Json }, marks: PersonMarks): boolean {
  const str = (v: Json | undefined) => (typeof v === 'string' ? v : undefined)
  const mbox = str(agent.mbox)?.toLowerCase()
  if (mbox !== undefined && marks.mboxes.includes(mbox)) return true
  const sha1 = str(agent.mbox_sha1sum)?.toLowerCase()
  if (sha1 !== undefined && marks.sha1s.includes(sha1)) return true
  const openid = str(agent.openid)
  if (openid !== undefined && marks.openids.includes(openid)) return true
  const account = agent.account
  if (account !== null && typeof account === 'object' && !Array.isArray(account)) {
    const homePage = str(account.homePage)
    const name = str(account.name)
    return marks.accounts.some((a) => a.homePage === homePage && a.name === name)
  }
  // A name alone does not mark the person: two teachers may share one, and an Agent always has
  // an identifier (xAPI 1.0.3 §2.4.2.1), which tells them apart.
  return false
}
