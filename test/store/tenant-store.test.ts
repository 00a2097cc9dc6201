import type { Database } from '../../src/store/database.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import type { TenantStore } from '../../src/store/tenant-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let tenants: TenantStore
beforeAll(async () => {
  database = await openTestDatabase()
  tenants = postgresTenantStore(database.db)
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

describe('tenant store', () => {
  it('creates a tenant and gets it back', async () => {
    const district = await tenants.createTenant({ kind: 'organisation', name: 'Sở GD&ĐT Hà Nội' })
    expect(district).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'organisation',
      name: 'Sở GD&ĐT Hà Nội',
      parentId: undefined,
      settings: {},
      createdAt: expect.any(Date),
    })
    expect(await tenants.getTenant(district.id)).toEqual(district)
  })

  it('keeps the parent of a tenant', async () => {
    const district = await tenants.createTenant({ kind: 'organisation', name: 'Sở GD&ĐT Huế' })
    const moodle = await tenants.createTenant({
      kind: 'platform',
      name: 'Moodle Huế',
      parentId: district.id,
    })
    expect(moodle).toMatchObject({ kind: 'platform', name: 'Moodle Huế', parentId: district.id })
    expect((await tenants.getTenant(moodle.id))?.parentId).toBe(district.id)
  })

  it('refuses a parent that does not exist', async () => {
    const parentId = '00000000-0000-4000-8000-000000000000'
    await expect(
      tenants.createTenant({ kind: 'platform', name: 'Orphan', parentId }),
    ).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: `parent tenant ${parentId} does not exist`,
    })
    expect((await tenants.listTenants()).map((t) => t.name)).not.toContain('Orphan')
  })

  it('replaces a tenant’s settings', async () => {
    const school = await tenants.createTenant({ kind: 'organisation', name: 'THPT Chu Văn An' })
    expect(await tenants.setSettings(school.id, { requiredShare: 0.8 })).toBe(true)
    expect((await tenants.getTenant(school.id))?.settings).toEqual({ requiredShare: 0.8 })
    expect(await tenants.setSettings(school.id, {})).toBe(true)
    expect((await tenants.getTenant(school.id))?.settings).toEqual({})
    expect(await tenants.setSettings('00000000-0000-4000-8000-000000000001', {})).toBe(false)
  })

  it('gives undefined for an unknown id', async () => {
    expect(await tenants.getTenant('00000000-0000-4000-8000-000000000001')).toBeUndefined()
  })

  it('lists every tenant, oldest first', async () => {
    expect((await tenants.listTenants()).map((t) => [t.kind, t.name])).toEqual([
      ['organisation', 'Sở GD&ĐT Hà Nội'],
      ['organisation', 'Sở GD&ĐT Huế'],
      ['platform', 'Moodle Huế'],
      ['organisation', 'THPT Chu Văn An'],
    ])
  })
})
