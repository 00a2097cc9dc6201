// What a person must have to meet a target, as groups of component IDs: every group must be met,
// each by any one of its IDs. Components named by number are looked up in each of the target's
// tables; whole domains are expanded from the catalog. Pure.
import type { Catalog } from '../../framework/index.ts'
import { type Target, targetComponentIds, targetTables } from './plan.ts'

/**
 * The groups of component IDs a target asks for. Attainment of a domain is attainment of each of
 * its components (a domain's level is the lowest of its components', src/learners/domain-level.ts),
 * so each component number of the domain is a group of its own; exposure to a domain is exposure
 * to any of its components, so the domain is one group. Domains no table has give no group
 * (checkPlan refuses them).
 */
export function targetEntries(target: Target, catalog: Catalog): string[][] {
  if (target.domains === undefined) return targetComponentIds(target)
  const tables = targetTables(target)
  return target.domains.flatMap((number) => {
    const components = tables.flatMap((table) => {
      const entry = catalog.find(`${table}.${number}`)
      return entry?.kind === 'domain' ? entry.components : []
    })
    if (target.measure === 'exposure') {
      return components.length > 0 ? [components.map((c) => c.id)] : []
    }
    const byNumber = new Map<string, string[]>()
    for (const c of components) byNumber.set(c.number, [...(byNumber.get(c.number) ?? []), c.id])
    return [...byNumber.values()]
  })
}
