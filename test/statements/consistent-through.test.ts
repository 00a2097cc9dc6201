// Issue 16, item 12: X-Experience-API-Consistent-Through is true. A statement stamped `stored`
// but not yet committed holds it back, so a client paging with `since` misses nothing.
import type { RunningServer } from '../../src/server/start-server.ts'
import type { StatementStore } from '../../src/store/index.ts'
import { pageViewed } from '../support/moodle-statements.ts'
import { startXapiTenant } from '../support/nls-server.ts'

let nls: RunningServer
let auth: string
beforeAll(async () => {
  ;({ nls, basic: auth } = await startXapiTenant('THPT A'))
})
afterAll(() => nls.close())

const V = { 'X-Experience-API-Version': '1.0.3' }

function post(body: unknown): Promise<Response> {
  return fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...V, authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

async function read(query: string): Promise<{ through: Date; statements: StoredJson[] }> {
  const res = await fetch(`${nls.url}/xapi/statements?${query}`, {
    headers: { ...V, authorization: auth },
  })
  expect(res.status).toBe(200)
  const through = new Date(res.headers.get('x-experience-api-consistent-through')!)
  expect(Number.isNaN(through.getTime())).toBe(false)
  return { through, statements: ((await res.json()) as { statements: StoredJson[] }).statements }
}

interface StoredJson {
  readonly id: string
  readonly stored: string
}

/**
 * Holds the next single-statement insert of `id` before it reaches the database: `reached`
 * resolves once it is held (its `stored` already stamped), `release` lets it go on.
 */
function holdInsert(statements: StatementStore, id: string) {
  const mutable = statements as { -readonly [K in keyof StatementStore]: StatementStore[K] }
  const original = statements.insertNewStatements
  let reach!: () => void
  let release!: () => void
  const reached = new Promise<void>((resolve) => (reach = resolve))
  const released = new Promise<void>((resolve) => (release = resolve))
  mutable.insertNewStatements = async (tenantId, input) => {
    if (input.some((s) => s.id === id)) {
      mutable.insertNewStatements = original
      reach()
      await released
    }
    return original(tenantId, input)
  }
  return { reached, release }
}

describe('X-Experience-API-Consistent-Through', () => {
  it('stays before a statement stamped but not committed; paging with since finds it', async () => {
    const held = { ...pageViewed('4'), id: crypto.randomUUID() }
    const hold = holdInsert(nls.stores.statements, held.id)
    const first = post(held)
    await hold.reached
    // Stamped after the held one, committed before it.
    const later = await post(pageViewed('5'))
    expect(later.status).toBe(200)
    const [laterId] = (await later.json()) as string[]

    const before = await read('ascending=true')
    expect(before.statements.map((s) => s.id)).toContain(laterId)
    expect(before.statements.map((s) => s.id)).not.toContain(held.id)

    hold.release()
    expect((await first).status).toBe(200)
    // The held statement was stamped before the later one, yet after the header's instant.
    expect(new Date(await storedOf(held.id)).getTime()).toBeGreaterThan(before.through.getTime())
    const after = await read(`ascending=true&since=${before.through.toISOString()}`)
    expect(after.statements.map((s) => s.id)).toContain(held.id)
    // Every statement stored up to the header's instant was in the first read.
    const all = await read('ascending=true')
    const seen = new Set(before.statements.map((s) => s.id))
    for (const s of all.statements) {
      if (new Date(s.stored) <= before.through) expect(seen).toContain(s.id)
    }
  })
})

async function storedOf(id: string): Promise<string> {
  const res = await fetch(`${nls.url}/xapi/statements?statementId=${id}`, {
    headers: { ...V, authorization: auth },
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as StoredJson).stored
}
