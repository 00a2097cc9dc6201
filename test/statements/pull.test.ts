// Pulling a tenant's upstream LRS: a real LRS in its own process, NLS on the real database.
import { jest } from '@jest/globals'
import type { RunningServer } from '../../src/server/start-server.ts'
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
      { endpoint: lrs.endpoint, username: 'nls', password: 'test', pull: true },
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
