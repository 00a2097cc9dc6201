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
    Number(isDistrict(b, tenants)) - Number(isDistrict(a, tenants)) || byName(a, b)
  for (const top of [...tops].sort(districtsFirst)) walk(top, 0)
  return out
}

/**
 * Whether a tenant is an education office (a district's or ward's phòng, the Sở, the city) that
 * schools sit under: an organisation under no other tenant, or one with an organisation under
 * it (an office placed under a higher one; a school's own LMS under it does not make a school an
 * office). With no `tenants` given, only the first test is made.
 */
export function isDistrict(
  tenant: Pick<Tenant, 'id' | 'kind' | 'parentId'>,
  tenants: readonly Pick<Tenant, 'kind' | 'parentId'>[] = [],
): boolean {
  return (
    tenant.kind === 'organisation' &&
    (tenant.parentId === undefined ||
      tenants.some((t) => t.parentId === tenant.id && t.kind === 'organisation'))
  )
}
