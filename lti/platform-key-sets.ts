import {
  createRemoteJWKSet,
  customFetch,
  errors as joseErrors,
  type FetchImplementation,
  type JWTVerifyGetKey,
} from 'jose'
import type { Platform } from '../src/store/platform-store.ts'
import { type BoundedResponse, boundedFetch, bodyText } from './bounded-fetch.ts'
import { FetchRefused, PlatformKeysUnavailable } from './errors.ts'

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
        const remote = createRemoteJWKSet(new URL(platform.jwksUrl), {
          cooldownDuration: options.cooldownMs,
          cacheMaxAge: options.maxAgeMs,
          timeoutDuration: options.timeoutMs,
          [customFetch]: fetchKeySet,
        })
        set = async (protectedHeader, token) => {
          try {
            return await remote(protectedHeader, token)
          } catch (err) {
            throw keySetError(err, options.timeoutMs)
          }
        }
        sets.set(key, set)
      }
      return set
    },
  }
}

/**
 * A bounded fetch (http/https only, redirects within one origin, at most 256 KiB read), with its
 * own failures (no connection, DNS, TLS, a refused URL) and statuses other than 200 turned into
 * PlatformKeysUnavailable here, where they are known to be the key set's: a TypeError elsewhere
 * is a bug of ours, not an unreachable platform.
 */
const fetchKeySet: FetchImplementation = async (url, init) => {
  let answer: BoundedResponse
  const headers: Record<string, string> = {}
  new Headers(init.headers).forEach((value, name) => (headers[name] = value))
  try {
    answer = await boundedFetch(
      String(url),
      { headers, signal: init.signal ?? undefined },
      // jose's own timeout (its signal) ends the request first; this bound is a backstop.
      { timeoutMs: 60_000, maxBytes: KEY_SET_MAX_BYTES },
    )
  } catch (err) {
    // jose turns the abort of its timeout signal into JWKSTimeout.
    if (init.signal?.aborted) throw init.signal.reason ?? err
    throw new PlatformKeysUnavailable(
      err instanceof FetchRefused && err.problem !== 'unreachable'
        ? `the platform's key set was refused: ${err.message}`
        : "the platform's key set could not be reached",
      { cause: err },
    )
  }
  if (answer.status !== 200) {
    throw new PlatformKeysUnavailable(
      `the platform's key set answered HTTP ${answer.status}, not 200`,
    )
  }
  return new Response(bodyText(answer), { status: 200, headers: answer.headers })
}

/** A key set of a few keys is a few KiB; a larger answer is not one. */
const KEY_SET_MAX_BYTES = 256 * 1024

/** The error of a failed key lookup: the key set's own failures are PlatformKeysUnavailable. */
function keySetError(err: unknown, timeoutMs: number): unknown {
  if (err instanceof joseErrors.JWKSTimeout) {
    return new PlatformKeysUnavailable(
      `the platform's key set did not answer within ${timeoutMs} ms`,
      { cause: err },
    )
  }
  if (err instanceof joseErrors.JWKSInvalid) {
    return new PlatformKeysUnavailable("the platform's key set is not a JSON Web Key Set", {
      cause: err,
    })
  }
  // jose's plain JOSEError (no subclass) is its remote set's "not JSON" answer.
  if (err instanceof joseErrors.JOSEError && err.code === 'ERR_JOSE_GENERIC') {
    return new PlatformKeysUnavailable("the platform's key set is not JSON", { cause: err })
  }
  // No key for the kid (JWKSNoMatchingKey) and the rest are the launch's problem, not the set's.
  return err
}
