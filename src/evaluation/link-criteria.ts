import type { ComponentResult, InferenceModel } from '../inference/index.ts'

/**
 * The criteria a graded link asks for, the union over its tags' competency IDs: a component at a
 * level (TT18.PT.1.1.CB) names the criteria of that level and, where levels build on each other
 * (Circular 18: Thành thạo requires the Cơ bản criteria), of the levels below it; a descriptor ID
 * names that descriptor. Unknown IDs name nothing. In the order named, each level's criteria in
 * the framework's order.
 */
export function linkCriteria(model: InferenceModel, competencyIds: readonly string[]): string[] {
  const criteria = new Set<string>()
  for (const id of competencyIds) {
    const target = model.target(id)
    if (!target) continue
    const component = model.components.get(target.componentId)
    const at = component?.levels.findIndex((l) => `${component.id}.${l.code}` === id) ?? -1
    if (!component || at < 0) {
      target.criteria.forEach((c) => criteria.add(c))
      continue
    }
    const levels = component.cumulative
      ? component.levels.slice(0, at + 1)
      : [component.levels[at]!]
    levels.forEach((l) => l.criteria.forEach((c) => criteria.add(c)))
  }
  return [...criteria]
}

/**
 * A link's share score: of the criteria it asks for (linkCriteria), how many a person's results
 * meet. Asking for Cơ bản and meeting every Cơ bản criterion is the whole of it.
 */
export function linkShare(
  model: InferenceModel,
  competencyIds: readonly string[],
  results: readonly ComponentResult[],
): { readonly met: number; readonly of: number } {
  const met = new Set(
    results.flatMap((r) =>
      r.levels.flatMap((l) => l.criteria.filter((c) => c.met).map((c) => c.id)),
    ),
  )
  const asked = linkCriteria(model, competencyIds)
  return { met: asked.filter((c) => met.has(c)).length, of: asked.length }
}
