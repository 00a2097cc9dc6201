// One authorized request to a platform service (AGS, NRPS) with the retry policy: transient
// failures (network, 5xx, 429) are retried with backoff a bounded number of times when the
// request is safe to repeat, a 401 is retried once with a fresh token, other answers never.
import { ServiceFailed } from '../errors.ts'
import type { AccessTokens, ServicePlatform } from './access-token.ts'
import { errorText, platformMessage } from './http-text.ts'

/** What every service call needs: the platform, its tokens, and the I/O to use. */
export interface ServiceContext {
  readonly platform: ServicePlatform
  readonly tokens: AccessTokens
  readonly fetch?: typeof fetch
  /** Waits between retries; tests pass one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>
}

export interface ServiceRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly url: string
  readonly scopes: readonly string[]
  readonly accept?: string
  readonly contentType?: string
  readonly body?: string
  /**
   * Whether repeating the request after a lost answer does no harm (GET; a score, whose
   * timestamp guards it). A POST that creates something is only repeated when the platform
   * surely did not act on it (401, 429).
   */
  readonly idempotent: boolean
  /**
   * After a retry whose earlier try may have reached the platform (network error, 5xx), says
   * whether this answer means that try was applied (postScore: Moodle's 409 "not newer").
   */
  readonly alreadyApplied?: (response: Response) => boolean
}

/** Retries after a transient failure; with the first try, at most four requests. */
export const MAX_RETRIES = 3
const BASE_DELAY_MS = 1_000
const MAX_DELAY_MS = 30_000
const TIMEOUT_MS = 30_000

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Sends `request` with a bearer token; resolves to a 2xx response or throws `ServiceFailed`. */
export async function serviceRequest(
  ctx: ServiceContext,
  request: ServiceRequest,
): Promise<Response> {
  const doFetch = ctx.fetch ?? fetch
  const sleep = ctx.sleep ?? defaultSleep
  const where = `${ctx.platform.name}: ${request.method} ${request.url}`
  let refreshed = false
  // Set once a try may have reached the platform without us seeing its answer.
  let uncertain = false
  for (let attempt = 0; ; attempt++) {
    const token = await ctx.tokens.token(ctx.platform, request.scopes)
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` }
    if (request.accept) headers.Accept = request.accept
    if (request.contentType) headers['Content-Type'] = request.contentType
    let response: Response
    try {
      response = await doFetch(request.url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch (err) {
      if (request.idempotent && attempt < MAX_RETRIES) {
        uncertain = true
        await sleep(backoff(attempt))
        continue
      }
      throw new ServiceFailed(
        `${where} failed: ${errorText(err)}`,
        { endpoint: request.url },
        { cause: err },
      )
    }
    if (response.ok) return response
    if (uncertain && request.alreadyApplied?.(response)) return response

    const status = response.status
    // RFC 6750 §3.1: invalid_token. The cached token may have been revoked or expired early;
    // one fresh token, once. The platform did not act on the request, so any method may repeat.
    if (status === 401 && !refreshed) {
      refreshed = true
      await response.body?.cancel()
      ctx.tokens.invalidate(ctx.platform, request.scopes, token)
      attempt--
      continue
    }
    const transient = status === 429 || (status >= 500 && request.idempotent)
    if (transient && attempt < MAX_RETRIES) {
      if (status !== 429) uncertain = true
      await response.body?.cancel()
      await sleep(retryAfter(response) ?? backoff(attempt))
      continue
    }
    const message = platformMessage(await response.text(), response.statusText)
    throw new ServiceFailed(`${where} answered ${status}${message ? ` "${message}"` : ''}`, {
      status,
      endpoint: request.url,
      ...(message ? { platformMessage: message } : {}),
    })
  }
}

/** 1 s, 2 s, 4 s, … up to 30 s. */
function backoff(attempt: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_DELAY_MS)
}

/** RFC 9110 §10.2.3 Retry-After in seconds (a date is not worth trusting clocks for), capped. */
function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('retry-after')?.trim()
  if (!value || !/^\d+$/.test(value)) return undefined
  return Math.min(Number(value) * 1000, MAX_DELAY_MS)
}
