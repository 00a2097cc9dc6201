import type { Framework } from '../../framework/index.ts'
import { type GradeTargets, gradeTarget } from './grade-target.ts'
import { reachesTarget, type TargetVerdict, targetVerdict } from './target-verdict.ts'

/** One cell of a pupil's row: their level on a component and how it stands to their target. */
export interface HeatmapCell {
  readonly componentId: string
  readonly level: string | null
  readonly verdict: TargetVerdict
}

/** A pupil's row: their target (from their grade) and a cell per component. */
export interface HeatmapRow {
  readonly grade?: number
  /** The expected level's code (TC1); absent without a grade. */
  readonly target?: string
  readonly cells: readonly HeatmapCell[]
}

/**
 * A pupil's row of the class heat-map: the target of their grade (`gradeTarget`, the school's own
 * targets first) and, on each of `componentIds`, their level and its verdict against the target.
 */
export function heatmapRow(
  framework: Framework,
  componentIds: readonly string[],
  pupil: { readonly grade?: number; readonly levels: ReadonlyMap<string, string | null> },
  schoolTargets: GradeTargets = {},
): HeatmapRow {
  const target = gradeTarget(framework, pupil.grade, schoolTargets)?.level.code
  return {
    ...(pupil.grade !== undefined && { grade: pupil.grade }),
    ...(target !== undefined && { target }),
    cells: componentIds.map((componentId) => {
      const level = pupil.levels.get(componentId) ?? null
      return { componentId, level, verdict: targetVerdict(framework, level, target) }
    }),
  }
}

/** Per component (by ID), how many of `rows` are at or above their target there. */
export function reachedByComponent(rows: readonly HeatmapRow[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) {
    for (const cell of row.cells) {
      counts.set(
        cell.componentId,
        (counts.get(cell.componentId) ?? 0) + (reachesTarget(cell.verdict) ? 1 : 0),
      )
    }
  }
  return counts
}
