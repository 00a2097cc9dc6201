import { ScoreNotLearner, ServiceFailed } from '../../lti/errors.ts'
import { createAccessTokens, nextScoreTimestamp, postScore } from '../../lti/services/index.ts'
import type { ScoreMessage } from '../evaluation/gradebook.ts'
import type { OutboxMessage, Stores } from '../store/index.ts'
import type { DeliveryOutcome } from './deliver-statements.ts'

/** What delivering scores needs, built once per worker (access tokens are cached there). */
export interface ScoreDeliverer {
  readonly stores: Stores
  readonly fetch: typeof fetch
  readonly tokens: ReturnType<typeof createAccessTokens>
  readonly now: () => Date
}

export function scoreDeliverer(deps: {
  readonly stores: Stores
  readonly fetch: typeof fetch
  readonly now: () => Date
}): ScoreDeliverer {
  return { ...deps, tokens: createAccessTokens({ toolKeys: deps.stores.toolKeys, now: deps.now }) }
}

/**
 * Posts one score to its platform's line item (AGS), with a timestamp strictly later than the
 * last one sent for that user and line item (Moodle compares whole seconds and answers 409
 * otherwise). A platform's 4xx other than 401, 403, 408 and 429, or a score for someone who is
 * not a learner, is a refusal; the rest is retried.
 */
export async function postScores(
  d: ScoreDeliverer,
  tenantId: string,
  messages: readonly OutboxMessage[],
  now: Date,
): Promise<DeliveryOutcome> {
  for (const message of messages) {
    const score = message.payload as ScoreMessage
    const platform = await d.stores.platforms.getPlatform(score.platformId)
    if (!platform)
      return { kind: 'refused', error: `platform ${score.platformId} is no longer registered` }
    const last = await d.stores.outbox.lastScoreTimestamp(tenantId, score.lineItemUrl, score.userId)
    const timestamp = nextScoreTimestamp(now, last)
    try {
      await postScore({ platform, tokens: d.tokens, fetch: d.fetch }, score.lineItemUrl, {
        userId: score.userId,
        roles: score.roles,
        timestamp,
        activityProgress: score.activityProgress,
        gradingProgress: 'FullyGraded',
        scoreGiven: score.scoreGiven,
        scoreMaximum: score.scoreMaximum,
        comment: score.comment,
      })
    } catch (err) {
      if (err instanceof ScoreNotLearner) return { kind: 'refused', error: err.message }
      if (err instanceof ServiceFailed) {
        const status = err.status
        const permanent =
          status !== undefined &&
          status >= 400 &&
          status < 500 &&
          ![401, 403, 408, 409, 429].includes(status)
        return { kind: permanent ? 'refused' : 'retry', error: err.message }
      }
      return { kind: 'retry', error: (err as Error).message }
    }
    await d.stores.outbox.setScoreTimestamp(tenantId, score.lineItemUrl, score.userId, timestamp)
  }
  return { kind: 'delivered' }
}
