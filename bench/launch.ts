// npm run bench: LTI launches per second through NLS's launch handler (verify the id_token against
// the platform's cached keys, consume state and nonce, record person/course/link, sign the session),
// over real HTTP on the embedded database (or BENCH_DATABASE_URL's PostgreSQL server).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config/config.ts'
import { createLogger } from '../src/server/logger.ts'
import { startServer } from '../src/server/start-server.ts'
import { startFakePlatform } from '../test/support/fake-lti-platform.ts'
import { registerPlatform } from '../test/support/nls-server.ts'

const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 2_000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const STUDENTS = 200

const dataDir = await mkdtemp(join(tmpdir(), 'nls-bench-'))
const env = process.env.BENCH_DATABASE_URL
  ? { DATABASE_URL: process.env.BENCH_DATABASE_URL }
  : { NLS_DATA_DIR: dataDir }
const nls = await startServer(
  loadConfig({ PORT: '0', HOST: '127.0.0.2', LOG_LEVEL: 'silent', ...env }),
  createLogger('silent'),
)
const platform = await startFakePlatform()
platform.setRoster('2', { students: STUDENTS })
await registerPlatform(nls, platform)

/** A launch ready to post: login done (state and its cookie), id_token signed for its nonce. */
async function prepare(i: number): Promise<{ body: string; cookie: string }> {
  const login = new URL(`${nls.url}/lti/login`)
  login.searchParams.set('iss', platform.issuer)
  login.searchParams.set('login_hint', String(4 + (i % STUDENTS)))
  login.searchParams.set('target_link_uri', `${nls.url}/lti/launch`)
  const res = await fetch(login, { redirect: 'manual' })
  const auth = new URL(res.headers.get('location')!)
  const state = auth.searchParams.get('state')!
  const nonce = auth.searchParams.get('nonce')!
  const claims = platform.launchClaims({
    role: 'Learner',
    userId: String(4 + (i % STUDENTS)),
    nonce,
    resourceLinkId: String(1 + (i % 20)),
  })
  const idToken = await platform.signIdToken(claims)
  return {
    body: new URLSearchParams({ id_token: idToken, state }).toString(),
    cookie: `nls_state_${state}=1`,
  }
}

async function launch(prepared: { body: string; cookie: string }): Promise<number> {
  const started = performance.now()
  const res = await fetch(`${nls.url}/lti/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: prepared.cookie },
    body: prepared.body,
    // The launch itself: it answers with the way to the role's page (measured in pages.ts).
    redirect: 'manual',
  })
  await res.text()
  if (res.status !== 303) throw new Error(`launch answered ${res.status}`)
  return performance.now() - started
}

async function run(items: { body: string; cookie: string }[]): Promise<number[]> {
  const latencies: number[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) latencies.push(await launch(items[next++]!))
    }),
  )
  return latencies
}

try {
  // Warm-up: the platform's key set is fetched and cached, people and links exist.
  await run(await Promise.all(Array.from({ length: 50 }, (_, i) => prepare(i))))
  const prepared = []
  for (let i = 0; i < LAUNCHES; i += 100) {
    prepared.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(100, LAUNCHES - i) }, (_, j) => prepare(i + j)),
      )),
    )
  }
  const started = performance.now()
  const latencies = (await run(prepared)).sort((a, b) => a - b)
  const seconds = (performance.now() - started) / 1000
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1)
  console.log(
    JSON.stringify(
      {
        benchmark: 'lti-launch',
        database: nls.database.kind,
        launches: LAUNCHES,
        concurrency: CONCURRENCY,
        launchesPerSecond: Math.round(LAUNCHES / seconds),
        latencyMs: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99) },
        rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      },
      null,
      2,
    ),
  )
} finally {
  await platform.close()
  await nls.close()
  await rm(dataDir, { recursive: true, force: true })
}
