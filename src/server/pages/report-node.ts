// Which node of the organisation tree a manager's report is about, and what it adds up. A
// manager reports on their own tenant and may open any node under it (a city's manager a
// district, a district's a school); a node outside that is refused.
import { childrenOf, pathFrom, schoolsUnder } from '../../reports/org-tree.ts'
import type { Stores, Tenant } from '../../store/index.ts'
import { isDistrict } from '../console/tenant-tree.ts'
import { Forbidden, NotFound } from '../errors.ts'
import type { PageContext } from '../../web/page-context.ts'

/** A part of a node's report: a node directly under it, and the schools it adds up. */
export interface NodePart {
  readonly node: Tenant
  /** The tenants it adds up: itself and every one under it. */
  readonly schools: readonly Tenant[]
}

/** A node as reports need it. */
export interface ReportNode {
  readonly node: Tenant
  /** From the manager's own tenant down to the node (a breadcrumb). */
  readonly path: readonly Tenant[]
  /** The tenants the node adds up: itself and every one under it (each person counts once). */
  readonly schools: readonly Tenant[]
  /**
   * The nodes directly under it, each with its tenants; empty for a school. A school with its
   * own LMS under it has itself first (its own roster), then the LMS.
   */
  readonly parts: readonly NodePart[]
  /**
   * The tree around the node: itself, every tenant under it and those above it up to the top
   * (for its parts and the plans above it); never another branch of the installation.
   */
  readonly tenants: readonly Tenant[]
}

/**
 * The node a manager's page asks for (`nodeId`, else the manager's own tenant). Refuses a
 * session that is not a manager's (403) and a node outside the manager's (404, so that its
 * existence is not disclosed).
 */
export async function reportNode(
  stores: Stores,
  page: PageContext,
  nodeId: string | undefined,
): Promise<ReportNode> {
  if (page.session.role !== 'administrator') {
    throw new Forbidden('only managers (LTI Administrator, or a manager sign-in) see reports')
  }
  const own = page.session.tenantId
  const asked = nodeId ?? own
  // Only the tree around the node asked for: the manager's own tenant is in it when the node is
  // theirs or under theirs, and the path between them is the breadcrumb.
  const tenants = await stores.tenants.treeAround(asked)
  const path = pathFrom(tenants, own, asked)
  if (!path) {
    throw new NotFound(
      asked === own
        ? 'the tenant of this session no longer exists'
        : `no node ${nodeId} under this manager's`,
    )
  }
  const node = path[path.length - 1]!
  const children = childrenOf(tenants, node.id)
  return {
    node,
    path,
    schools: schoolsUnder(tenants, node.id),
    parts: [
      ...(children.length > 0 && !isDistrict(node, tenants) ? [{ node, schools: [node] }] : []),
      ...children.map((child) => ({ node: child, schools: schoolsUnder(tenants, child.id) })),
    ],
    tenants,
  }
}
