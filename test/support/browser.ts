// A tiny browser for end-to-end tests, over fetch: a cookie jar that follows the rules a test of an
// LTI launch needs (Secure, SameSite, Partitioned cookies in a third-party iframe, RFC 6265bis),
// redirects followed by hand so every hop's cookies are kept, and submission of the self-posting
// forms LTI uses (Moodle's login initiation and auth.php response).

/** A cookie in the jar, with the attributes it was set with. */
export interface BrowserCookie {
  readonly name: string
  readonly value: string
  /** The host it was set by, or the Domain attribute (without a leading dot). */
  readonly domain: string
  readonly hostOnly: boolean
  readonly path: string
  readonly secure: boolean
  readonly httpOnly: boolean
  /** As set; a cookie without the attribute is treated as Lax. */
  readonly sameSite?: 'Strict' | 'Lax' | 'None'
  readonly partitioned: boolean
  /** For a Partitioned cookie, the top-level site it is keyed to. */
  readonly partitionKey?: string
  readonly expires?: Date
}

/** How the browser treats cookies and where it runs. */
export interface BrowserOptions {
  /** 'block': a jar that drops every cookie (the cookieless path). Default 'accept'. */
  cookies?: 'accept' | 'block'
  /** Run as an iframe inside a page at this URL (Moodle's embedded launch): requests to other
   * sites are third-party. */
  embeddedIn?: string
  /** Third-party cookies in such a frame: 'partitioned-only' (default, as browsers now do),
   * 'allow', or 'block'. */
  thirdPartyCookies?: 'allow' | 'partitioned-only' | 'block'
}

/** A page the browser ended on. */
export interface BrowserResponse {
  /** The final URL after redirects. */
  readonly url: string
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** Every URL requested, in order (the first is the one asked for). */
  readonly redirects: string[]
}

/** Request options: extra headers, and the page the request comes from (for SameSite). */
export interface RequestOptions {
  headers?: Record<string, string>
  /** The URL of the page that navigates; absent means typed into the address bar. */
  from?: string
}

/** The browser's API. */
export interface Browser {
  /** GET, following redirects. */
  get(url: string, options?: RequestOptions): Promise<BrowserResponse>
  /** POST an application/x-www-form-urlencoded form, following redirects. */
  postForm(
    url: string,
    fields: Record<string, string>,
    options?: RequestOptions,
  ): Promise<BrowserResponse>
  /** Finds the first form in the page and submits its fields to its action, as its script would. */
  submitAutoPostForm(page: BrowserResponse | string, pageUrl?: string): Promise<BrowserResponse>
  /** The cookies in the jar with their attributes. */
  cookies(): BrowserCookie[]
  /** Empties the jar. */
  clearCookies(): void
}

/** Secure context: https, or a loopback host (browsers treat http://localhost as secure). */
const isSecure = (url: URL): boolean =>
  url.protocol === 'https:' || /^(localhost|127(\.\d+){3}|\[::1\])$/.test(url.hostname)

/** Schemeful site; the host stands in for the registrable domain (no public suffix list). */
const siteOf = (url: URL): string => `${url.protocol}//${url.hostname}`

function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(`.${domain}`) && !/^[\d.]+$/.test(host))
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

function defaultPath(url: URL): string {
  const path = url.pathname
  const slash = path.lastIndexOf('/')
  return slash <= 0 ? '/' : path.slice(0, slash)
}

interface RequestContext {
  url: URL
  method: string
  /** Every URL before this one in the navigation, the initiating page first. */
  chain: URL[]
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }
    if (entity[0] !== '#') return named[entity.toLowerCase()] ?? ''
    const code =
      entity[1] === 'x' || entity[1] === 'X'
        ? parseInt(entity.slice(2), 16)
        : Number(entity.slice(1))
    return String.fromCodePoint(code)
  })
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const m of tag.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    found.set((m[1] ?? '').toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''))
  }
  return found
}

/** The first form of an HTML page: its action, method and named input fields. */
export function parseForm(
  html: string,
  pageUrl: string,
): { action: string; method: string; fields: Record<string, string> } {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html)
  if (!form) throw new TypeError('no <form> in the page')
  const attrs = attributes(form[1] ?? '')
  const fields: Record<string, string> = {}
  for (const input of (form[2] ?? '').matchAll(/<input\b[^>]*>/gi)) {
    const a = attributes(input[0])
    const type = (a.get('type') ?? 'text').toLowerCase()
    const name = a.get('name')
    if (name && !['submit', 'button', 'image', 'reset'].includes(type))
      fields[name] = a.get('value') ?? ''
  }
  return {
    action: new URL(attrs.get('action') || pageUrl, pageUrl).href,
    method: (attrs.get('method') ?? 'get').toUpperCase(),
    fields,
  }
}

/** A new browser with an empty jar. */
export function createBrowser(options: BrowserOptions = {}): Browser {
  let jar: BrowserCookie[] = []
  const top = options.embeddedIn ? new URL(options.embeddedIn) : undefined
  const thirdParty = options.thirdPartyCookies ?? 'partitioned-only'

  /** The top-level site of a request: the embedding page, or the page navigated to. */
  const topSite = (url: URL): string => siteOf(top ?? url)
  const isThirdParty = (url: URL): boolean => top !== undefined && siteOf(url) !== siteOf(top)
  const sameSite = (ctx: RequestContext): boolean =>
    ctx.chain.every((u) => siteOf(u) === siteOf(ctx.url)) && !isThirdParty(ctx.url)

  function cookieHeader(ctx: RequestContext): string {
    const now = Date.now()
    jar = jar.filter((c) => !c.expires || c.expires.getTime() > now)
    const thirdPartyRequest = isThirdParty(ctx.url)
    const sent = jar.filter((c) => {
      const host = ctx.url.hostname
      if (c.hostOnly ? host !== c.domain : !domainMatches(host, c.domain)) return false
      if (!pathMatches(ctx.url.pathname, c.path)) return false
      if (c.secure && !isSecure(ctx.url)) return false
      if (c.partitioned && c.partitionKey !== topSite(ctx.url)) return false
      if (
        thirdPartyRequest &&
        (thirdParty === 'block' || (thirdParty === 'partitioned-only' && !c.partitioned))
      ) {
        return false
      }
      if (sameSite(ctx)) return true
      if (c.sameSite === 'None') return true
      // Lax (and no attribute): cross-site top-level GET navigations only.
      return c.sameSite !== 'Strict' && !top && ctx.method === 'GET'
    })
    sent.sort((a, b) => b.path.length - a.path.length)
    return sent.map((c) => `${c.name}=${c.value}`).join('; ')
  }

  function store(setCookie: string, ctx: RequestContext): void {
    if (options.cookies === 'block') return
    const [pair = '', ...parts] = setCookie.split(';')
    const eq = pair.indexOf('=')
    const name = (eq < 0 ? '' : pair.slice(0, eq)).trim()
    const value = (eq < 0 ? pair : pair.slice(eq + 1)).trim()
    const attrs = new Map<string, string>()
    for (const part of parts) {
      const i = part.indexOf('=')
      const key = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase()
      attrs.set(key, i < 0 ? '' : part.slice(i + 1).trim())
    }
    const host = ctx.url.hostname
    const secure = attrs.has('secure')
    if (secure && !isSecure(ctx.url)) return
    const rawSameSite = attrs.get('samesite')?.toLowerCase()
    const sameSiteAttr =
      rawSameSite === 'strict'
        ? 'Strict'
        : rawSameSite === 'lax'
          ? 'Lax'
          : rawSameSite === 'none'
            ? 'None'
            : undefined
    if (sameSiteAttr === 'None' && !secure) return
    const partitioned = attrs.has('partitioned')
    if (partitioned && !secure) return
    let domain = attrs.get('domain')?.replace(/^\./, '').toLowerCase()
    if (domain && !domainMatches(host, domain)) return
    if (domain === host) domain = undefined
    const path = attrs.get('path')?.startsWith('/')
      ? (attrs.get('path') ?? '/')
      : defaultPath(ctx.url)
    if (name.startsWith('__Secure-') && !secure) return
    if (name.startsWith('__Host-') && (!secure || domain || path !== '/')) return
    // Cross-site subresource responses (a third-party frame) may only set SameSite=None cookies.
    const thirdPartyResponse = isThirdParty(ctx.url)
    if (thirdPartyResponse) {
      if (thirdParty === 'block' || (thirdParty === 'partitioned-only' && !partitioned)) return
      if (sameSiteAttr !== 'None') return
    }
    let expires: Date | undefined
    const maxAge = attrs.get('max-age')
    if (maxAge !== undefined && /^-?\d+$/.test(maxAge))
      expires = new Date(Date.now() + Number(maxAge) * 1000)
    else if (attrs.get('expires')) expires = new Date(attrs.get('expires') ?? '')
    const cookie: BrowserCookie = {
      name,
      value,
      domain: domain ?? host,
      hostOnly: domain === undefined,
      path,
      secure,
      httpOnly: attrs.has('httponly'),
      ...(sameSiteAttr ? { sameSite: sameSiteAttr } : {}),
      partitioned,
      ...(partitioned ? { partitionKey: topSite(ctx.url) } : {}),
      ...(expires && !Number.isNaN(expires.getTime()) ? { expires } : {}),
    }
    const same = (c: BrowserCookie): boolean =>
      c.name === cookie.name &&
      c.domain === cookie.domain &&
      c.path === cookie.path &&
      c.partitionKey === cookie.partitionKey
    jar = jar.filter((c) => !same(c))
    if (!cookie.expires || cookie.expires.getTime() > Date.now()) jar.push(cookie)
  }

  async function navigate(
    method: string,
    start: string,
    body: URLSearchParams | undefined,
    request: RequestOptions = {},
  ): Promise<BrowserResponse> {
    const visited: string[] = []
    const chain: URL[] = request.from ? [new URL(request.from)] : []
    let url = new URL(start)
    for (let hop = 0; hop < 20; hop++) {
      visited.push(url.href)
      const ctx: RequestContext = { url, method, chain: [...chain] }
      // A navigation, as browsers send it.
      const headers: Record<string, string> = {
        Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        ...request.headers,
      }
      const cookie = cookieHeader(ctx)
      if (cookie) headers.Cookie = cookie
      const origin = chain.at(-1)
      if (method === 'POST') {
        headers['Content-Type'] = 'application/x-www-form-urlencoded'
        if (origin) headers.Origin = origin.origin
      }
      const response = await fetch(url, { method, headers, body, redirect: 'manual' })
      for (const line of response.headers.getSetCookie()) store(line, ctx)
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        chain.push(url)
        url = new URL(location, url)
        if (response.status !== 307 && response.status !== 308) [method, body] = ['GET', undefined]
        await response.arrayBuffer()
        continue
      }
      return {
        url: url.href,
        status: response.status,
        headers: response.headers,
        text: await response.text(),
        redirects: visited,
      }
    }
    throw new Error(`too many redirects from ${start}`)
  }

  return {
    get: (url, request) => navigate('GET', url, undefined, request),
    postForm: (url, fields, request) => navigate('POST', url, new URLSearchParams(fields), request),
    submitAutoPostForm(page, pageUrl) {
      const html = typeof page === 'string' ? page : page.text
      const from = typeof page === 'string' ? pageUrl : page.url
      if (!from) throw new TypeError('submitAutoPostForm(html) needs the URL of the page')
      const form = parseForm(html, from)
      if (form.method === 'POST')
        return navigate('POST', form.action, new URLSearchParams(form.fields), { from })
      const target = new URL(form.action)
      for (const [key, value] of Object.entries(form.fields)) target.searchParams.set(key, value)
      return navigate('GET', target.href, undefined, { from })
    },
    cookies: () => jar.map((c) => ({ ...c })),
    clearCookies() {
      jar = []
    },
  }
}
