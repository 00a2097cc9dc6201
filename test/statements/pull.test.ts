// Pulling a tenant's upstream LRS: a real LRS in its own process, NLS on the real database.
import { jest } from '@jest/globals'
import type { RunningServer } from '../../src/server/start-server.ts'
import { levelChangeStatement } from '../../statements/progress/progress-statement.ts'
import { pageViewed, quizAttempt } from '../support/moodle-statements.ts'
import { startNls } from '../support/nls-server.ts'
import { type RealLrs, startRealLrs } from '../support/real-lrs.ts'

jest.setTimeout(120_000)

let nls: RunningServer
let lrs: RealLrs
let tenantId: string
beforeAll(async () => {
  ;[nls, lrs] = await Promise.all([startNls(), startRealLrs()])
  tenantId = (await nls.stores.tenants.createTenant({ kind: 'organisation', name: 'Sở GD&ĐT' })).id
})
afterAll(async () => {
  await lrs.stop()
  await nls.close()
})

async function sendToLrs(count: number, first = 0): Promise<void> {
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, (_, i) =>
      (first + start + i) % 2
        ? quizAttempt(String(first + start + i), 7)
        : pageViewed(String(first + start + i)),
    )
    const res = await fetch(`${lrs.endpoint}statements`, {
      method: 'POST',
      headers: {
        authorization: lrs.auth,
        'X-Experience-API-Version': '1.0.3',
        'content-type': 'application/json',
      },
      body: JSON.stringify(batch),
    })
    expect(res.status).toBe(200)
  }
}

const runPull = async () => {
  const source = await nls.stores.lrsSources.getSource(tenantId)
  await nls.stores.lrsSources.recordRun(tenantId, { at: new Date(), nextPullAt: new Date(0) })
  await nls.puller.runOnce()
  return { before: source, after: (await nls.stores.lrsSources.getSource(tenantId))! }
}

describe('pulling an upstream LRS', () => {
  it('pulls every page, resumes after its cursor without duplicates, and reports lag', async () => {
    await sendToLrs(250)
    await nls.stores.lrsSources.setSource(
      tenantId,
      { endpoint: lrs.endpoint, username: 'nls', password: 'test', pull: true, forward: false },
      'test',
    )
    const { after } = await runPull()
    expect(after.lastError).toBeUndefined()
    expect(after.cursor).toBeInstanceOf(Date)
    expect(await nls.stores.statements.countStatements(tenantId)).toBe(250)

    // A restart starts from the stored cursor: nothing is stored twice, new statements arrive.
    await sendToLrs(30, 250)
    await runPull()
    expect(await nls.stores.statements.countStatements(tenantId)).toBe(280)
    await runPull()
    expect(await nls.stores.statements.countStatements(tenantId)).toBe(280)

    const metrics = await (await fetch(`${nls.url}/metrics`)).text()
    expect(metrics).toMatch(new RegExp(`nls_source_lag_seconds\\{tenant="${tenantId}"\\} \\d`))
    expect(metrics).toContain(`nls_source_failures{tenant="${tenantId}"} 0`)
    expect(metrics).toMatch(/nls_statements_ingested_total\{source="pull"\} 280/)
  })

  it('does not keep again the progress statements NLS itself wrote to that LRS', async () => {
    const before = await nls.stores.statements.countStatements(tenantId)
    const ours = levelChangeStatement({
      profileIri: 'https://nls.so-gd.edu.vn/xapi/profile',
      actor: { account: { homePage: 'https://lms.thpt-chuvanan.edu.vn', name: '4' } },
      personId: '0b5cbd0e-3c1f-4d51-9a51-2a8f0e6a7c11',
      component: {
        id: 'TT18.PT.1.1',
        iri: 'urn:nls:TT18.PT.1.1',
        name: { vi: 'Duyệt, tìm kiếm và lọc dữ liệu' },
        frameworkId: 'TT18',
        frameworkVersion: '2026-03-27',
      },
      level: { code: 'CB' },
      topLevel: false,
      evidenceCount: 1,
      sequence: 1,
      timestamp: new Date(),
    })
    const res = await fetch(`${lrs.endpoint}statements`, {
      method: 'POST',
      headers: {
        authorization: lrs.auth,
        'X-Experience-API-Version': '1.0.3',
        'content-type': 'application/json',
      },
      body: JSON.stringify([ours, quizAttempt('77', 9)]),
    })
    expect(res.status).toBe(200)
    await runPull()
    expect(await nls.stores.statements.countStatements(tenantId)).toBe(before + 1)
    expect(await nls.stores.statements.getStatements(tenantId, [ours.id])).toEqual([])
  })

  it('the LRS going away is an error with backoff; when it is back, pulling goes on', async () => {
    const port = lrs.port
    await lrs.stop()
    const { after } = await runPull()
    expect(after.failures).toBe(1)
    expect(after.lastError).toBeDefined()
    expect(after.nextPullAt.getTime()).toBeGreaterThan(Date.now() + 5_000)
    const before = await nls.stores.statements.countStatements(tenantId)

    // Back, empty (its store is memory): new statements are pulled, the cursor was kept.
    lrs = await startRealLrs(port)
    await sendToLrs(10, 1000)
    const back = await runPull()
    expect(back.after.failures).toBe(0)
    expect(back.after.lastError).toBeUndefined()
    expect(await nls.stores.statements.countStatements(tenantId)).toBe(before + 10)
  })
})

describe('forwarding to the upstream LRS', () => {
  async function xapiClientAuth(tenant: string): Promise<string> {
    const { client, secret } = await nls.stores.xapiClients.createClient(
      tenant,
      `fw-${Date.now()}`,
      'test',
    )
    return `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  }

  async function lrsHas(id: string): Promise<boolean> {
    const res = await fetch(`${lrs.endpoint}statements?statementId=${id}`, {
      headers: { authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3' },
    })
    return res.status === 200
  }

  it('received statements reach the upstream LRS unchanged, also after it was away', async () => {
    const tenant = (
      await nls.stores.tenants.createTenant({ kind: 'organisation', name: 'Trường B' })
    ).id
    await nls.stores.lrsSources.setSource(
      tenant,
      { endpoint: lrs.endpoint, username: 'nls', password: 'test', pull: false, forward: true },
      'test',
    )
    const auth = await xapiClientAuth(tenant)
    const post = async (body: unknown) => {
      const res = await fetch(`${nls.url}/xapi/statements`, {
        method: 'POST',
        headers: {
          authorization: auth,
          'X-Experience-API-Version': '1.0.3',
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      })
      expect(res.status).toBe(200)
      return (await res.json()) as string[]
    }
    const first = await post([quizAttempt('31', 8), pageViewed('31')])
    expect(await nls.stores.outbox.depth()).toBeGreaterThanOrEqual(2)
    await nls.outbox.runOnce()
    for (const id of first) expect(await lrsHas(id)).toBe(true)
    const forwarded = await fetch(`${lrs.endpoint}statements?statementId=${first[0]}`, {
      headers: { authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3' },
    })
    expect(await forwarded.json()).toMatchObject({ id: first[0], result: { score: { raw: 8 } } })

    // The LRS goes away: the statements wait in the outbox, with the error, and arrive later.
    const port = lrs.port
    await lrs.stop()
    const second = await post([pageViewed('32')])
    await nls.outbox.runOnce()
    expect(await nls.stores.outbox.depth()).toBe(1)
    lrs = await startRealLrs(port)
    // Due again after its backoff: make it due now, as time would.
    const [waiting] = await nls.stores.outbox.claimDue(new Date(Date.now() + 3_600_000), 10)
    expect(waiting?.lastError).toMatch(/cannot reach/)
    await nls.stores.outbox.markFailed(waiting!, waiting!.lastError!, new Date(0))
    await nls.outbox.runOnce()
    expect(await lrsHas(second[0]!)).toBe(true)
    expect(await nls.stores.outbox.depth()).toBe(0)
  })
})
