import type { PlatformStore } from '../store/platform-store.ts'

/** How long the registered platforms' origins are reused before being read again. */
export const FRAMING_ORIGINS_TTL_MS = 60_000

// An origin as CSP takes a host-source: scheme, host (name, IPv4 or [IPv6]) and port, nothing
// that could end the directive (`;`) or the policy (`,`).
const ORIGIN = /^https?:\/\/[\w.\-[\]:]+$/

/**
 * The origins of the registered platforms (issuers and OIDC auth URLs), the LMSs that frame our
 * pages, read at most once per TTL; a failed read keeps the last list.
 */
export interface FramingOrigins {
  current(): Promise<readonly string[]>
}

/** The registered platforms' origins, cached for `ttlMs`. */
export function framingOrigins(
  platforms: Pick<PlatformStore, 'listPlatforms'>,
  options: { readonly ttlMs?: number; readonly now?: () => number } = {},
): FramingOrigins {
  const ttlMs = options.ttlMs ?? FRAMING_ORIGINS_TTL_MS
  const now = options.now ?? Date.now
  let origins: readonly string[] = []
  let readAt: number | undefined
  let reading: Promise<readonly string[]> | undefined
  const read = () =>
    (reading ??= platforms
      .listPlatforms()
      .then((list) => {
        origins = [...new Set(list.flatMap((p) => [originOf(p.issuer), originOf(p.authUrl)]))]
          .filter((o): o is string => o !== undefined)
          .sort()
        return origins
      })
      // Framing stays as it was (or 'self' only) while the database does not answer.
      .catch(() => origins)
      .finally(() => {
        readAt = now()
        reading = undefined
      }))
  return {
    current() {
      if (readAt === undefined) return read()
      // A stale list answers at once while the new one is read: no request waits on the
      // database for its headers (a health probe neither).
      if (now() - readAt >= ttlMs) void read()
      return Promise.resolve(origins)
    },
  }
}

/** The origin of a URL when it is one CSP can name, else undefined. */
export function originOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url)
    return ORIGIN.test(origin) ? origin : undefined
  } catch {
    return undefined
  }
}
