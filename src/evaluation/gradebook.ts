import { randomUUID } from 'node:crypto'
import { isLearner } from '../../lti/services/index.ts'
import type { ComponentResult, InferenceModel } from '../inference/index.ts'
import type { Platform, PlatformStore, Stores } from '../store/index.ts'
import { linkShare } from './link-criteria.ts'
import type { GradedLink, TenantContext } from './tenant-context.ts'

/** A score for a link's gradebook column, as the outbox carries it to the platform. */
export interface ScoreMessage {
  readonly destination: 'lms'
  readonly platformId: string
  readonly lineItemUrl: string
  /** The person's LTI `sub` on that platform. */
  readonly userId: string
  readonly roles: readonly string[]
  readonly scoreGiven: number
  readonly scoreMaximum: number
  readonly activityProgress: 'InProgress' | 'Completed'
  readonly comment: string
}

/**
 * A link's score from a person's results: the mean level held on its components (each level's
 * rank: 0 for none, 3 for Nâng cao; of the components' number of levels), or the share met of
 * the criteria its tags ask for (linkShare; complete when all are met). Undefined when the
 * results cover none of its components.
 */
export function linkScore(
  model: InferenceModel,
  link: Pick<GradedLink, 'competencyIds' | 'mode'>,
  results: readonly ComponentResult[],
): Pick<ScoreMessage, 'scoreGiven' | 'scoreMaximum' | 'activityProgress' | 'comment'> | undefined {
  const componentIds = new Set(
    link.competencyIds.flatMap((id) => model.target(id)?.componentId ?? []),
  )
  const mine = results.filter((r) => componentIds.has(r.componentId))
  if (mine.length === 0) return undefined
  const comment = mine.map((r) => `${r.componentId}: ${r.level ?? '—'}`).join('; ')
  const top = mine.every((r) => r.level !== null && r.level === r.levels.at(-1)?.code)
  const activityProgress = top ? ('Completed' as const) : ('InProgress' as const)
  if (link.mode === 'share') {
    const { met, of } = linkShare(model, link.competencyIds, mine)
    return {
      scoreGiven: met,
      scoreMaximum: of,
      activityProgress: met === of ? 'Completed' : 'InProgress',
      comment,
    }
  }
  const rank = (r: ComponentResult) => r.levels.findIndex((l) => l.code === r.level) + 1
  const maximum = Math.max(...mine.map((r) => r.levels.length))
  const mean = mine.reduce((sum, r) => sum + rank(r), 0) / mine.length
  return {
    scoreGiven: Math.round(mean * 100) / 100,
    scoreMaximum: maximum,
    activityProgress,
    comment,
  }
}

/**
 * Queues, in the caller's transaction, the scores of the graded links whose components changed
 * for this person, and of those that never had a score for them (a new column): only for a
 * learner of the link's course with an LTI identity on its platform. The same few queries for the
 * person whatever the number of links: their roles in the links' courses, each platform, their
 * identities, the last scores of the links to check for a first score, and one insert.
 */
export async function enqueueScores(
  stores: Pick<Stores, 'outbox' | 'courses' | 'people' | 'platforms'>,
  model: InferenceModel,
  context: TenantContext,
  personId: string,
  results: readonly ComponentResult[],
  changedComponents: ReadonlySet<string>,
): Promise<number> {
  const { tenantId } = context
  const scored = context.graded.flatMap((link) => {
    if (link.contextId === undefined) return []
    const score = linkScore(model, link, results)
    return score ? [{ link, contextId: link.contextId, score }] : []
  })
  if (scored.length === 0) return 0
  const memberRoles = await stores.courses.listMemberRoles(
    tenantId,
    scored.map((s) => s.contextId),
    personId,
  )
  // Only learners of the link's course are scored.
  const learners = scored.flatMap((s) => {
    const roles = memberRoles.get(s.contextId)
    return roles && isLearner(roles) ? [{ ...s, roles }] : []
  })
  if (learners.length === 0) return 0
  const platforms = await readPlatforms(
    stores.platforms,
    learners.map((s) => s.link.platformId),
  )
  if (platforms.size === 0) return 0
  const identities = await stores.people.listIdentities(tenantId, personId)
  // The person's LTI identity on the link's platform: that platform's issuer and client.
  const addressed = learners.flatMap((s) => {
    const platform = platforms.get(s.link.platformId)
    if (!platform) return []
    const lti = identities.find(
      (i) => i.kind === 'lti' && i.issuer === platform.issuer && i.clientId === platform.clientId,
    )
    if (lti?.kind !== 'lti') return []
    return [{ ...s, platform, userId: lti.sub, touches: touches(model, s.link, changedComponents) }]
  })
  // A link whose components did not change still gets its first score (a new column).
  const sent = await stores.outbox.lastScoreTimestamps(
    tenantId,
    addressed
      .filter((s) => !s.touches)
      .map((s) => ({ lineItemUrl: s.link.lineItemUrl, userId: s.userId })),
  )
  const due = addressed.filter(
    (s) =>
      s.touches || !sent.some((t) => t.lineItemUrl === s.link.lineItemUrl && t.userId === s.userId),
  )
  // Enqueued with the change they report, so a unique key is all a message needs.
  await stores.outbox.enqueueMany(
    tenantId,
    due.map(({ link, platform, userId, roles, score }) => {
      const payload: ScoreMessage = {
        destination: 'lms',
        platformId: platform.id,
        lineItemUrl: link.lineItemUrl,
        userId,
        roles,
        ...score,
      }
      return {
        kind: 'lti-score' as const,
        dedupeKey: `score:${link.activityId}:${personId}:${randomUUID()}`,
        payload,
        personId,
      }
    }),
  )
  return due.length
}

/** Whether a link's components are among those whose level changed. */
function touches(
  model: InferenceModel,
  link: Pick<GradedLink, 'competencyIds'>,
  changedComponents: ReadonlySet<string>,
): boolean {
  return link.competencyIds.some((id) => {
    const componentId = model.target(id)?.componentId
    return componentId !== undefined && changedComponents.has(componentId)
  })
}

/** The platforms of these ids that exist, each read once. */
async function readPlatforms(
  store: Pick<PlatformStore, 'getPlatform'>,
  ids: readonly string[],
): Promise<Map<string, Platform>> {
  const found = new Map<string, Platform>()
  for (const id of new Set(ids)) {
    const platform = await store.getPlatform(id)
    if (platform) found.set(id, platform)
  }
  return found
}
