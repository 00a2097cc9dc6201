import type { Activity, Context, CourseStore, PeopleStore, Person } from '../src/store/index.ts'
import { CLAIM } from './claims.ts'
import { LINK_PARAMETER, linkActivityIri } from './deep-linking.ts'
import type { Launch } from './launch.ts'
import { isUuid } from '../src/store/is-uuid.ts'

/** What a valid launch left in the store. */
export interface LaunchRecord {
  readonly person: Person
  readonly context: Context | undefined
  readonly activity: Activity | undefined
}

/**
 * Creates or updates the launching person (keyed by issuer + client_id + sub), the context and
 * the resource link's activity. The person's Moodle account is linked too, so that statements of
 * Moodle's xAPI log store (actor account homePage = issuer, name = user id) match them.
 */
export async function recordLaunch(
  launch: Launch,
  stores: { readonly people: PeopleStore; readonly courses: CourseStore },
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
  const account = { kind: 'account', homePage: platform.issuer, name: claims.sub } as const
  const holder = await stores.people.findPersonByIdentity(tenantId, account)
  // Another person may hold that account already (two registrations of one site): keep theirs.
  if (!holder) {
    await stores.people.linkIdentity(tenantId, person.id, account).catch((err: unknown) => {
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
  return { person, context, activity }
}
