import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { bodyText, boundedFetch } from './bounded-fetch.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A real HTTP server on 127.0.0.1 whose routes a test sets; it records each request path. */
async function startServer(host = '127.0.0.1') {
  const routes = new Map<string, Handler>()
  const seen: string[] = []
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    const route = routes.get(req.url ?? '')
    if (route) route(req, res)
    else res.writeHead(404).end('not here')
  })
  server.listen(0, host)
  await once(server, 'listening')
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`
  return {
    origin,
    seen,
    route: (path: string, handler: Handler) => routes.set(path, handler),
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

let a: Awaited<ReturnType<typeof startServer>>
let b: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  a = await startServer()
  b = await startServer('127.0.0.3')
})
afterAll(async () => {
  await a.close()
  await b.close()
})

describe('boundedFetch', () => {
  it('reads a whole answer, of any status, with what it sent', async () => {
    a.route('/echo', (req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        res.writeHead(201, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }))
      })
    })
    const res = await boundedFetch(`${a.origin}/echo`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t' },
      body: 'hello',
    })
    expect({ status: res.status, ok: res.ok, url: res.url }).toEqual({
      status: 201,
      ok: true,
      url: `${a.origin}/echo`,
    })
    expect(JSON.parse(bodyText(res))).toEqual({ method: 'POST', auth: 'Bearer t', body: 'hello' })

    a.route('/teapot', (_req, res) => res.writeHead(418).end('short and stout'))
    const teapot = await boundedFetch(`${a.origin}/teapot`)
    expect({ status: teapot.status, ok: teapot.ok, text: bodyText(teapot) }).toEqual({
      status: 418,
      ok: false,
      text: 'short and stout',
    })
  })

  it('refuses URLs that are not http or https before any request', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'gopher://127.0.0.1:70/']) {
      await expect(boundedFetch(url)).rejects.toMatchObject({
        code: 'ERR_LTI_FETCH_REFUSED',
        problem: 'scheme',
        message: expect.stringMatching(/: only http and https URLs are fetched \(got \w+\)$/),
      })
    }
    await expect(boundedFetch('not a url')).rejects.toMatchObject({
      code: 'ERR_LTI_FETCH_REFUSED',
      problem: 'scheme',
      message: '"not a url" is not a URL',
    })
  })

  it('follows a few same-origin redirects, a 303 as a GET', async () => {
    a.route('/start', (_req, res) => res.writeHead(303, { Location: '/middle' }).end())
    a.route('/middle', (_req, res) => res.writeHead(307, { Location: `${a.origin}/end` }).end())
    a.route('/end', (req, res) => res.end(`${req.method} end`))
    const res = await boundedFetch(`${a.origin}/start`, { method: 'POST', body: 'x' })
    expect({ url: res.url, text: bodyText(res) }).toEqual({
      url: `${a.origin}/end`,
      text: 'GET end',
    })
  })

  it('refuses a redirect to another origin without requesting it', async () => {
    b.route('/inside', (_req, res) => res.end('secret'))
    a.route('/away', (_req, res) => res.writeHead(302, { Location: `${b.origin}/inside` }).end())
    const before = b.seen.length
    await expect(boundedFetch(`${a.origin}/away`)).rejects.toMatchObject({
      code: 'ERR_LTI_FETCH_REFUSED',
      problem: 'redirect',
      message: `${a.origin}/away redirects to another origin (${b.origin}); NLS follows redirects only within one origin`,
    })
    expect(b.seen.length).toBe(before)
    a.route('/scheme', (_req, res) => res.writeHead(302, { Location: 'file:///etc/passwd' }).end())
    await expect(boundedFetch(`${a.origin}/scheme`)).rejects.toMatchObject({ problem: 'scheme' })
  })

  it('refuses an endless chain of redirects', async () => {
    a.route('/loop', (_req, res) => res.writeHead(302, { Location: '/loop' }).end())
    await expect(boundedFetch(`${a.origin}/loop`, {}, { maxRedirects: 2 })).rejects.toMatchObject({
      code: 'ERR_LTI_FETCH_REFUSED',
      problem: 'redirect',
      message: `${a.origin}/loop redirects more than 2 times`,
    })
    expect(a.seen.filter((s) => s === 'GET /loop')).toHaveLength(3)
  })

  it('refuses a body over the cap, declared or streamed', async () => {
    a.route('/declared', (_req, res) => {
      res.writeHead(200, { 'Content-Length': '2000' })
      res.end('x'.repeat(2000))
    })
    a.route('/chunked', (_req, res) => {
      res.writeHead(200)
      // No Content-Length: the cap is counted while reading.
      for (let i = 0; i < 20; i++) res.write('y'.repeat(100))
      res.end()
    })
    for (const path of ['/declared', '/chunked']) {
      await expect(
        boundedFetch(`${a.origin}${path}`, {}, { maxBytes: 1000 }),
      ).rejects.toMatchObject({
        code: 'ERR_LTI_FETCH_REFUSED',
        problem: 'too-large',
        message: `${a.origin}${path} answered more than 1000 bytes`,
      })
    }
    const fits = await boundedFetch(`${a.origin}/chunked`, {}, { maxBytes: 2000 })
    expect(fits.body.byteLength).toBe(2000)
  })

  it('gives up on a server that does not answer, or stops half way', async () => {
    const held: ServerResponse[] = []
    a.route('/silent', (_req, res) => void held.push(res))
    a.route('/stalls', (_req, res) => {
      res.writeHead(200)
      res.write('partial')
      held.push(res)
    })
    for (const path of ['/silent', '/stalls']) {
      await expect(
        boundedFetch(`${a.origin}${path}`, {}, { timeoutMs: 300 }),
      ).rejects.toMatchObject({
        code: 'ERR_LTI_FETCH_REFUSED',
        problem: 'timeout',
        message: `${a.origin}${path} did not answer within 0.3 s`,
      })
    }
    for (const res of held) res.destroy()
  })

  it('names an unreachable server', async () => {
    const gone = await startServer()
    await gone.close()
    await expect(boundedFetch(`${gone.origin}/`)).rejects.toMatchObject({
      code: 'ERR_LTI_FETCH_REFUSED',
      problem: 'unreachable',
      message: `cannot reach ${gone.origin}/`,
    })
  })
})
