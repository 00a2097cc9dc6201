// The learners' report as figures: per row (a school, a grade, a class) and per domain or
// component, how many pupils there are, how many did tagged activities of it in the school year
// (exposure), how many are at or above their grade's target (attainment), and how many are at
// each band. Groups too small to keep pupils unidentifiable are hidden. Pure.
import type { Audience, Framework } from '../../framework/index.ts'
import { smallGroups } from '../reports/aggregate.ts'
import { bandOf } from './domain-level.ts'
import { frameworkGrades, type GradeTargets, gradeTarget } from './grade-target.ts'

/** Pupils of a row with one rank on an item (a domain or a component), as the store counts them. */
export interface LearnerTally {
  /** The row: a part's id, `g:7` (grade), `c:7A` (class), or '' (the total). */
  readonly key: string
  /** A domain ID (TT02.NH.1) or a component ID (TT02.NH.1.1). */
  readonly item: string
  /** The rank of the level held (the domain's by the domain rule); null: none. */
  readonly rank: number | null
  readonly pupils: number
  /**
   * Of them, those who did tagged activities of the item within the school year. (The kept
   * counts know exposure per item, not per rank: they give all of it on the row without a level.
   * The figures add it up per item either way.)
   */
  readonly exposed: number
  /** Of them, those at or above their grade's target. */
  readonly atTarget: number
}

/** The band codes of a framework, lowest first (CB, TC, NC, CS), then `none`. */
export function bandCodes(framework: Framework): string[] {
  return [...new Set(framework.levels.map((l) => bandOf(l.code))), 'none']
}

export interface ItemFigures {
  readonly item: string
  readonly pupils: number
  readonly exposed: number
  readonly atTarget: number
  /** Pupils per band code, and `none` for those without a level. */
  readonly bands: Readonly<Record<string, number>>
}

export interface LearnerRow {
  readonly key: string
  readonly pupils: number
  /** True when the group is too small to show (its figures are then left out). */
  readonly hidden: boolean
  readonly items: readonly ItemFigures[]
}

export interface LearnerFigures {
  /** Each breakdown (schools; or grades, then classes), its rows in the order given. */
  readonly breakdowns: readonly (readonly LearnerRow[])[]
  readonly total: LearnerRow
}

/**
 * The figures of the rows from the tallies. Each breakdown's rows add up to the total: in each,
 * the groups `smallGroups` names are hidden; the total is hidden under `minGroupSize` too.
 */
export function learnerFigures(input: {
  readonly framework: Framework
  /** The items, in the order shown (domains, then each domain's components). */
  readonly items: readonly string[]
  readonly breakdowns: readonly (readonly string[])[]
  readonly tallies: readonly LearnerTally[]
  readonly minGroupSize: number
}): LearnerFigures {
  const { framework, items, minGroupSize } = input
  const bandOfRank = new Map(framework.levels.map((l) => [l.rank, bandOf(l.code)]))
  const bands = bandCodes(framework)
  const byKey = new Map<string, LearnerTally[]>()
  for (const t of input.tallies) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t])
  const sizeOf = (key: string) =>
    (byKey.get(key) ?? []).filter((t) => t.item === items[0]).reduce((n, t) => n + t.pupils, 0)
  const row = (key: string, hidden: boolean): LearnerRow => ({
    key,
    pupils: sizeOf(key),
    hidden,
    items: hidden
      ? []
      : items.map((item) => {
          const counts: Record<string, number> = Object.fromEntries(bands.map((b) => [b, 0]))
          let pupils = 0
          let exposed = 0
          let atTarget = 0
          for (const t of byKey.get(key) ?? []) {
            if (t.item !== item) continue
            pupils += t.pupils
            exposed += t.exposed
            atTarget += t.atTarget
            const band = t.rank === null ? 'none' : (bandOfRank.get(t.rank) ?? 'none')
            counts[band] = (counts[band] ?? 0) + t.pupils
          }
          return { item, pupils, exposed, atTarget, bands: counts }
        }),
  })
  return {
    breakdowns: input.breakdowns.map((keys) => {
      const small = smallGroups(
        keys.map((key) => ({ key, size: sizeOf(key) })),
        minGroupSize,
      )
      return keys.map((key) => row(key, small.has(key)))
    }),
    total: row('', sizeOf('') < minGroupSize),
  }
}

/**
 * What the store needs to apply the rules in SQL, from their one source: each component with its
 * domain (the domain rule of domain-level.ts is applied over them: the lowest rank when every
 * component has a level), the framework's level ranks, and each school's expected rank per grade
 * (`gradeTarget`, with the school's own targets).
 */
export function learnerRuleInputs(
  framework: Framework,
  audience: Audience,
  schools: readonly { readonly tenantId: string; readonly gradeTargets: GradeTargets }[],
): {
  readonly components: readonly { readonly id: string; readonly domainId: string }[]
  readonly ranks: readonly { readonly code: string; readonly rank: number }[]
  readonly expected: readonly {
    readonly tenantId: string
    readonly grade: number
    readonly rank: number
  }[]
} {
  const grades = frameworkGrades(framework)
  return {
    components: audience.components.map((c) => ({ id: c.id, domainId: c.domain.id })),
    ranks: framework.levels.map((l) => ({ code: l.code, rank: l.rank })),
    expected: schools.flatMap((s) =>
      grades.flatMap((grade) => {
        const target = gradeTarget(framework, grade, s.gradeTargets)
        return target ? [{ tenantId: s.tenantId, grade, rank: target.level.rank }] : []
      }),
    ),
  }
}
