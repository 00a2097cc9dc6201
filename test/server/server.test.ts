// The real service as `npm start` runs it: a child process on a random port, on the test
// database (PGlite in a fresh data directory, or a fresh database on TEST_DATABASE_URL's server).
import { connect } from 'node:net'
import { jest } from '@jest/globals'
import { createTestPlace, testBackend } from '../support/test-database.ts'
import { runNls, type ServerProcess, startServerProcess } from '../support/server-process.ts'

jest.setTimeout(60_000)

let place: Awaited<ReturnType<typeof createTestPlace>>
let adminSecret: string
beforeAll(async () => {
  place = await createTestPlace()
  const created = await runNls(['admin', 'token', 'create', '--name', 'it-so'], place.env)
  expect(created).toMatchObject({ code: 0 })
  adminSecret = created.stdout.trim()
})
afterAll(() => place.remove())

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` })

describe('nls serve', () => {
  let server: ServerProcess
  afterEach(async () => {
    if (server?.child.exitCode === null) await server.stop('SIGKILL')
  })

  it('starts, says where and on which database, and is alive and ready', async () => {
    server = await startServerProcess(place.env)
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.stderr()).toContain(
      testBackend === 'pglite'
        ? `database: PGlite (embedded PostgreSQL) in ${place.env.NLS_DATA_DIR}`
        : 'database: PostgreSQL server postgres://',
    )

    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })

    const ready = await fetch(`${server.url}/readyz`, { headers: { 'x-request-id': 'lb-probe-1' } })
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' })
    expect(ready.headers.get('x-request-id')).toBe('lb-probe-1')
    expect(await server.stop()).toBe(0)
  })

  it('logs each request as JSON with its request ID, without credentials', async () => {
    server = await startServerProcess(place.env)
    const res = await fetch(`${server.url}/api/admin/tokens`, { headers: bearer(adminSecret) })
    expect(res.status).toBe(200)
    const requestId = res.headers.get('x-request-id')
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    await server.stop()
    const line = server.logs().find((l) => (l.req as { id?: string } | undefined)?.id === requestId)
    expect(line).toMatchObject({
      msg: 'request completed',
      service: 'nls',
      req: { method: 'GET', url: '/api/admin/tokens', headers: { authorization: '[redacted]' } },
      res: { statusCode: 200 },
    })
    expect(server.stdout()).not.toContain(adminSecret)
  })

  it('exposes Prometheus metrics: requests and latencies, DB pool, statements, outbox', async () => {
    server = await startServerProcess(place.env)
    await fetch(`${server.url}/healthz`)
    await fetch(`${server.url}/healthz`)
    await fetch(`${server.url}/api/admin/tokens`)
    const res = await fetch(`${server.url}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(text).toContain('nls_http_requests_total{method="GET",route="/healthz",status="200"} 2')
    expect(text).toContain(
      'nls_http_requests_total{method="GET",route="/api/admin/*",status="401"} 1',
    )
    expect(text).toMatch(
      /nls_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 2/,
    )
    expect(text).toContain(`nls_db_info{kind="${testBackend}"} 1`)
    expect(text).toMatch(/nls_db_pool_connections\{state="total"\} [1-9]/)
    expect(text).toContain('nls_statements_ingested_total{source="push"} 0')
    expect(text).toContain('nls_outbox_depth 0')
    expect(text).toContain('nls_process_resident_memory_bytes')
  })

  it('graceful shutdown: no new connections, the request in flight is answered, exit 0', async () => {
    server = await startServerProcess(place.env)
    const { port } = new URL(server.url)
    const body = JSON.stringify({ name: 'made-during-shutdown' })
    // A request whose body is still arriving when SIGTERM comes.
    const socket = connect(Number(port), '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    let response = ''
    socket.setEncoding('utf8').on('data', (d: string) => (response += d))
    socket.write(
      `POST /api/admin/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminSecret}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body.slice(0, 5),
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    server.child.kill('SIGTERM')
    await waitFor(() => server.logs().some((l) => l.msg === 'shutting down'))
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()

    socket.write(body.slice(5))
    const started = Date.now()
    expect(await server.exited).toBe(0)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(response).toMatch(/^HTTP\/1\.1 201 Created/)
    expect(response).toContain('"name":"made-during-shutdown"')
    expect(server.logs().at(-1)).toMatchObject({ msg: 'stopped' })
  })

  it('keeps its data across a restart', async () => {
    server = await startServerProcess(place.env)
    const res = await fetch(`${server.url}/api/admin/tokens`, { headers: bearer(adminSecret) })
    const { tokens } = (await res.json()) as { tokens: { name: string }[] }
    expect(tokens.map((t) => t.name).sort()).toEqual(['it-so', 'made-during-shutdown'])
    await server.stop()
  })

  it('SIGINT (Ctrl-C) stops it the same way', async () => {
    server = await startServerProcess(place.env)
    const code = await server.stop('SIGINT')
    // The whole output in the comparison, so a failure shows why.
    expect({ code, last: server.logs().at(-1), stderr: server.stderr() }).toMatchObject({
      code: 0,
      last: { msg: 'stopped' },
    })
  })
})

describe('bad configuration fails fast, one line naming the variable', () => {
  it.each([
    [
      { PORT: 'abc' },
      'nls: cấu hình không hợp lệ / PORT must be a port number from 0 to 65535 (got "abc")\n',
    ],
    [
      { DATABASE_URL: 'mysql://root@localhost/nls' },
      'nls: cấu hình không hợp lệ / DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/nls (got "mysql://root@localhost/nls")\n',
    ],
    [
      { LOG_LEVEL: 'verbose' },
      'nls: cấu hình không hợp lệ / LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")\n',
    ],
  ])('%j', async (env, line) => {
    const result = await runNls(['serve'], { ...place.env, ...env })
    expect(result).toEqual({ code: 1, stdout: '', stderr: line })
  })

  it('an unreachable database server', async () => {
    const result = await runNls(['serve'], { DATABASE_URL: 'postgres://nls:pw@127.0.0.1:1/nls' })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'nls: không mở được cơ sở dữ liệu / cannot reach PostgreSQL at postgres://nls:***@127.0.0.1:1/nls: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1\n',
    )
  })
})

async function waitFor(condition: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
