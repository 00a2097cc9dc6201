// Issue 16, item 10: a pass longer than the outbox lease (a slow LRS) keeps its messages: the
// lease is renewed while the pass works, so a second worker over the same database never takes
// and sends them again. Two workers, each with its own stores, and an LRS that answers each
// request only after more than a lease: every statement arrives exactly once; on both backends.
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { jest } from '@jest/globals'
import { createLogger } from '../../src/server/logger.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import {
  DEFAULT_OUTBOX_OPTIONS,
  type OutboxWorker,
  startOutboxWorker,
} from '../../src/workers/outbox-worker.ts'
import { openTestDatabase } from '../support/test-database.ts'

jest.setTimeout(180_000)

const LEASE_MS = 1_000
/** Each answer comes this long after its request: past the lease, twice over. */
const ANSWER_AFTER_MS = 2_500

let database: Database
let lrs: Server
let endpoint: string
/** Statement ids as the LRS received them, one entry per receipt. */
const received: string[] = []
let requested!: () => void
const firstRequest = new Promise<void>((resolve) => (requested = resolve))

beforeAll(async () => {
  database = await openTestDatabase()
  lrs = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const statements = JSON.parse(body) as { id: string }[]
      received.push(...statements.map((s) => s.id))
      requested()
      // A slow LRS: the answer, not the receipt, waits.
      setTimeout(() => {
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify(statements.map((s) => s.id)))
      }, ANSWER_AFTER_MS)
    })
  })
  await new Promise<void>((resolve) => lrs.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(lrs.address() as AddressInfo).port}/xapi/`
}, 60_000)
afterAll(async () => {
  lrs.closeAllConnections()
  await new Promise((resolve) => lrs.close(resolve))
  await database.close()
})

/** A tenant whose progress statements go to the slow LRS, with `count` of them waiting. */
async function tenantWithStatements(stores: Stores, count: number): Promise<string[]> {
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: randomUUID() })).id
  await stores.lrsSources.setSource(
    tenantId,
    { endpoint, username: 'nls', password: 'secret', pull: false, forward: false },
    'test',
  )
  const ids = Array.from({ length: count }, () => randomUUID())
  await stores.outbox.enqueueMany(
    tenantId,
    ids.map((id) => ({
      kind: 'xapi-statement' as const,
      dedupeKey: id,
      payload: { destination: 'progress', statement: { id } },
    })),
  )
  return ids
}

async function until(what: string, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 120_000
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

it('delivers each message exactly once when a pass outlasts the lease and another worker polls', async () => {
  const options = { ...DEFAULT_OUTBOX_OPTIONS, tickMs: 50, batch: 500, leaseMs: LEASE_MS }
  const worker = (stores: Stores): OutboxWorker =>
    startOutboxWorker({ stores, now: () => new Date(), logger: createLogger('silent') }, options)
  const first = createStores(database.db)
  const second = createStores(database.db)
  // Two tenants: the first worker's pass claims both and posts one after the other, each
  // answered after more than a lease, so the pass lasts five leases.
  const sent = [
    ...(await tenantWithStatements(first, 3)),
    ...(await tenantWithStatements(first, 3)),
  ]
  const a = worker(first)
  await firstRequest
  // The second worker starts polling while the first waits for its answers, and takes what
  // comes later (the first is busy).
  const b = worker(second)
  try {
    sent.push(...(await tenantWithStatements(second, 2)))
    await until('every message delivered', async () => (await first.outbox.depth()) === 0)
  } finally {
    await Promise.all([a.stop(), b.stop()])
  }
  expect([...received].sort()).toEqual([...sent].sort())
})
