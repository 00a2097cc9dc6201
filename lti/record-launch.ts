import type {
  Activity,
  Context,
  CourseStore,
  Identity,
  PeopleStore,
  Person,
} from '../src/store/index.ts'
import { CLAIM, type LaunchRole, launchRole } from './claims.ts'
import { LINK_PARAMETER, linkActivityIri } from './deep-linking.ts'
import type { Launch } from './launch.ts'
import { isUuid } from '../src/store/is-uuid.ts'

/**
 * Which identifier of the launching person statements name them by: Moodle's account (homePage =
 * the site, name = `sub`, its user id), their email, or their LIS person sourcedid as the account
 * name.
 */
export const IDENTITY_RULES = ['account', 'email', 'sourcedid'] as const
export type IdentityRule = (typeof IDENTITY_RULES)[number]

/** What a platform tells of a user, at a launch (claims) or in its roster (NRPS). */
export interface PlatformUser {
  /** The LTI `sub` (Moodle's user id). */
  readonly sub: string
  readonly name?: string
  readonly givenName?: string
  readonly familyName?: string
  readonly email?: string
  readonly sourcedid?: string
}

/** The statement-actor identity of a platform's user under a rule, when it has one. */
export function statementIdentity(
  issuer: string,
  user: PlatformUser,
  rule: IdentityRule,
): Identity | undefined {
  switch (rule) {
    case 'account':
      return { kind: 'account', homePage: issuer, name: user.sub }
    case 'email':
      return user.email ? { kind: 'mbox', mbox: `mailto:${user.email.trim()}` } : undefined
    case 'sourcedid':
      return user.sourcedid
        ? { kind: 'account', homePage: issuer, name: user.sourcedid }
        : undefined
  }
}

/**
 * The person a platform's user is (keyed by issuer + client_id + sub, and under a second client_id
 * of the same issuer found by issuer + sub; the profile given replaces the stored one), with the
 * identity statements name them by linked under the tenant's rule (unless another person holds it
 * already). `linked` says whether that identity is newly theirs (statements kept for it before
 * may then be attached).
 */
export async function upsertPlatformUser(
  people: PeopleStore,
  platform: { readonly tenantId: string; readonly issuer: string; readonly clientId: string },
  user: PlatformUser,
  rule: IdentityRule,
): Promise<{ person: Person; linked: boolean }> {
  const { tenantId } = platform
  const person = await people.upsertPersonByIdentity(
    tenantId,
    { kind: 'lti', issuer: platform.issuer, clientId: platform.clientId, sub: user.sub },
    {
      name: user.name,
      givenName: user.givenName,
      familyName: user.familyName,
      email: user.email,
    },
  )
  const identity = statementIdentity(platform.issuer, user, rule)
  if (!identity || (await people.findPersonByIdentity(tenantId, identity))) {
    return { person, linked: false }
  }
  try {
    await people.linkIdentity(tenantId, person.id, identity)
    return { person, linked: true }
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_STORE_CONFLICT') throw err
    return { person, linked: false }
  }
}

/** What a valid launch left in the store. */
export interface LaunchRecord {
  readonly person: Person
  readonly context: Context | undefined
  readonly activity: Activity | undefined
  /** The person's session generation, for the launch's session (raised when a role was lost). */
  readonly sessionGeneration: number
}

/**
 * Creates or updates the launching person (keyed by issuer + client_id + sub), the context and
 * the resource link's activity. The identity statements name the person by (the tenant's rule;
 * Moodle's xAPI log store: account homePage = issuer, name = user id) is linked too.
 */
export async function recordLaunch(
  launch: Launch,
  stores: { readonly people: PeopleStore; readonly courses: CourseStore },
  options: { readonly identityRule?: IdentityRule } = {},
): Promise<LaunchRecord> {
  const { platform, claims } = launch
  const tenantId = platform.tenantId
  const { person } = await upsertPlatformUser(
    stores.people,
    platform,
    {
      sub: claims.sub,
      name: claims.name,
      givenName: claims.given_name,
      familyName: claims.family_name,
      email: claims.email,
      sourcedid: claims[CLAIM.lis]?.person_sourcedid,
    },
    options.identityRule ?? 'account',
  )

  const contextClaim = claims[CLAIM.context]
  const context = contextClaim
    ? await stores.courses.upsertContext(tenantId, {
        deploymentId: claims[CLAIM.deploymentId],
        externalId: contextClaim.id,
        title: contextClaim.title,
        label: contextClaim.label,
      })
    : undefined
  const link = claims[CLAIM.resourceLink]
  // A link NLS made by deep linking names its activity in a custom parameter: the first launch
  // binds the platform's resource link to it (and to the tags chosen then).
  const linkKey = claims[CLAIM.custom]?.[LINK_PARAMETER]
  const activity = link
    ? await stores.courses.upsertActivity(tenantId, {
        contextId: context?.id,
        resourceLinkId: link.id,
        iri: isUuid(linkKey) ? linkActivityIri(linkKey) : undefined,
        name: link.title,
      })
    : undefined
  // Where this link's scores go (AGS), and the person's roles in the course (only learners are
  // scored).
  const lineItemUrl = claims[CLAIM.ags]?.lineitem
  const lineItemsUrl = claims[CLAIM.ags]?.lineitems
  if (context && lineItemsUrl) {
    await stores.courses.setLineItems(tenantId, context.id, {
      platformId: platform.id,
      lineItemsUrl,
    })
  }
  const membershipsUrl = claims[CLAIM.nrps]?.context_memberships_url
  if (context && membershipsUrl) {
    await stores.courses.setMemberships(tenantId, context.id, {
      platformId: platform.id,
      membershipsUrl,
    })
  }
  if (activity && lineItemUrl) {
    await stores.courses.setLineItem(tenantId, activity.id, {
      platformId: platform.id,
      lineItemUrl,
    })
  }
  let ended: number | undefined
  if (context) {
    // A person whose roles in the course no longer include the staff role they had (the LMS
    // made a trainer a student) loses the sessions made with it, at once.
    const before = await stores.courses.getMemberRoles(tenantId, context.id, person.id)
    if (before && RANK[launchRole(before)] > RANK[launch.role]) {
      ended = await stores.people.endSessions(tenantId, person.id)
    }
    await stores.courses.setMemberRoles(tenantId, context.id, person.id, claims[CLAIM.roles])
  }
  const sessionGeneration =
    ended ?? (await stores.people.sessionGeneration(tenantId, person.id)) ?? 0
  return { person, context, activity, sessionGeneration }
}

/** How much a role may do: losing rank ends a person's sessions. */
const RANK: Readonly<Record<LaunchRole, number>> = { learner: 0, instructor: 1, administrator: 2 }
