import { FetchRefused } from './errors.ts'

/** Limits of one outbound request (and the redirects it follows). */
export interface FetchBounds {
  /** The whole exchange, redirects and body included, must end within this. */
  readonly timeoutMs: number
  /** The most body bytes read; a longer answer is refused. */
  readonly maxBytes: number
  /** How many same-origin redirects are followed at most. */
  readonly maxRedirects: number
}

export const DEFAULT_FETCH_BOUNDS: FetchBounds = {
  timeoutMs: 10_000,
  maxBytes: 256 * 1024,
  maxRedirects: 3,
}

/** What a bounded request sends. */
export interface BoundedRequest {
  readonly method?: 'GET' | 'POST'
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  /** Stops the request early (on top of the deadline). */
  readonly signal?: AbortSignal
}

/** A whole answer, read within the bounds. */
export interface BoundedResponse {
  readonly status: number
  readonly ok: boolean
  /** The URL that answered (after same-origin redirects). */
  readonly url: string
  readonly headers: Headers
  readonly body: Uint8Array
}

export interface BoundedFetchOptions extends Partial<FetchBounds> {
  /** The global fetch by default. */
  readonly fetch?: typeof fetch
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * Fetches an http(s) URL with a deadline and a cap on the body, following redirects only within
 * the URL's origin: what a caller outside NLS names is never a way to reach another server.
 */
export async function boundedFetch(
  url: string,
  request: BoundedRequest = {},
  options: BoundedFetchOptions = {},
): Promise<BoundedResponse> {
  const bounds = { ...DEFAULT_FETCH_BOUNDS, ...definedOnly(options) }
  const f = options.fetch ?? fetch
  const deadline = AbortSignal.timeout(bounds.timeoutMs)
  const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline
  const failed = (target: URL, err: unknown) =>
    err instanceof FetchRefused
      ? err
      : deadline.aborted
        ? new FetchRefused(
            'timeout',
            target.href,
            `${target.href} did not answer within ${bounds.timeoutMs / 1000} s`,
            { cause: err },
          )
        : new FetchRefused('unreachable', target.href, `cannot reach ${target.href}`, {
            cause: err,
          })

  let current = httpUrl(url)
  let method = request.method ?? 'GET'
  let body = request.body
  for (let redirects = 0; ; redirects++) {
    let res: Response
    try {
      res = await f(current.href, {
        method,
        headers: request.headers,
        body,
        redirect: 'manual',
        signal,
      })
    } catch (err) {
      throw failed(current, err)
    }
    const location = REDIRECTS.has(res.status) ? res.headers.get('location') : null
    if (location === null) {
      try {
        const bytes = await readCapped(res, bounds.maxBytes, current.href)
        return {
          status: res.status,
          ok: res.ok,
          url: current.href,
          headers: res.headers,
          body: bytes,
        }
      } catch (err) {
        throw failed(current, err)
      }
    }
    await res.body?.cancel().catch(() => undefined)
    const next = httpUrl(location, current)
    if (next.origin !== current.origin) {
      throw new FetchRefused(
        'redirect',
        current.href,
        `${current.href} redirects to another origin (${next.origin}); NLS follows redirects only within one origin`,
      )
    }
    if (redirects >= bounds.maxRedirects) {
      throw new FetchRefused(
        'redirect',
        current.href,
        `${url} redirects more than ${bounds.maxRedirects} times`,
      )
    }
    // Fetch Standard §4.4 HTTP-redirect fetch, step 12: a 303, and a 301 or 302 after a POST,
    // continue as a GET without the body.
    if (res.status === 303 || (method === 'POST' && (res.status === 301 || res.status === 302))) {
      method = 'GET'
      body = undefined
    }
    current = next
  }
}

/** The bytes of a response body as UTF-8 text. */
export function bodyText(response: Pick<BoundedResponse, 'body'>): string {
  return new TextDecoder().decode(response.body)
}

/** An absolute http: or https: URL (relative to `base` when given); any other is refused. */
function httpUrl(value: string, base?: URL): URL {
  let url: URL
  try {
    url = new URL(value, base)
  } catch (cause) {
    throw new FetchRefused('scheme', value, `${JSON.stringify(value)} is not a URL`, { cause })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefused(
      'scheme',
      url.href,
      `${url.href}: only http and https URLs are fetched (got ${url.protocol.slice(0, -1)})`,
    )
  }
  return url
}

async function readCapped(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new FetchRefused('too-large', url, `${url} answered more than ${maxBytes} bytes`)
  const declared = Number(res.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined)
    throw tooLarge()
  }
  if (!res.body) return new Uint8Array()
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    // Counted as it arrives: a body without Content-Length (chunked) is stopped at the cap.
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function definedOnly(options: BoundedFetchOptions): Partial<FetchBounds> {
  const { timeoutMs, maxBytes, maxRedirects } = options
  return Object.fromEntries(
    Object.entries({ timeoutMs, maxBytes, maxRedirects }).filter(([, v]) => v !== undefined),
  )
}
