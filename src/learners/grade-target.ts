import type { Framework, LevelDefinition } from '../../framework/index.ts'

/** A school's own expected levels by grade (khối "1"–"12" → a level code such as TC2). */
export type GradeTargets = Readonly<Record<string, string>>

/** Where a pupil's expected level comes from. */
export type GradeTargetSource = 'framework' | 'school'

/** The level a pupil of a grade is expected to reach, and who set it. */
export interface GradeTarget {
  readonly grade: number
  readonly level: LevelDefinition
  readonly source: GradeTargetSource
}

/**
 * The level expected of a pupil of `grade` in `framework`: the school's own target for the grade
 * when it set one (and the framework has that level), else the level whose `grades` list it (the
 * learners' framework: CB1 for grades 1–3, CB2 4–5, TC1 6–7, TC2 8–9, NC1 10–12). Undefined for a
 * grade no level lists, or a framework without grades (the teachers').
 */
export function gradeTarget(
  framework: Framework,
  grade: number | undefined,
  school: GradeTargets = {},
): GradeTarget | undefined {
  if (grade === undefined || !Number.isInteger(grade)) return undefined
  const own = school[String(grade)]
  const chosen = own === undefined ? undefined : framework.levels.find((l) => l.code === own)
  if (chosen) return { grade, level: chosen, source: 'school' }
  const level = framework.levels.find((l) => l.grades?.includes(grade))
  return level && { grade, level, source: 'framework' }
}

/** Whether a framework sets expected levels by grade (the learners' does). */
export function hasGradeTargets(framework: Framework): boolean {
  return framework.levels.some((l) => l.grades !== undefined)
}

/** The grades a framework lists, in order (1–12 for the learners'). */
export function frameworkGrades(framework: Framework): number[] {
  return [...new Set(framework.levels.flatMap((l) => l.grades ?? []))].sort((a, b) => a - b)
}
