// npm run bench (xAPI part): the receiving endpoint over HTTP, NLS in its own process on a real
// PostgreSQL server (BENCH_DATABASE_URL, default the local server's `test` database), driven from
// this process: batches of 100 realistic statements from 8 clients, then single statements from
// 50 clients. Reports statements/s and p50/p99 per request, the singles against the city-scale
// goal, then the State document resource (PUT and GET from 50 clients, BENCH_DOCUMENTS each),
// and the server process's peak resident memory. BENCH_BATCHES=0 leaves the batches out. Each
// timed run follows BENCH_WARM_UP_SECONDS (default 3) of the same calls, untimed, whose rate is
// reported beside it as the cold one. The server logs as installed, at LOG_LEVEL info
// (BENCH_LOG_LEVEL to change it).
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { availableParallelism } from 'node:os'
import pg from 'pg'
import { pageViewed, quizAttempt } from '../test/support/moodle-statements.ts'
import { runNls, startServerProcess } from '../test/support/server-process.ts'
import { backendsCpuSeconds, processCpuSeconds, processMemoryMiB, withCpu } from './measure.ts'
import { load, warmUp } from './load.ts'
import { stateDocuments } from './state-documents.ts'

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const BATCHES = Number(process.env.BENCH_BATCHES ?? 300)
const SINGLES = Number(process.env.BENCH_SINGLES ?? 5_000)
/** BENCH_TAGGED=0 leaves out the batches sent with activities tagged (ingest alone, e.g. profiled). */
const TAGGED = process.env.BENCH_TAGGED !== '0'

/**
 * The goals: batches of 100 from 8 clients at this rate; single-statement POSTs from 50 clients,
 * each answered after its commit, at this rate and tail latency (the city-scale goal); the
 * server's resident memory under this; the State resource at this rate.
 */
const GOAL = {
  /** Batches of 100 from 8 clients (the LRS issue's goal). */
  batchStatementsPerSecond: 10_000,
  singlesPerSecond: 3_000,
  singlesP99Ms: 50,
  serverPeakRssMiB: 300,
  documentsPerSecond: 2_000,
}
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 5_000)
/** Each timed run follows this long a run of the same calls, untimed (see warmUp). */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 3)

const name = `nls_bench_${randomUUID().slice(0, 8)}`
const admin = new pg.Client({ connectionString: SERVER })
await admin.connect()
// BENCH_DATABASE_OPTIONS, e.g. "template template0 locale_provider icu icu_locale 'en-US'", to
// measure on a database in another locale.
await admin.query(`create database ${name} ${process.env.BENCH_DATABASE_OPTIONS ?? ''}`)
const url = new URL(SERVER)
url.pathname = `/${name}`
const env = {
  DATABASE_URL: url.href,
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  NLS_DB_POOL_MAX: '20',
}

const platform = await runNls(
  [
    'platform',
    'add',
    '--issuer',
    'https://lms.bench.edu.vn',
    '--client-id',
    'bench',
    '--auth-url',
    'https://lms.bench.edu.vn/a',
    '--token-url',
    'https://lms.bench.edu.vn/t',
    '--jwks-url',
    'https://lms.bench.edu.vn/k',
    '--deployment-id',
    '1',
  ],
  env,
)
const tenant = /tenant ([0-9a-f-]{36})/.exec(platform.stdout)![1]!
const client = await runNls(['xapi-client', 'add', '--tenant', tenant, '--name', 'bench'], env)
const key = /key +(\S+)/.exec(client.stdout)![1]!
const secret = /secret +(\S+)/.exec(client.stdout)![1]!
const adminToken = (
  await runNls(['admin', 'token', 'create', '--name', 'bench'], env)
).stdout.trim()
// BENCH_PREFILL=N first fills the table with N statements (by SQL), to see whether ingest slows
// as the table grows.
const PREFILL = Number(process.env.BENCH_PREFILL ?? 0)
if (PREFILL > 0) {
  const fill = new pg.Client({ connectionString: url.href })
  await fill.connect()
  await fill.query(
    `insert into statements (tenant_id, id, actor_key, verb_id, activity_iri, timestamp, stored, source, statement)
     select $1::uuid, gen_random_uuid(), 'account:https://lms.bench.edu.vn|' || (g % 5000),
       'http://id.tincanapi.com/verb/viewed', 'https://lms.bench.edu.vn/mod/page/view.php?id=' || (g % 40),
       now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, 'push',
       jsonb_build_object('actor', jsonb_build_object('account', jsonb_build_object('homePage', 'https://lms.bench.edu.vn', 'name', (g % 5000)::text)),
         'verb', jsonb_build_object('id', 'http://id.tincanapi.com/verb/viewed'),
         'object', jsonb_build_object('id', 'https://lms.bench.edu.vn/mod/page/view.php?id=' || (g % 40)))
     from generate_series(1, $2::int) as g`,
    [tenant, PREFILL],
  )
  await fill.query('analyze statements')
  await fill.end()
}
// The 5,000 Moodle users the statements name are known people (as after their launches), so
// their statements attach to them and, once activities are tagged, queue them for inference.
{
  const known = new pg.Client({ connectionString: url.href })
  await known.connect()
  await known.query(
    `with p as (
       insert into people (tenant_id, name) select $1::uuid, 'user ' || g from generate_series(4, 5003) g
       returning id, name)
     insert into identities (tenant_id, person_id, kind, issuer, value)
     select $1::uuid, p.id, 'account', 'https://lms.thpt-chuvanan.edu.vn', substr(p.name, 6) from p`,
    [tenant],
  )
  await known.end()
}
// BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=prof", to see where the server spends.
const server = await startServerProcess(
  env,
  (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
)
const headers = {
  'content-type': 'application/json',
  'X-Experience-API-Version': '1.0.3',
  authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
}

let userSeq = 0
/** A realistic mix: quiz attempts and page views of many users. */
function statement(): object {
  const user = String(4 + (userSeq++ % 5_000))
  return userSeq % 3 === 0 ? quizAttempt(user, userSeq % 11) : pageViewed(user, 1 + (userSeq % 40))
}

// node:http with kept-alive connections, one per client: fetch costs this process about four
// times the CPU per request, and on a 2-core machine the load generator then starves the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 })

/** Sends a request to the server and resolves with the status once the answer is read. */
function send(
  method: string,
  path: string,
  body?: string | Buffer,
  extra: Record<string, string> = {},
): Promise<number> {
  const target = new URL(path, server.url)
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...extra,
          ...(body !== undefined && { 'content-length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** POSTs a body to /xapi/statements. */
const postStatements = (body: Buffer) => send('POST', '/xapi/statements', body)

/**
 * Bodies differ for the first BODIES × size statements, which name every user, page and quiz;
 * the later requests send them again (without ids, so each is stored anew).
 */
const BODIES = 200

/**
 * The bodies of `requests` POSTs of `size` statements, built and encoded before the clock
 * starts: LMSs send from machines of their own, and building 100 statements a request cost this
 * process, on the server's cores, a twentieth of what the server and the database spent.
 */
function bodiesOf(requests: number, size: number): Buffer[] {
  return Array.from({ length: Math.min(requests, size === 1 ? 5_000 : BODIES) }, () =>
    Buffer.from(JSON.stringify(size === 1 ? statement() : Array.from({ length: size }, statement))),
  )
}

/** POSTs of `size` statements from `clients` for the warm-up's seconds, untimed (see warmUp). */
async function warmUpDrive(clients: number, size: number, bodies: Buffer[]) {
  const warm = await warmUp(
    WARM_UP_SECONDS,
    clients,
    (n) => postStatements(bodies[n % bodies.length]!),
    200,
  )
  return { requests: warm.requests, statementsPerSecond: warm.perSecond * size }
}

async function drive(
  requests: number,
  clients: number,
  size: number,
  bodies = bodiesOf(requests, size),
) {
  const measured = await load(
    requests,
    clients,
    (n) => postStatements(bodies[n % bodies.length]!),
    200,
  )
  return {
    statementsPerSecond: measured.perSecond * size,
    requests,
    clients,
    statementsPerRequest: size,
    latencyMs: measured.latencyMs,
  }
}

const serverRssMiB = (field: 'VmRSS' | 'VmHWM') => processMemoryMiB(server.child.pid, field)
const serverCpuSeconds = () => processCpuSeconds(server.child.pid)
const databaseCpuSeconds = () => backendsCpuSeconds(url.href)

/** People waiting for inference, read from /metrics. */
async function queueDepth(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  return Number(/^nls_inference_queue_depth (\S+)$/m.exec(text)?.[1] ?? NaN)
}

/** The batches again with the quizzes tagged, and how long inference took to catch up. */
async function taggedBatches() {
  // Every batch now also queues its people for inference, and the inference worker works them
  // out in the same process meanwhile.
  const tagged = await fetch(`${server.url}/api/tags?tenantId=${tenant}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      activityPrefix: 'https://lms.thpt-chuvanan.edu.vn/mod/quiz/',
      competencyIds: ['TT18.PT.1.1.CB', 'TT18.PT.2.1.CB.1'],
      rule: { minScore: 0.5 },
    }),
  })
  if (tagged.status !== 201) throw new Error(`tagging answered ${tagged.status}`)
  const started = performance.now()
  while ((await queueDepth()) > 0) await new Promise((r) => setTimeout(r, 200))
  const taggingSeconds = (performance.now() - started) / 1000
  const withInference = await drive(BATCHES, 8, 100)
  const drainStarted = performance.now()
  while ((await queueDepth()) > 0) await new Promise((r) => setTimeout(r, 200))
  const drainSeconds = (performance.now() - drainStarted) / 1000
  return {
    ...withInference,
    secondsToWorkOutEveryoneAfterTagging: Number(taggingSeconds.toFixed(1)),
    secondsInferenceLaggedAfterTheRun: Number(drainSeconds.toFixed(1)),
  }
}

const rssAtStart = await serverRssMiB('VmRSS')
try {
  // CPU per request: what a busy, shared machine changes least. The load generator shares the
  // machine's cores with the server and PostgreSQL; what the two would take alone is the
  // machine's cores over their CPU per request.
  const cpuNow = async () => [await serverCpuSeconds(), await databaseCpuSeconds()] as const
  const batchBodies = bodiesOf(BATCHES, 100)
  const batchWarmUp = BATCHES > 0 ? await warmUpDrive(8, 100, batchBodies) : undefined
  const batchRun =
    BATCHES > 0
      ? await withCpu(cpuNow, BATCHES, 100, () => drive(BATCHES, 8, 100, batchBodies))
      : undefined
  const batches = batchRun && {
    ...batchRun,
    warmUp: batchWarmUp,
    goal: { statementsPerSecond: GOAL.batchStatementsPerSecond },
    met: batchRun.statementsPerSecond >= GOAL.batchStatementsPerSecond,
  }
  const singleBodies = bodiesOf(SINGLES, 1)
  const singlesWarmUp = await warmUpDrive(50, 1, singleBodies)
  const singles = await withCpu(cpuNow, SINGLES, 1, () => drive(SINGLES, 50, 1, singleBodies))
  const stateDocumentsRun =
    DOCUMENTS > 0
      ? await stateDocuments(DOCUMENTS, {
          send,
          cpuNow,
          warmUpSeconds: WARM_UP_SECONDS,
          goalPerSecond: GOAL.documentsPerSecond,
        })
      : undefined
  const tagged = BATCHES > 0 && TAGGED ? await taggedBatches() : undefined
  const counter = new pg.Client({ connectionString: url.href })
  await counter.connect()
  const { rows } = await counter.query<{ n: number }>('select count(*)::int as n from statements')
  await counter.end()
  console.log(
    JSON.stringify(
      {
        benchmark: 'xapi-statements',
        database: 'postgres',
        singles: {
          ...singles,
          cores: availableParallelism(),
          warmUp: singlesWarmUp,
          goal: { statementsPerSecond: GOAL.singlesPerSecond, p99Ms: GOAL.singlesP99Ms },
          met:
            singles.statementsPerSecond >= GOAL.singlesPerSecond &&
            Number(singles.latencyMs.p99) <= GOAL.singlesP99Ms,
        },
        batches,
        stateDocuments: stateDocumentsRun,
        taggedBatches: tagged,
        serverRssMiB: {
          atStart: rssAtStart,
          peak: await serverRssMiB('VmHWM'),
          goalPeak: GOAL.serverPeakRssMiB,
        },
        storedTotal: rows[0]?.n,
      },
      null,
      2,
    ),
  )
} finally {
  agent.destroy()
  await server.stop()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.end()
}
