// The learners' report of a node for a school year: which rows (the units under a ward or
// district; a school's grades and classes), the store's tallies, and the figures with small
// groups hidden.
import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import {
  type LearnerFigures,
  learnerFigures,
  learnerRuleInputs,
} from '../../learners/learner-figures.ts'
import type { SchoolYear } from '../../reports/semester.ts'
import type { LearnerSchool, Stores, Tenant } from '../../store/index.ts'
import type { ReportNode } from './report-node.ts'
import { LEARNERS_TABLE } from '../../learners/learners-table.ts'

/** A row of a breakdown: its key in the figures and what it is. */
export type LearnerRowOf =
  | { readonly kind: 'part'; readonly key: string; readonly node: { id: string; name: string } }
  | { readonly kind: 'grade'; readonly key: string; readonly grade: number | undefined }
  | { readonly kind: 'class'; readonly key: string; readonly name: string | undefined }

export interface LearnerReport {
  readonly node: { readonly id: string; readonly name: string }
  readonly audience: AudienceEntry
  readonly year: SchoolYear
  /** Levels are read at this instant; exposure counts evidence from the year's start until it. */
  readonly asOf: Date
  /** The rows of each breakdown, as `figures.breakdowns` holds them. */
  readonly breakdowns: readonly (readonly LearnerRowOf[])[]
  readonly figures: LearnerFigures
  readonly minGroupSize: number
}

/** Whether a node is reported by its parts (an office over schools) or by grade and class. */
function byParts(node: ReportNode): boolean {
  return node.tenants.some((t) => t.parentId === node.node.id && t.kind === 'organisation')
}

/** Works out the learners' report of a node for a school year, at `now` (or the year's end). */
export async function loadLearnerReport(
  stores: Stores,
  input: {
    readonly catalog: Catalog
    readonly node: ReportNode
    readonly year: SchoolYear
    readonly now: Date
  },
): Promise<LearnerReport> {
  const { node, year } = input
  const audience = input.catalog.getOf(LEARNERS_TABLE, 'audience')
  const at = input.now < year.end ? input.now : year.end
  const parts = byParts(node)
  // Each tenant's settings read once (a city has 2,000 schools, each under two keys).
  const settingsOf = new Map(node.tenants.map((t) => [t.id, tenantSettings(t.settings)]))
  const settings = (t: Tenant) => settingsOf.get(t.id) ?? tenantSettings(t.settings)
  const school = (key: string, t: Tenant): LearnerSchool => ({
    key,
    tenantId: t.id,
    defaultAudience: settings(t).audience,
  })
  const schools = [
    ...(parts
      ? node.parts.flatMap((part) => part.schools.map((s) => school(part.node.id, s)))
      : []),
    ...node.schools.map((s) => school('', s)),
  ]
  const rules = learnerRuleInputs(
    audience.framework,
    audience.audience,
    node.schools.map((s) => ({ tenantId: s.id, gradeTargets: settings(s).gradeTargets })),
  )
  const tallies = await stores.learnerReports.tallies({
    audience: audience.id,
    schools,
    rows: parts ? 'parts' : 'grades-classes',
    ...rules,
    at,
    since: year.start,
  })
  const breakdowns: LearnerRowOf[][] = parts
    ? [node.parts.map((p) => ({ kind: 'part', key: p.node.id, node: p.node }))]
    : gradesAndClasses(tallies.map((t) => t.key))
  const domains = audience.audience.domains
  const items = [...domains.map((d) => d.id), ...audience.audience.components.map((c) => c.id)]
  const minGroupSize = tenantSettings(node.node.settings).minGroupSize
  return {
    node: { id: node.node.id, name: node.node.name },
    audience,
    year,
    asOf: at,
    breakdowns,
    figures: learnerFigures({
      framework: audience.framework,
      items,
      breakdowns: breakdowns.map((rows) => rows.map((r) => r.key)),
      tallies,
      minGroupSize,
    }),
    minGroupSize,
  }
}

/** A school's rows: its grades in order, then its classes by name (those without last). */
function gradesAndClasses(keys: readonly string[]): LearnerRowOf[][] {
  const unique = [...new Set(keys)]
  const grades = unique
    .filter((k) => k.startsWith('g:'))
    .map((key) => ({ key, grade: key === 'g:' ? undefined : Number(key.slice(2)) }))
    .sort((a, b) => (a.grade ?? 99) - (b.grade ?? 99))
  const classes = unique
    .filter((k) => k.startsWith('c:'))
    .map((key) => ({ key, name: key === 'c:' ? undefined : key.slice(2) }))
    .sort((a, b) =>
      a.name === undefined ? 1 : b.name === undefined ? -1 : a.name.localeCompare(b.name, 'vi'),
    )
  return [
    grades.map((g) => ({ kind: 'grade', ...g })),
    classes.map((c) => ({ kind: 'class', ...c })),
  ]
}
