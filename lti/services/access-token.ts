// Access tokens for LTI Advantage services by the OAuth 2 client credentials grant with a signed
// JWT client assertion: 1EdTech Security Framework 1.0 §4.1 and §4.1.1
// (https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant),
// RFC 7523 §2.2 and §3.
import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { z } from 'zod'
import type { Platform } from '../../src/store/platform-store.ts'
import type { ToolKeyStore } from '../../src/store/tool-key-store.ts'
import { ServiceFailed, ServiceResponseInvalid } from '../errors.ts'
import { signingKey } from '../tool-keys.ts'
import { errorText, parseJson } from './http-text.ts'

/** What a token request needs to know of a platform. */
export type ServicePlatform = Pick<Platform, 'id' | 'name' | 'clientId' | 'tokenUrl'>

/** Access tokens per platform and scope set, cached until shortly before they expire. */
export interface AccessTokens {
  /** A bearer token for `scopes` at `platform`, from the cache or a new token request. */
  token(platform: ServicePlatform, scopes: readonly string[]): Promise<string>
  /** Drops `token` from the cache (the platform refused it), so the next call asks again. */
  invalidate(platform: ServicePlatform, scopes: readonly string[], token: string): void
}

export interface AccessTokenDeps {
  readonly toolKeys: ToolKeyStore
  readonly fetch?: typeof fetch
  readonly now: () => Date
}

/** The assertion lives five minutes, the lifetime Security Framework §4.1.1 names as typical. */
const ASSERTION_LIFETIME_S = 300
/** A token is not used in the last minute of its life (clock skew, requests in flight). */
const EXPIRY_MARGIN_S = 60
/** RFC 6749 §5.1 makes expires_in only RECOMMENDED; without it, keep the token briefly. */
const DEFAULT_LIFETIME_S = 300
const TIMEOUT_MS = 30_000

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be "Bearer"'),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
})

const OAuthError = z.object({
  error: z.string(),
  error_description: z.string().optional(),
})

interface CachedToken {
  readonly token: string
  /** Milliseconds since the epoch after which the token is not used. */
  readonly useUntil: number
}

/** A token cache and client for the client credentials grant (Security Framework §4.1.1). */
export function createAccessTokens(deps: AccessTokenDeps): AccessTokens {
  const doFetch = deps.fetch ?? fetch
  // The explicit cache: one entry per platform and scope set, plus the requests in flight so
  // that concurrent callers share one token request.
  const cache = new Map<string, CachedToken>()
  const inFlight = new Map<string, Promise<CachedToken>>()

  async function requestToken(platform: ServicePlatform, scope: string): Promise<CachedToken> {
    const { kid, key } = await signingKey(deps.toolKeys)
    const now = Math.floor(deps.now().getTime() / 1000)
    // §4.1.1: iss and sub are our client_id, aud names the token endpoint (how Moodle and the
    // 1EdTech examples identify the authorization server), jti unique, exp about five minutes
    // after iat. Moodle's JWT library picks our key by `kid`, so the header MUST carry it.
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_LIFETIME_S)
      .setJti(randomUUID())
      .sign(key)
    const where = `${platform.name}: token request to ${platform.tokenUrl}`
    let response: Response
    try {
      response = await doFetch(platform.tokenUrl, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        // RFC 6749 §4.4.2 and RFC 7523 §2.2: form-encoded; URLSearchParams sets the type.
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
          scope,
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch (err) {
      throw new ServiceFailed(
        `${where} failed: ${errorText(err)}`,
        { endpoint: platform.tokenUrl },
        { cause: err },
      )
    }
    const text = await response.text()
    const json = parseJson(text)
    if (!response.ok) {
      // RFC 6749 §5.2: the error response names an `error` code. The assertion is never quoted.
      const oauth = OAuthError.safeParse(json)
      const detail = oauth.success
        ? [oauth.data.error, oauth.data.error_description].filter(Boolean).join(': ')
        : response.statusText || undefined
      throw new ServiceFailed(`${where} answered ${response.status}${detail ? ` ${detail}` : ''}`, {
        status: response.status,
        endpoint: platform.tokenUrl,
        ...(detail ? { platformMessage: detail } : {}),
      })
    }
    const parsed = TokenResponse.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new ServiceResponseInvalid(
        `${where}: the token response is not RFC 6749 §5.1 (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not JSON'})`,
        platform.tokenUrl,
      )
    }
    const lifetime = parsed.data.expires_in ?? DEFAULT_LIFETIME_S
    const margin = Math.min(EXPIRY_MARGIN_S, lifetime / 2)
    return {
      token: parsed.data.access_token,
      useUntil: deps.now().getTime() + (lifetime - margin) * 1000,
    }
  }

  return {
    async token(platform, scopes) {
      if (scopes.length === 0) throw new TypeError('an access token needs at least one scope')
      // Security Framework §4.1: scopes MUST be requested; space-separated (RFC 6749 §3.3).
      const scope = [...new Set(scopes)].sort().join(' ')
      const key = `${platform.id} ${scope}`
      const cached = cache.get(key)
      if (cached && cached.useUntil > deps.now().getTime()) return cached.token
      let pending = inFlight.get(key)
      if (!pending) {
        pending = requestToken(platform, scope).then(
          (fresh) => {
            cache.set(key, fresh)
            inFlight.delete(key)
            return fresh
          },
          (err: unknown) => {
            inFlight.delete(key)
            throw err
          },
        )
        inFlight.set(key, pending)
      }
      return (await pending).token
    },
    invalidate(platform, scopes, token) {
      const key = `${platform.id} ${[...new Set(scopes)].sort().join(' ')}`
      // Only the token that was refused: another caller may have fetched a fresh one already.
      if (cache.get(key)?.token === token) cache.delete(key)
    },
  }
}
