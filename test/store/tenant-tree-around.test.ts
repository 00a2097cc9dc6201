import type { Database } from '../../src/store/database.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import type { Tenant, TenantStore } from '../../src/store/tenant-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let tenants: TenantStore
const ids: Record<string, string> = {}
beforeAll(async () => {
  database = await openTestDatabase()
  tenants = postgresTenantStore(database.db)
  // A Sở over two districts (one with two schools, one with an LMS of its own), and another
  // city's branch that no report of this one may read.
  const add = async (key: string, name: string, parent?: string, kind = 'organisation') => {
    const made = await tenants.createTenant({
      kind: kind as Tenant['kind'],
      name,
      ...(parent !== undefined && { parentId: ids[parent]! }),
    })
    ids[key] = made.id
  }
  await add('so', 'Sở GD&ĐT Hà Nội')
  await add('q1', 'Phòng GD&ĐT Ba Đình', 'so')
  await add('a', 'TH Kim Đồng', 'q1')
  await add('lmsA', 'Moodle TH Kim Đồng', 'a', 'platform')
  await add('b', 'THCS Thăng Long', 'q1')
  await add('q2', 'Phòng GD&ĐT Cầu Giấy', 'so')
  await add('c', 'TH Dịch Vọng', 'q2')
  await add('other', 'Sở GD&ĐT Huế')
  await add('d', 'TH Lê Lợi', 'other')
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

const keysOf = (found: readonly Tenant[]) => {
  const byId = new Map(Object.entries(ids).map(([key, id]) => [id, key]))
  return found.map((t) => byId.get(t.id))
}

describe('tenant store: the tree around a tenant', () => {
  it('reads the subtree and the tenants above, oldest first, and no other branch', async () => {
    expect(keysOf(await tenants.treeAround(ids.q1!))).toEqual(['so', 'q1', 'a', 'lmsA', 'b'])
  })

  it('reads a school with its own LMS and its path to the top, not its neighbours', async () => {
    expect(keysOf(await tenants.treeAround(ids.a!))).toEqual(['so', 'q1', 'a', 'lmsA'])
    expect(keysOf(await tenants.treeAround(ids.lmsA!))).toEqual(['so', 'q1', 'a', 'lmsA'])
  })

  it('reads the whole tree under the top, and nothing of another city', async () => {
    expect(keysOf(await tenants.treeAround(ids.so!))).toEqual([
      'so',
      'q1',
      'a',
      'lmsA',
      'b',
      'q2',
      'c',
    ])
  })

  it('stops `depth` levels down', async () => {
    expect(keysOf(await tenants.treeAround(ids.so!, { depth: 1 }))).toEqual(['so', 'q1', 'q2'])
    expect(keysOf(await tenants.treeAround(ids.a!, { depth: 0 }))).toEqual(['so', 'q1', 'a'])
  })

  it('gives the tenants as getTenant does', async () => {
    const [top] = await tenants.treeAround(ids.other!)
    expect(top).toEqual(await tenants.getTenant(ids.other!))
  })

  it('is empty for an unknown tenant and for an id that is not a UUID', async () => {
    expect(await tenants.treeAround('00000000-0000-4000-8000-000000000000')).toEqual([])
    expect(await tenants.treeAround('not-a-tenant')).toEqual([])
  })

  it('refuses a depth that is not a whole number from 0', async () => {
    await expect(tenants.treeAround(ids.so!, { depth: -1 })).rejects.toThrow(
      new TypeError('depth must be a whole number from 0, not -1'),
    )
  })
})
