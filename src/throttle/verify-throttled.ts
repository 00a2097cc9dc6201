import type { ThrottleStore } from '../store/throttle-store.ts'
import { countedAfterFailure, pauseLeftSec, type ThrottlePolicy } from './throttle-policy.ts'

/** Where a credential check counts its failures, and what it throws during a pause. */
export interface CredentialThrottle {
  readonly throttles: ThrottleStore
  readonly key: string
  readonly policy: ThrottlePolicy
  readonly now: Date
  /** The error of the caller's area for a pause of `retryAfterSec` seconds. */
  readonly paused: (retryAfterSec: number) => Error
}

/**
 * Runs `verify` (a credential check: the credential's owner, or undefined when wrong) unless the
 * key is paused, and counts a wrong credential: `policy.attempts` wrong ones pause the key. Secrets checked this way are long and random, so
 * a few attempts in flight when the pause starts do not matter; nothing is written on success.
 */
export async function verifyThrottled<T>(
  throttle: CredentialThrottle,
  verify: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const { throttles, key, policy, now } = throttle
  const wait = pauseLeftSec({ pausedUntil: await throttles.pausedUntil([key], now) }, now)
  if (wait !== undefined) throw throttle.paused(wait)
  const verified = await verify()
  if (verified === undefined) await throttles.countAttempt(key, countedAfterFailure(policy), now)
  return verified
}
