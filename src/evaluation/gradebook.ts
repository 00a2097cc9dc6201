import { randomUUID } from 'node:crypto'
import { isLearner } from '../../lti/services/index.ts'
import type { ComponentResult, InferenceModel } from '../inference/index.ts'
import type { Stores } from '../store/index.ts'
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
 * learner of the link's course with an LTI identity on its platform.
 */
export async function enqueueScores(
  stores: Pick<Stores, 'outbox' | 'courses' | 'people' | 'platforms'>,
  model: InferenceModel,
  context: TenantContext,
  personId: string,
  results: readonly ComponentResult[],
  changedComponents: ReadonlySet<string>,
): Promise<number> {
  let queued = 0
  for (const link of context.graded) {
    const touches = link.competencyIds.some((id) => {
      const componentId = model.target(id)?.componentId
      return componentId !== undefined && changedComponents.has(componentId)
    })
    if (link.contextId === undefined) continue
    const score = linkScore(model, link, results)
    if (!score) continue
    const roles = await stores.courses.getMemberRoles(context.tenantId, link.contextId, personId)
    if (!roles || !isLearner(roles)) continue
    const platform = await stores.platforms.getPlatform(link.platformId)
    if (!platform) continue
    const identities = await stores.people.listIdentities(context.tenantId, personId)
    const lti = identities.find(
      (i) => i.kind === 'lti' && i.issuer === platform.issuer && i.clientId === platform.clientId,
    )
    if (lti?.kind !== 'lti') continue
    // A link whose components did not change still gets its first score (a new column).
    if (!touches) {
      const sent = await stores.outbox.lastScoreTimestamp(
        context.tenantId,
        link.lineItemUrl,
        lti.sub,
      )
      if (sent !== undefined) continue
    }
    const payload: ScoreMessage = {
      destination: 'lms',
      platformId: platform.id,
      lineItemUrl: link.lineItemUrl,
      userId: lti.sub,
      roles,
      ...score,
    }
    // Enqueued with the change it reports, so a unique key is all a message needs.
    await stores.outbox.enqueue(context.tenantId, {
      kind: 'lti-score',
      dedupeKey: `score:${link.activityId}:${personId}:${randomUUID()}`,
      payload,
      personId,
    })
    queued++
  }
  return queued
}
