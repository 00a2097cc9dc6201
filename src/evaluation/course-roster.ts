import { type AccessTokens, fetchRoster } from '../../lti/services/index.ts'
import { type IdentityRule, upsertPlatformUser } from '../../lti/record-launch.ts'
import type { Member } from '../store/course-store.ts'
import type { Stores } from '../store/index.ts'
import { attachStatements } from './attach-statements.ts'

/** A course whose members cannot be read: NRPS not shared, or its platform gone. */
export class RosterUnavailable extends Error {
  readonly code = 'ERR_ROSTER_UNAVAILABLE'
}

/** How long a course's roster is taken as current before the pages read it again. */
export const ROSTER_FRESH_MS = 10 * 60_000

/**
 * Reads a course's roster from the LMS (NRPS) and keeps it: every active member becomes a person
 * of the tenant (known by their LTI identity and the identity statements name them by, so their
 * statements count before their first launch) with their course roles; members no longer active
 * leave the course. Returns how many members the course has.
 */
export async function syncRoster(
  stores: Stores,
  services: { readonly tokens: AccessTokens; readonly fetch?: typeof fetch },
  tenantId: string,
  contextId: string,
  options: { readonly identityRule: IdentityRule; readonly now: Date },
): Promise<number> {
  const context = await stores.courses.getContext(tenantId, contextId)
  if (!context?.platformId || !context.membershipsUrl) {
    throw new RosterUnavailable(
      'this course has not shared its members: enable "Share the roster" (NRPS) for the tool in the LMS, and open NLS from the course again',
    )
  }
  const platform = await stores.platforms.getPlatform(context.platformId)
  if (!platform) throw new RosterUnavailable('the course’s platform is no longer registered')
  const members = await fetchRoster(
    { platform, tokens: services.tokens, ...(services.fetch && { fetch: services.fetch }) },
    context.membershipsUrl,
  )
  const active = members.filter((m) => m.status === 'Active')
  await stores.transaction(async (tx) => {
    // The people store upserts one person at a time; their memberships go in one statement.
    const kept: Member[] = []
    for (const member of active) {
      const { person, linked } = await upsertPlatformUser(
        tx.people,
        platform,
        { sub: member.userId, ...member },
        options.identityRule,
      )
      if (linked) await attachStatements(tx, tenantId, person.id)
      kept.push({ personId: person.id, roles: member.roles })
    }
    await tx.courses.setMembersRoles(tenantId, contextId, kept)
    await tx.courses.setRoster(
      tenantId,
      contextId,
      kept.map((m) => m.personId),
      options.now,
    )
  })
  return active.length
}
