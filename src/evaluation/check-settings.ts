import type { Catalog } from '../../framework/index.ts'
import { hasGradeTargets } from '../learners/grade-target.ts'

/** The settings that name entries of the frameworks: a table, and targets by table or component. */
export interface SettingsIds {
  readonly audience?: string
  readonly targets?: Readonly<Record<string, string>>
  /** A school's expected levels of its pupils by grade ("7" → TC2). */
  readonly gradeTargets?: Readonly<Record<string, string>>
}

/**
 * What in `settings` the frameworks in force do not have, each naming its option (`--audience`,
 * `--target`, `--grade-target`) and what is accepted instead; none when every ID and level is
 * known. A grade's level must be one of the frameworks that set levels by grade (TT02).
 */
export function checkSettings(catalog: Catalog, settings: SettingsIds): string[] {
  const tables = catalog.audiences().map((a) => a.id)
  const problems: string[] = []
  if (settings.audience !== undefined && !tables.includes(settings.audience)) {
    problems.push(
      `--audience ${settings.audience}: no such table in the frameworks in force; accepted: ${tables.join(', ')}`,
    )
  }
  for (const [id, level] of Object.entries(settings.targets ?? {})) {
    const levels = levelsOf(catalog, id)
    if (!levels) {
      const table = tables.find((t) => id.startsWith(`${t}.`))
      const components = table
        ? `a component of ${table}: ${catalog
            .components(table)
            .map((c) => c.id)
            .join(', ')}`
        : 'a component of one, such as TT18.PT.1.1'
      problems.push(
        `--target ${id}=${level}: no table or component ${id}; accepted: a table (${tables.join(', ')}) or ${components}`,
      )
    } else if (!levels.includes(level)) {
      problems.push(
        `--target ${id}=${level}: no level ${level} for ${id}; accepted: ${levels.join(', ')}`,
      )
    }
  }
  const graded = [
    ...new Set(
      catalog.frameworks.filter(hasGradeTargets).flatMap((f) => f.levels.map((l) => l.code)),
    ),
  ]
  for (const [grade, level] of Object.entries(settings.gradeTargets ?? {})) {
    if (!graded.includes(level)) {
      problems.push(
        graded.length === 0
          ? `--grade-target ${grade}=${level}: no framework in force sets levels by grade`
          : `--grade-target ${grade}=${level}: no pupils' level ${level}; accepted: ${graded.join(', ')}`,
      )
    }
  }
  return problems
}

/** The level codes of a table (its framework's) or of a component; undefined for another ID. */
function levelsOf(catalog: Catalog, id: string): readonly string[] | undefined {
  const entry = catalog.find(id)
  if (entry?.kind === 'audience') return entry.framework.levels.map((l) => l.code)
  if (entry?.kind === 'component') return entry.component.levels.map((l) => l.code)
  return undefined
}
