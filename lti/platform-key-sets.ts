import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose'
import type { Platform } from '../src/store/platform-store.ts'

export interface PlatformKeySetOptions {
  /**
   * After a fetch, how long an unknown `kid` waits before the set is fetched again (so forged
   * kids cannot make us hammer the platform).
   */
  readonly cooldownMs: number
  /** How long a fetched set is trusted before it is fetched again anyway. */
  readonly maxAgeMs: number
  readonly timeoutMs: number
}

export const DEFAULT_KEY_SET_OPTIONS: PlatformKeySetOptions = {
  cooldownMs: 30_000,
  maxAgeMs: 10 * 60_000,
  timeoutMs: 5_000,
}

/** Each platform's key set, fetched once and cached; re-fetched when a launch names a new kid. */
export interface PlatformKeySets {
  keySet(platform: Pick<Platform, 'id' | 'jwksUrl'>): JWTVerifyGetKey
}

/** A cache of remote key sets by platform and URL, kept for the life of the process. */
export function createPlatformKeySets(
  options: PlatformKeySetOptions = DEFAULT_KEY_SET_OPTIONS,
): PlatformKeySets {
  const sets = new Map<string, JWTVerifyGetKey>()
  return {
    keySet(platform) {
      const key = `${platform.id} ${platform.jwksUrl}`
      let set = sets.get(key)
      if (!set) {
        set = createRemoteJWKSet(new URL(platform.jwksUrl), {
          cooldownDuration: options.cooldownMs,
          cacheMaxAge: options.maxAgeMs,
          timeoutDuration: options.timeoutMs,
        })
        sets.set(key, set)
      }
      return set
    },
  }
}
