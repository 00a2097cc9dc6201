// A plan checked whole: its shape (plan.ts) and then against the frameworks it names, so a plan
// that names a component no table has, or a level its framework lacks, is refused on import and
// never reports a figure nobody can meet. Pure.
import type { Catalog } from '../../framework/index.ts'
import { Plan, type Target, targetComponentIds, targetTables } from './plan.ts'

/** What is wrong with a plan; the pages' locales say each in words (plans.problem.<code>). */
export type PlanProblemCode =
  | 'ERR_PLAN_REQUIRED'
  | 'ERR_PLAN_INVALID'
  | 'ERR_PLAN_TABLE_UNKNOWN'
  | 'ERR_PLAN_COMPONENT_UNKNOWN'
  | 'ERR_PLAN_DOMAIN_UNKNOWN'
  | 'ERR_PLAN_LEVEL_UNKNOWN'

/**
 * A problem of a plan: where (`targets.2.components.0`), its code and the values its text needs,
 * and the same in English as `message`.
 */
export interface PlanProblem {
  readonly path: string
  readonly code: PlanProblemCode
  readonly values: Readonly<Record<string, string | number>>
  readonly message: string
}

export type CheckedPlan = { readonly plan: Plan } | { readonly problems: readonly PlanProblem[] }

/**
 * A plan as given (parsed JSON, or targets read from CSV with the upload's fields), checked: the
 * schema first, then each target against the catalog (its tables are tables, its components or
 * domains are on each of them, its level is one of their frameworks').
 */
export function checkPlan(input: unknown, catalog: Catalog): CheckedPlan {
  const parsed = Plan.safeParse(input)
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue): PlanProblem => {
        const path = issue.path.map(String).join('.')
        // Missing, or empty where at least one is needed (a name, a list).
        const required =
          (issue.code === 'invalid_type' && issue.input === undefined) ||
          (issue.code === 'too_small' && Number(issue.minimum) === 1)
        return required
          ? { path, code: 'ERR_PLAN_REQUIRED', values: {}, message: 'required' }
          : {
              path,
              code: 'ERR_PLAN_INVALID',
              values: { detail: issue.message },
              message: issue.message,
            }
      }),
    }
  }
  const problems = parsed.data.targets.flatMap((target, i) =>
    targetProblems(target, catalog, `targets.${i}`),
  )
  return problems.length > 0 ? { problems } : { plan: parsed.data }
}

/** A target's problems against the catalog, under `at`. */
function targetProblems(target: Target, catalog: Catalog, at: string): PlanProblem[] {
  const problems: PlanProblem[] = []
  const tables = targetTables(target)
  const unknownTables = new Set<string>()
  const frameworks = new Set<string>()
  tables.forEach((table, j) => {
    const entry = catalog.find(table)
    if (entry?.kind === 'audience') {
      frameworks.add(entry.framework.id)
      return
    }
    unknownTables.add(table)
    problems.push({
      path: target.tables ? `${at}.tables.${j}` : `${at}.group`,
      code: 'ERR_PLAN_TABLE_UNKNOWN',
      values: { table },
      message: `no competency table ${table}; tables are such as TT18.PT, TT18.MN, TT18.QL, TT02.NH`,
    })
  })
  targetComponentIds(target).forEach((ids, j) => {
    for (const id of ids) {
      const table = id.split('.').slice(0, 2).join('.')
      if (unknownTables.has(table)) continue
      const entry = catalog.find(id)
      if (entry?.kind === 'component') {
        frameworks.add(entry.framework.id)
        continue
      }
      problems.push({
        path: `${at}.components.${j}`,
        code: 'ERR_PLAN_COMPONENT_UNKNOWN',
        values: { component: target.components[j]!, table },
        message: `table ${table} has no component ${target.components[j]}`,
      })
    }
  })
  for (const [j, number] of (target.domains ?? []).entries()) {
    for (const table of tables) {
      if (unknownTables.has(table)) continue
      const entry = catalog.find(`${table}.${number}`)
      if (entry?.kind === 'domain') {
        frameworks.add(entry.framework.id)
        continue
      }
      problems.push({
        path: `${at}.domains.${j}`,
        code: 'ERR_PLAN_DOMAIN_UNKNOWN',
        values: { domain: number, table },
        message: `table ${table} has no domain ${number}`,
      })
    }
  }
  for (const frameworkId of frameworks) {
    const levels = catalog.find(frameworkId)?.framework.levels.map((l) => l.code) ?? []
    if (levels.includes(target.minLevel)) continue
    problems.push({
      path: `${at}.minLevel`,
      code: 'ERR_PLAN_LEVEL_UNKNOWN',
      values: { level: target.minLevel, framework: frameworkId, levels: levels.join(', ') },
      message: `${frameworkId} has no level ${target.minLevel}; its levels are ${levels.join(', ')}`,
    })
  }
  return problems
}
