import { z } from 'zod'
import { isMailtoIri, isSha1Hex } from './formats.ts'
import { literal, objectTypeError } from './issue-messages.ts'
import { ALWAYS, Iri, Irl, strictObject } from './primitives.ts'

// Agents and Groups (xAPI 1.0.3 Data 2.4.2) with their Inverse Functional Identifiers (2.4.2.3).

export const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const

/** Data 2.4.2.4: a user account on an existing system, e.g. the LMS. */
export const Account = strictObject(
  {
    homePage: Irl,
    // An empty name would identify nobody: we refuse it although the table only says "String".
    name: z
      .string()
      .min(1, 'must not be empty: the account "name" identifies the user (xAPI Data 2.4.2.4)'),
  },
  'an Account (homePage, name)',
)

const ifis = {
  mbox: z
    .string()
    .refine(
      isMailtoIri,
      'must be a mailto IRI: \'The required format is "mailto:email address"\' (xAPI Data 2.4.2.3)',
    )
    .optional(),
  mbox_sha1sum: z
    .string()
    .refine(
      isSha1Hex,
      'must be the hex-encoded SHA1 hash of a mailto IRI: 40 hexadecimal digits (xAPI Data 2.4.2.3)',
    )
    .optional(),
  openid: Iri.optional(),
  account: Account.optional(),
}

function presentIfis(value: Record<string, unknown>): string[] {
  return IFI_KEYS.filter((key) => value[key] !== undefined)
}

// Data 2.4.2.1: "An Agent MUST be identified by one (1) of the four types of Inverse Functional
// Identifiers" and "MUST NOT include more than one (1) Inverse Functional Identifier".
function exactlyOneIfi(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const found = presentIfis(value)
  if (found.length === 1) return
  ctx.addIssue({
    code: 'custom',
    input: value,
    message:
      found.length === 0
        ? 'An Agent MUST be identified by one (1) of the four types of Inverse Functional Identifiers: "mbox", "mbox_sha1sum", "openid" or "account" (xAPI Data 2.4.2.1)'
        : `An Agent MUST NOT include more than one (1) Inverse Functional Identifier; found ${found.join(', ')} (xAPI Data 2.4.2.1)`,
  })
}

function agent<T extends z.ZodType>(objectType: T) {
  return strictObject({ objectType, name: z.string().optional(), ...ifis }, 'an Agent').superRefine(
    exactlyOneIfi,
    ALWAYS,
  )
}

const AGENT = 'must be "Agent"'

/** An Agent where "objectType" is optional (actor, instructor, authority, member). */
export const Agent = agent(literal('Agent', AGENT).optional())

/** Data 2.4.4.2: "Statements that specify an Agent or Group as an Object MUST specify an 'objectType' property". */
export const ObjectAgent = agent(literal('Agent', AGENT))

// Data 2.4.2.2.s4.b2 and s5.b2: a Group MUST NOT contain Group Objects in "member".
const MemberAgent = agent(
  literal(
    'Agent',
    'must be "Agent": a Group "MUST NOT contain Group Objects in the \'member\' property" (xAPI Data 2.4.2.2)',
  ).optional(),
)

function groupRules(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const found = presentIfis(value)
  if (found.length === 0 && value.member === undefined) {
    ctx.addIssue({
      code: 'custom',
      input: value,
      path: ['member'],
      message:
        'An Anonymous Group MUST include a "member" property listing constituent Agents (xAPI Data 2.4.2.2); an Identified Group needs one Inverse Functional Identifier instead',
    })
  } else if (found.length > 1) {
    ctx.addIssue({
      code: 'custom',
      input: value,
      message: `An Identified Group MUST include exactly one (1) Inverse Functional Identifier; found ${found.join(', ')} (xAPI Data 2.4.2.2)`,
    })
  }
}

/** Data 2.4.2.2: an Identified Group (one IFI) or an Anonymous Group (no IFI, "member" required). */
export const Group = strictObject(
  {
    objectType: literal('Group', 'must be "Group"'),
    name: z.string().optional(),
    member: z.array(MemberAgent).optional(),
    ...ifis,
  },
  'a Group',
).superRefine(groupRules, ALWAYS)

/** Data 2.4.2: an Agent or a Group, told apart by "objectType" (absent means Agent). */
export const Actor = z.discriminatedUnion('objectType', [Agent, Group], {
  error: objectTypeError(['Agent', 'Group']),
})

/**
 * Data 2.4.9: a Statement's authority is an Agent, or an anonymous Group of exactly two Agents
 * (the application, identified by an account as OAuth names its consumer, and the user).
 */
export const Authority = Actor.superRefine((value, ctx) => {
  if (value.objectType !== 'Group') return
  const issue = (message: string) => ctx.addIssue({ code: 'custom', input: value, message })
  if (presentIfis(value).length > 0) {
    issue(
      'An authority that is a Group MUST be an anonymous Group (no mbox, mbox_sha1sum, openid or account of its own) (xAPI Data 2.4.9)',
    )
  } else if (value.member?.length !== 2) {
    issue(
      `An authority that is a Group MUST have exactly two members, the application and the user; found ${value.member?.length ?? 0} (xAPI Data 2.4.9)`,
    )
  } else if (!value.member.some((m) => m.account !== undefined)) {
    issue(
      'One of the two members of an authority Group MUST be the application, identified by an account (its OAuth consumer) (xAPI Data 2.4.9)',
    )
  }
}, ALWAYS)

export type Account = z.infer<typeof Account>
export type Agent = z.infer<typeof Agent>
export type Group = z.infer<typeof Group>
export type Actor = z.infer<typeof Actor>
