import type { ThrottleCount, ThrottlePolicy } from '../throttle/throttle-policy.ts'

/**
 * Attempt counts by key (a user name, a client address), kept in the database so that every
 * process of NLS shares them.
 */
export interface ThrottleStore {
  /** Counts one attempt under `key` by `nextThrottleCount`, atomically; the new count. */
  countAttempt(key: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleCount>
  /** Takes back one attempt of `key` (it succeeded); never below zero, and a pause stays. */
  forgiveAttempt(key: string): Promise<void>
  /** The latest pause in force among these keys, or undefined. */
  pausedUntil(keys: readonly string[], now: Date): Promise<Date | undefined>
  /** Removes the keys whose window and pause both ended before `before`; how many went. */
  deleteEnded(before: Date): Promise<number>
}
