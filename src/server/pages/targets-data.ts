import type { Catalog } from '../../../framework/index.ts'
import type { Target } from '../../plans/plan.ts'
import { targetEntries } from '../../plans/target-entries.ts'
import { partRule } from '../../reports/one-rule.ts'
import { schoolYearOf } from '../../reports/semester.ts'
import {
  acceptedCodes,
  targetStatus,
  type TargetResult,
  type TargetsReport,
} from '../../reports/targets-report.ts'
import type { Stores, StoredPlan, TargetQuery } from '../../store/index.ts'
import { planOf } from './node-plans.ts'
import { nodeRule } from './report-data.ts'
import type { ReportNode } from './report-node.ts'

/**
 * What the store is asked for one target at a node: the component IDs of each entry, the level
 * codes that meet it (from the framework of the target's components), the node's parts and
 * schools; for an exposure target, the school year `at` falls in.
 */
export function targetQuery(
  catalog: Catalog,
  node: Pick<ReportNode, 'parts' | 'schools'>,
  target: Target,
  at: Date,
): TargetQuery {
  const components = targetEntries(target, catalog)
  const frameworks = new Set(
    components
      .flat()
      .map((id) => catalog.find(id)?.framework)
      .filter((f) => f !== undefined),
  )
  const accepted = new Set([...frameworks].flatMap((f) => acceptedCodes(f.levels, target.minLevel)))
  return {
    parts: node.parts.map((part) => ({
      partId: part.node.id,
      tenantIds: part.schools.map((s) => s.id),
    })),
    tenantIds: node.schools.map((s) => s.id),
    group: target.group,
    components,
    accepted: [...accepted],
    at,
    ...(target.measure === 'exposure' && { exposure: { since: schoolYearOf(at).start } }),
  }
}

/** Each target of a plan at a node, at an instant: met or not, in total and per part. */
export async function loadTargetsReport(
  stores: Stores,
  input: {
    readonly catalog: Catalog
    readonly node: ReportNode
    readonly plan: StoredPlan
    readonly at: Date
  },
): Promise<TargetsReport> {
  const { node, at } = input
  const rule = nodeRule(node)
  const targets = await Promise.all(
    planOf(input.plan).targets.map(async (target): Promise<TargetResult> => {
      const figures = await stores.targets.figures(targetQuery(input.catalog, node, target, at))
      const byPart = new Map(figures.parts.map((f) => [f.partId, f]))
      return {
        target,
        total: figures.total,
        status: targetStatus(target, figures.total, at),
        parts: node.parts.map((part) => {
          const figure = byPart.get(part.node.id) ?? { group: 0, met: 0 }
          const shown = { group: figure.group, met: figure.met }
          return {
            node: { id: part.node.id, name: part.node.name },
            figure: shown,
            status: targetStatus(target, shown, at),
            rule: partRule(
              rule,
              part.schools.map((s) => s.id),
            ),
          }
        }),
      }
    }),
  )
  return {
    node: { id: node.node.id, name: node.node.name },
    plan: { id: input.plan.id, code: input.plan.code, name: input.plan.name },
    asOf: at,
    rule,
    targets,
  }
}
