// How failed attempts (sign-ins, admin tokens, xAPI credentials) are counted and paused. The rule
// is here, pure; the throttle store applies the same rule atomically in SQL, and its tests hold
// the two to the same answers.

/** How many attempts a key may make in a window, and how long it pauses past that. */
export interface ThrottlePolicy {
  readonly attempts: number
  readonly windowMs: number
  readonly pauseMs: number
}

/** What is kept of a key: attempts in its window, since when, and a pause in force. */
export interface ThrottleCount {
  readonly failures: number
  readonly windowStartedAt: Date
  readonly pausedUntil?: Date
}

const MINUTE_MS = 60_000

/** Sign-in by user name: ten failures in fifteen minutes pause the name for fifteen minutes. */
export const SIGN_IN_BY_NAME: ThrottlePolicy = {
  attempts: 10,
  windowMs: 15 * MINUTE_MS,
  pauseMs: 15 * MINUTE_MS,
}

/** Sign-in by client address: enough for a school behind one address, not for a guesser. */
export const SIGN_IN_BY_ADDRESS: ThrottlePolicy = {
  attempts: 50,
  windowMs: 15 * MINUTE_MS,
  pauseMs: 15 * MINUTE_MS,
}

/** Wrong admin tokens or xAPI credentials by client address. */
export const CREDENTIALS_BY_ADDRESS: ThrottlePolicy = {
  attempts: 20,
  windowMs: 15 * MINUTE_MS,
  pauseMs: 15 * MINUTE_MS,
}

/** Wrong current passwords of one person on the password page. */
export const PASSWORD_BY_PERSON: ThrottlePolicy = SIGN_IN_BY_NAME

/** How long a key is kept after its window and pause ended (longer than any policy's). */
export const THROTTLE_KEPT_MS = 60 * MINUTE_MS

/**
 * A key's count after one more attempt. A window or a pause that has ended starts the count
 * afresh; the attempt past `attempts` starts a pause; attempts during a pause do not lengthen it.
 */
export function nextThrottleCount(
  previous: ThrottleCount | undefined,
  policy: ThrottlePolicy,
  now: Date,
): ThrottleCount {
  checkPolicy(policy)
  const fresh: ThrottleCount = { failures: 1, windowStartedAt: now }
  if (!previous) return fresh
  const { pausedUntil } = previous
  if (pausedUntil !== undefined) {
    if (pausedUntil <= now) return fresh
    return { ...previous, failures: previous.failures + 1 }
  }
  if (previous.windowStartedAt.getTime() + policy.windowMs <= now.getTime()) return fresh
  const failures = previous.failures + 1
  return failures > policy.attempts
    ? {
        failures,
        windowStartedAt: previous.windowStartedAt,
        pausedUntil: addMs(now, policy.pauseMs),
      }
    : { failures, windowStartedAt: previous.windowStartedAt }
}

/**
 * The policy for failures counted after the fact (a check that lets an attempt through unless
 * paused, and counts it only when it failed): the failure that reaches `attempts` starts the
 * pause, so that the next attempt is refused as when attempts are counted first.
 */
export function countedAfterFailure(policy: ThrottlePolicy): ThrottlePolicy {
  checkPolicy(policy)
  if (policy.attempts < 2) {
    throw new TypeError('a throttle policy counted after failures needs attempts of 2 or more')
  }
  return { ...policy, attempts: policy.attempts - 1 }
}

/** Seconds until the pause of a count ends (rounded up); undefined when none is in force. */
export function pauseLeftSec(
  count: Pick<ThrottleCount, 'pausedUntil'> | undefined,
  now: Date,
): number | undefined {
  const until = count?.pausedUntil
  if (until === undefined || until <= now) return undefined
  return Math.ceil((until.getTime() - now.getTime()) / 1000)
}

/** Refuses a policy that could never let an attempt through or never forget one. */
export function checkPolicy(policy: ThrottlePolicy): void {
  const { attempts, windowMs, pauseMs } = policy
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new TypeError(`a throttle policy's attempts must be a positive integer, got ${attempts}`)
  }
  for (const [name, ms] of [
    ['windowMs', windowMs],
    ['pauseMs', pauseMs],
  ] as const) {
    if (!Number.isInteger(ms) || ms < 1 || ms > THROTTLE_KEPT_MS) {
      throw new TypeError(
        `a throttle policy's ${name} must be a whole number of ms from 1 to ${THROTTLE_KEPT_MS}, got ${ms}`,
      )
    }
  }
}

const addMs = (date: Date, ms: number) => new Date(date.getTime() + ms)
