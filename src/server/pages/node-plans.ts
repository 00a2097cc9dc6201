// The plans that apply to a node of the organisation tree: its own and those of every node above
// it (a district follows the Sở's plan and the city's). The one place pages read them from.
import { Plan } from '../../plans/plan.ts'
import { ancestorsOf } from '../../reports/org-tree.ts'
import type { Stores, StoredPlan } from '../../store/index.ts'
import type { ReportNode } from './report-node.ts'

/** A plan that applies to a node, its document read back. */
export interface ApplicablePlan {
  readonly stored: StoredPlan
  readonly plan: Plan
}

/** A stored plan's document, read back through the Plan schema (it was checked when imported). */
export function planOf(plan: StoredPlan): Plan {
  return Plan.parse(plan.document)
}

/** The plans of the node and of the nodes above it: its own first, then up the tree; by code. */
export async function applicablePlans(
  stores: Stores,
  node: Pick<ReportNode, 'node' | 'tenants'>,
): Promise<ApplicablePlan[]> {
  const above = ancestorsOf(node.tenants, node.node.id)
  const rank = new Map(above.map((t, i) => [t.id, i]))
  const stored = await stores.plans.listPlans(above.map((t) => t.id))
  return stored
    .sort((a, b) => rank.get(a.tenantId)! - rank.get(b.tenantId)! || a.code.localeCompare(b.code))
    .map((s) => ({ stored: s, plan: planOf(s) }))
}
