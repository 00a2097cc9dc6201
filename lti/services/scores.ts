// AGS 2.0 §3.4, the score publish service: POST a learner's score to a line item.
// https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service
import { LEARNER_ROLES, LEARNER_SUB_ROLE_PREFIX, launchRole } from '../claims.ts'
import { ScoreNotLearner } from '../errors.ts'
import { MEDIA_TYPE, SCOPE } from './scopes.ts'
import { type ServiceContext, serviceRequest } from './service-request.ts'

/** §3.4.7 */
export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed'
/** §3.4.8 */
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady'

/** A score for one user, with the LTI roles that user has in the context. */
export interface Score {
  /** The LTI user id (the launch's `sub`, NRPS `user_id`), §3.4.5. */
  readonly userId: string
  /** The user's roles (launch claim or NRPS); only learners are scored. */
  readonly roles: readonly string[]
  /** ISO 8601 with milliseconds and a zone, strictly increasing: see `nextScoreTimestamp`. */
  readonly timestamp: string
  readonly activityProgress: ActivityProgress
  /** Default: FullyGraded with a scoreGiven (Moodle drops scoreGiven otherwise), else NotReady. */
  readonly gradingProgress?: GradingProgress
  readonly scoreGiven?: number
  readonly scoreMaximum?: number
  /** Plain text, seen by the learner and the instructors (§3.4.11). */
  readonly comment?: string
}

// ISO 8601 date and time with a fraction of a second and a zone designator (§3.4.9).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+(Z|[+-]\d{2}(:?\d{2})?)$/

/** The scores URL of a line item: its path with `/scores` appended, its query kept (§3.4.1). */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl)
  // Moodle's line item URLs end in `/lineitem?type_id=N`: `/scores` goes before the query.
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`
  return url.href
}

/** Whether someone with these roles is scored: a Learner of the context who does not teach it. */
export function isLearner(roles: readonly string[]): boolean {
  const learner = roles.some(
    (role) => LEARNER_ROLES.includes(role) || role.startsWith(LEARNER_SUB_ROLE_PREFIX),
  )
  return learner && launchRole(roles) === 'learner'
}

/** Posts `score` to the line item at `lineItemUrl`; refuses anyone who is not a learner. */
export async function postScore(
  ctx: ServiceContext,
  lineItemUrl: string,
  score: Score,
): Promise<void> {
  // Before any request: instructors and administrators are never scored (Moodle answers 400,
  // other platforms may store a grade for a teacher).
  if (!isLearner(score.roles)) throw new ScoreNotLearner(score.userId)
  await serviceRequest(ctx, {
    method: 'POST',
    url: scoresUrl(lineItemUrl),
    scopes: [SCOPE.score],
    contentType: MEDIA_TYPE.score,
    body: JSON.stringify(scoreJson(score)),
    // The timestamp makes a repeat harmless: the platform keeps the newest score.
    idempotent: true,
    // After a lost answer, Moodle's 409 "not newer" on the repeat means the first try landed
    // (or a newer score is already on record, which §3.4.9 also keeps).
    alreadyApplied: (response) => response.status === 409,
  })
}

/** The score's JSON (§3.4.3), checked against the MUSTs a tool is held to. */
function scoreJson(score: Score): Record<string, unknown> {
  // §3.4.5: userId MUST be present.
  if (!score.userId) throw new TypeError('a score needs a userId')
  // §3.4.9: MUST be ISO 8601 with sub-second precision and a time zone designator.
  if (!TIMESTAMP.test(score.timestamp) || Number.isNaN(Date.parse(score.timestamp))) {
    throw new TypeError(
      `score timestamp ${JSON.stringify(score.timestamp)} is not ISO 8601 with milliseconds and a zone`,
    )
  }
  const given = score.scoreGiven
  if (given !== undefined) {
    // §3.4.4: scoreGiven MUST be positive (0 included); scoreMaximum MUST be present with it.
    if (!Number.isFinite(given) || given < 0) throw new TypeError('scoreGiven must be 0 or more')
    if (score.scoreMaximum === undefined)
      throw new TypeError('scoreMaximum must be given with scoreGiven')
  }
  if (score.scoreMaximum !== undefined && !(score.scoreMaximum > 0)) {
    throw new TypeError('scoreMaximum must be greater than 0')
  }
  // §4.7: a final score is sent as FullyGraded; Moodle stores scoreGiven only then.
  const gradingProgress =
    score.gradingProgress ?? (given === undefined ? 'NotReady' : 'FullyGraded')
  return {
    userId: score.userId,
    timestamp: score.timestamp,
    activityProgress: score.activityProgress,
    gradingProgress,
    ...(given === undefined ? {} : { scoreGiven: given }),
    ...(score.scoreMaximum === undefined ? {} : { scoreMaximum: score.scoreMaximum }),
    ...(score.comment === undefined ? {} : { comment: score.comment }),
  }
}
