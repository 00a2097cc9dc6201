import type {
  Activity,
  Context,
  CourseStore,
  Identity,
  PeopleStore,
  Person,
} from '../src/store/index.ts'
import { CLAIM } from './claims.ts'
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

/** The statement-actor identity a launch links to its person under a rule, when it has one. */
export function statementIdentity(launch: Launch, rule: IdentityRule): Identity | undefined {
  const { platform, claims } = launch
  switch (rule) {
    case 'account':
      return { kind: 'account', homePage: platform.issuer, name: claims.sub }
    case 'email':
      return claims.email ? { kind: 'mbox', mbox: `mailto:${claims.email.trim()}` } : undefined
    case 'sourcedid': {
      const sourcedid = claims[CLAIM.lis]?.person_sourcedid
      return sourcedid ? { kind: 'account', homePage: platform.issuer, name: sourcedid } : undefined
    }
  }
}

/** What a valid launch left in the store. */
export interface LaunchRecord {
  readonly person: Person
  readonly context: Context | undefined
  readonly activity: Activity | undefined
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
  const person = await stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'lti', issuer: platform.issuer, clientId: platform.clientId, sub: claims.sub },
    {
      name: claims.name,
      givenName: claims.given_name,
      familyName: claims.family_name,
      email: claims.email,
    },
  )
  const linked = statementIdentity(launch, options.identityRule ?? 'account')
  // Another person may hold that identity already (two registrations of one site): keep theirs.
  if (linked && !(await stores.people.findPersonByIdentity(tenantId, linked))) {
    await stores.people.linkIdentity(tenantId, person.id, linked).catch((err: unknown) => {
      if ((err as { code?: string }).code !== 'ERR_STORE_CONFLICT') throw err
    })
  }

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
  if (context) {
    await stores.courses.setMemberRoles(tenantId, context.id, person.id, claims[CLAIM.roles])
  }
  return { person, context, activity }
}
