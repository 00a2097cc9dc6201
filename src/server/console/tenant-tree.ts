import { childrenByParent as childrenOf, tenantsUnder } from '../../reports/org-tree.ts'
import type { Tenant } from '../../store/tenant-store.ts'

export { tenantsUnder }

/** A tenant as a picker lists it: how deep it sits under a district (0 for a top one). */
export interface TreeTenant {
  readonly tenant: Tenant
  readonly depth: number
}

/**
 * The tenants in scope (all when `scope` is undefined) as a tree read top to bottom: each
 * top tenant (no parent, or a parent out of scope) by name, followed by those under it.
 */
export function tenantTree(
  tenants: readonly Tenant[],
  scope: ReadonlySet<string> | undefined,
): TreeTenant[] {
  const visible = tenants.filter((t) => scope === undefined || scope.has(t.id))
  const ids = new Set(visible.map((t) => t.id))
  const children = childrenOf(visible)
  const byName = (a: Tenant, b: Tenant) => a.name.localeCompare(b.name, 'vi')
  const out: TreeTenant[] = []
  const seen = new Set<string>()
  const walk = (tenant: Tenant, depth: number) => {
    if (seen.has(tenant.id)) return
    seen.add(tenant.id)
    out.push({ tenant, depth })
    for (const child of [...(children.get(tenant.id) ?? [])].sort(byName)) walk(child, depth + 1)
  }
  const tops = visible.filter((t) => t.parentId === undefined || !ids.has(t.parentId))
  // Districts first, then the tenants under no district.
  const districtsFirst = (a: Tenant, b: Tenant) =>
    Number(isDistrict(b)) - Number(isDistrict(a)) || byName(a, b)
  for (const top of [...tops].sort(districtsFirst)) walk(top, 0)
  return out
}

/** Whether a tenant is a district: an organisation under no other tenant. */
export function isDistrict(tenant: Pick<Tenant, 'kind' | 'parentId'>): boolean {
  return tenant.kind === 'organisation' && tenant.parentId === undefined
}
