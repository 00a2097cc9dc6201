// The organisation tree: schools (an LTI platform or a local school) under wards or districts,
// under the province department (Sở), under the city, at any depth, through each tenant's
// parent. Reports at a node add up the schools below it. Pure.

/** A tenant as the tree needs it. */
export interface TreeNode {
  readonly id: string
  readonly name: string
  readonly parentId?: string
}

/** The tenants under each tenant (its direct children), by parent id. */
export function childrenByParent<T extends TreeNode>(tenants: readonly T[]): Map<string, T[]> {
  const children = new Map<string, T[]>()
  for (const t of tenants) {
    if (t.parentId === undefined) continue
    const list = children.get(t.parentId) ?? []
    list.push(t)
    children.set(t.parentId, list)
  }
  return children
}

/** The ids of a tenant and of every tenant under it (through parentId, at any depth). */
export function tenantsUnder(tenants: readonly TreeNode[], rootId: string): Set<string> {
  const children = childrenByParent(tenants)
  const found = new Set<string>()
  const queue = [rootId]
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (found.has(id)) continue
    found.add(id)
    for (const child of children.get(id) ?? []) queue.push(child.id)
  }
  return found
}

/**
 * The tenants a node adds up: every tenant under it at any depth, itself included, by name. Each
 * person belongs to one tenant, so each counts at every node above it: a school's own LMS under
 * the school, an office's own roster, a school under a ward under the Sở.
 */
export function schoolsUnder<T extends TreeNode>(tenants: readonly T[], nodeId: string): T[] {
  const under = tenantsUnder(tenants, nodeId)
  return tenants.filter((t) => under.has(t.id)).sort((a, b) => a.name.localeCompare(b.name, 'vi'))
}

/** The node's direct children, by name. */
export function childrenOf<T extends TreeNode>(tenants: readonly T[], nodeId: string): T[] {
  return [...(childrenByParent(tenants).get(nodeId) ?? [])].sort((a, b) =>
    a.name.localeCompare(b.name, 'vi'),
  )
}

/**
 * The nodes from `topId` down to `nodeId`, both included, or undefined when `nodeId` is not
 * `topId` nor under it.
 */
export function pathFrom<T extends TreeNode>(
  tenants: readonly T[],
  topId: string,
  nodeId: string,
): T[] | undefined {
  const byId = new Map(tenants.map((t) => [t.id, t]))
  const path: T[] = []
  const seen = new Set<string>()
  for (
    let at = byId.get(nodeId);
    at !== undefined;
    at = at.parentId ? byId.get(at.parentId) : undefined
  ) {
    if (seen.has(at.id)) return undefined
    seen.add(at.id)
    path.unshift(at)
    if (at.id === topId) return path
  }
  return undefined
}

/** The node and the nodes above it, nearest first (the plans of all of them apply to it). */
export function ancestorsOf<T extends TreeNode>(tenants: readonly T[], nodeId: string): T[] {
  const byId = new Map(tenants.map((t) => [t.id, t]))
  const out: T[] = []
  const seen = new Set<string>()
  for (
    let at = byId.get(nodeId);
    at !== undefined && !seen.has(at.id);
    at = at.parentId ? byId.get(at.parentId) : undefined
  ) {
    seen.add(at.id)
    out.push(at)
  }
  return out
}
