import type { Tenant } from '../../store/tenant-store.ts'
import { isDistrict, tenantsUnder, tenantTree } from './tenant-tree.ts'

const at = new Date('2026-01-01T00:00:00Z')
const tenant = (
  id: string,
  name: string,
  parentId?: string,
  kind: Tenant['kind'] = 'organisation',
): Tenant => ({
  id,
  kind,
  name,
  settings: {},
  createdAt: at,
  ...(parentId !== undefined && { parentId }),
})

const tenants = [
  tenant('lms', 'Moodle tự do', undefined, 'platform'),
  tenant('d2', 'Phòng Đống Đa'),
  tenant('s1', 'THCS Nghĩa Tân', 'd1'),
  tenant('d1', 'Phòng Cầu Giấy'),
  tenant('s2', 'TH Dịch Vọng', 'd1'),
  tenant('m1', 'Moodle Nghĩa Tân', 's1', 'platform'),
  tenant('s3', 'THCS Cát Linh', 'd2'),
]

describe('tenantsUnder', () => {
  it('finds a district and every tenant under it, at any depth', () => {
    expect([...tenantsUnder(tenants, 'd1')].sort()).toEqual(['d1', 'm1', 's1', 's2'])
    expect([...tenantsUnder(tenants, 's3')]).toEqual(['s3'])
  })

  it('ends on a cycle in the data', () => {
    const cyclic = [tenant('a', 'A', 'b'), tenant('b', 'B', 'a')]
    expect([...tenantsUnder(cyclic, 'a')].sort()).toEqual(['a', 'b'])
  })
})

describe('tenantTree', () => {
  it('lists districts by name each followed by its tenants, then the tenants of none', () => {
    expect(tenantTree(tenants, undefined).map((t) => [t.tenant.id, t.depth])).toEqual([
      ['d1', 0],
      ['s2', 1],
      ['s1', 1],
      ['m1', 2],
      ['d2', 0],
      ['s3', 1],
      ['lms', 0],
    ])
  })

  it('keeps to a scope', () => {
    const scope = tenantsUnder(tenants, 'd1')
    expect(tenantTree(tenants, scope).map((t) => t.tenant.id)).toEqual(['d1', 's2', 's1', 'm1'])
    expect(tenantTree(tenants, new Set(['s1', 'm1'])).map((t) => [t.tenant.id, t.depth])).toEqual([
      ['s1', 0],
      ['m1', 1],
    ])
  })

  it('calls an organisation under none a district, and no other', () => {
    expect(tenants.filter((t) => isDistrict(t)).map((t) => t.id)).toEqual(['d2', 'd1'])
  })

  it('calls an office under a higher one a district too, by the organisations under it', () => {
    const deeper = [...tenants, tenant('city', 'Sở GD&ĐT'), tenant('d3', 'Phòng Ba Đình', 'city')]
    const moved = deeper.map((t) => (t.id === 'd1' ? { ...t, parentId: 'city' } : t))
    const offices = moved.filter((t) => isDistrict(t, moved)).map((t) => t.id)
    // d1 has schools under it; d3 has none yet and is taken for a school; s1's own LMS makes no office.
    expect(offices).toEqual(['d2', 'd1', 'city'])
  })
})
