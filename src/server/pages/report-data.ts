import type { AudienceEntry } from '../../../framework/index.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import { reportFigures } from '../../reports/aggregate.ts'
import type { Report } from '../../reports/report.ts'
import { sumStaffByTable } from '../../reports/tables-in-use.ts'
import { partRule, type ReportRule, reportRule } from '../../reports/one-rule.ts'
import { asOf, firstSemesterUnder, type Semester, semestersSince } from '../../reports/semester.ts'
import type { Stores, Tenant } from '../../store/index.ts'
import type { ReportNode } from './report-node.ts'

/**
 * The schools a manager's report covers: a district's (the tenants under it), or the tenant
 * itself when nothing is under it.
 */
export async function reportTenants(stores: Stores, tenant: Tenant): Promise<Tenant[]> {
  const around = await stores.tenants.treeAround(tenant.id, { depth: 1 })
  const schools = around.filter((t) => t.parentId === tenant.id)
  return schools.length > 0 ? schools : [tenant]
}

/** How many staff each competency table has over a node's schools. */
export async function reportStaffByTable(
  stores: Stores,
  node: Pick<ReportNode, 'schools'>,
): Promise<Map<string, number>> {
  return sumStaffByTable(
    await Promise.all(
      node.schools.map((t) =>
        stores.reports.staffByTable(t.id, tenantSettings(t.settings).audience),
      ),
    ),
  )
}

/**
 * The units a node's report can be narrowed to: the nodes directly under it, or a school's own
 * units (its roster's `unit`).
 */
export async function nodeUnits(stores: Stores, node: ReportNode): Promise<string[]> {
  if (node.parts.length > 0) return node.parts.map((p) => p.node.name)
  return stores.reports.listUnits(node.node.id)
}

/** The rule of each school a node adds up (Circular 18 asks for one). */
export function nodeRule(node: Pick<ReportNode, 'schools'>): ReportRule {
  return reportRule(
    node.schools.map((t) => ({
      tenantId: t.id,
      name: t.name,
      requiredShare: tenantSettings(t.settings).requiredShare,
    })),
  )
}

/** The first semester a table is reported in: from when its circular takes effect. */
export function firstReportedSemester(audience: AudienceEntry): Semester {
  const { source } = audience.framework
  return firstSemesterUnder(source.effective ?? source.issued)
}

/**
 * Works out a report of a table and a semester at a node of the organisation tree: a row per
 * node directly under it (a school's rows are its own units too), or per unit of a school;
 * optionally narrowed to one of them (`unit`). The total counts each person once.
 */
export async function loadReport(
  stores: Stores,
  input: {
    readonly node: ReportNode
    readonly audience: AudienceEntry
    readonly semester: Semester
    readonly unit?: string
    readonly now: Date
    readonly trendLength?: number
  },
): Promise<Report> {
  const { node, audience } = input
  const settings = tenantSettings(node.node.settings)
  const componentIds = audience.audience.components.map((c) => c.id)
  const levels = audience.framework.levels.map((l) => l.code)
  const defaultOf = (t: Tenant) => tenantSettings(t.settings).audience
  const tree = node.parts.length > 0
  const parts = node.parts.filter((p) => input.unit === undefined || p.node.name === input.unit)
  // The whole node's total takes in its own roster too (an office's staff), each person once.
  const schools = tree && input.unit !== undefined ? parts.flatMap((p) => p.schools) : node.schools
  // A node's total counts each person once, though on the rosters of two of its schools.
  const countedApart = tree && input.unit === undefined
  const figuresAt = async (at: Date) => {
    const apartCounts = countedApart
      ? stores.reports.districtTallies(
          schools.map((t) => ({ tenantId: t.id, defaultAudience: defaultOf(t) })),
          { audience: audience.id, componentIds, at },
        )
      : undefined
    const query = { audience: audience.id, componentIds, at }
    const partCounts = tree
      ? // The nodes under it in one statement: a school is its row, its own units beside.
        stores.reports
          .partTallies(
            parts.map(({ node: part, schools: under }) => ({
              unit: part.name,
              schools: under.map((t) => ({ tenantId: t.id, defaultAudience: defaultOf(t) })),
              byUnit: under.length === 1 && under[0]!.id === part.id,
            })),
            query,
          )
          .then((t) => [t])
      : stores.reports
          .tallies(node.node.id, {
            ...query,
            defaultAudience: defaultOf(node.node),
            ...(input.unit !== undefined && { unit: input.unit }),
          })
          .then((t) => [{ staff: t.staff, levels: t.levels }])
    const [apart, counted] = await Promise.all([apartCounts, partCounts])
    return reportFigures({
      componentIds,
      levels,
      staff: counted.flatMap((p) => p.staff),
      tallies: counted.flatMap((p) => p.levels),
      minGroupSize: settings.minGroupSize,
      ...(apart && { total: { staff: apart.staff, tallies: apart.levels } }),
    })
  }

  const since = semestersSince(
    firstReportedSemester(audience),
    input.semester,
    input.trendLength ?? 4,
  )
  const semesters = since.length > 0 ? since : [input.semester]
  const all = await Promise.all(semesters.map((s) => figuresAt(asOf(s, input.now))))
  const rule = nodeRule({ schools })
  return {
    audience,
    semester: input.semester,
    asOf: asOf(input.semester, input.now),
    scope: tree ? 'district' : 'school',
    ...(input.unit !== undefined && { unit: input.unit }),
    figures: all[all.length - 1]!,
    trend: semesters.map((semester, i) => ({ semester, total: all[i]!.total })),
    minGroupSize: settings.minGroupSize,
    rule,
    loweredUnits: tree
      ? parts
          .filter(
            (p) =>
              partRule(
                rule,
                p.schools.map((t) => t.id),
              ).lowered.length > 0,
          )
          .map((p) => p.node.name)
      : [],
  }
}
