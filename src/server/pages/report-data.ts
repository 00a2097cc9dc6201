import type { AudienceEntry } from '../../../framework/index.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import { reportFigures } from '../../reports/aggregate.ts'
import type { Report } from '../../reports/report.ts'
import { sumStaffByTable } from '../../reports/tables-in-use.ts'
import { asOf, firstSemesterUnder, type Semester, semestersSince } from '../../reports/semester.ts'
import type { LevelCount, StaffCount, Stores, Tenant } from '../../store/index.ts'

/**
 * The schools a manager's report covers: a district's (the tenants under it), or the tenant
 * itself when nothing is under it.
 */
export async function reportTenants(stores: Stores, tenant: Tenant): Promise<Tenant[]> {
  const all = await stores.tenants.listTenants()
  const schools = all.filter((t) => t.parentId === tenant.id)
  return schools.length > 0 ? schools : [tenant]
}

/** The units a report can be narrowed to: a district's schools, or a school's own units. */
export async function reportUnits(stores: Stores, tenant: Tenant): Promise<string[]> {
  const tenants = await reportTenants(stores, tenant)
  if (tenants[0] !== tenant) return tenants.map((t) => t.name)
  return stores.reports.listUnits(tenant.id)
}

/** How many staff each competency table has over a report's schools. */
export async function reportStaffByTable(
  stores: Stores,
  tenant: Tenant,
): Promise<Map<string, number>> {
  const tenants = await reportTenants(stores, tenant)
  return sumStaffByTable(
    await Promise.all(
      tenants.map((t) => stores.reports.staffByTable(t.id, tenantSettings(t.settings).audience)),
    ),
  )
}

/** The first semester a table is reported in: from when its circular takes effect. */
export function firstReportedSemester(audience: AudienceEntry): Semester {
  const { source } = audience.framework
  return firstSemesterUnder(source.effective ?? source.issued)
}

/** Works out a report of a table, a semester and optionally one unit. */
export async function loadReport(
  stores: Stores,
  input: {
    readonly tenant: Tenant
    readonly audience: AudienceEntry
    readonly semester: Semester
    readonly unit?: string
    readonly now: Date
    readonly trendLength?: number
  },
): Promise<Report> {
  const { tenant, audience } = input
  const settings = tenantSettings(tenant.settings)
  const tenants = await reportTenants(stores, tenant)
  const district = tenants[0] !== tenant
  const componentIds = audience.audience.components.map((c) => c.id)
  const levels = audience.framework.levels.map((l) => l.code)

  const schools = tenants.filter(
    (t) => !district || input.unit === undefined || t.name === input.unit,
  )
  // A district's total counts each person once, though on the rosters of two of its schools.
  const countedApart = district && input.unit === undefined
  const figuresAt = async (at: Date) => {
    const apartCounts = countedApart
      ? stores.reports.districtTallies(
          schools.map((t) => ({
            tenantId: t.id,
            defaultAudience: tenantSettings(t.settings).audience,
          })),
          { audience: audience.id, componentIds, at },
        )
      : undefined
    const schoolCounts = Promise.all(
      schools.map(async (t) => {
        const { staff, levels: counts } = await stores.reports.tallies(t.id, {
          audience: audience.id,
          defaultAudience: tenantSettings(t.settings).audience,
          componentIds,
          at,
          ...(!district && input.unit !== undefined && { unit: input.unit }),
        })
        // In a district the school is the unit (with its own units beside, when it has any).
        const unitOf = (unit: string) => (district ? (unit ? `${t.name} — ${unit}` : t.name) : unit)
        return {
          staff: staff.map((s): StaffCount => ({ ...s, unit: unitOf(s.unit) })),
          levels: counts.map((l): LevelCount => ({ ...l, unit: unitOf(l.unit) })),
        }
      }),
    )
    const [apart, parts] = await Promise.all([apartCounts, schoolCounts])
    return reportFigures({
      componentIds,
      levels,
      staff: parts.flatMap((p) => p.staff),
      tallies: parts.flatMap((p) => p.levels),
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
  return {
    audience,
    semester: input.semester,
    asOf: asOf(input.semester, input.now),
    scope: district ? 'district' : 'school',
    ...(input.unit !== undefined && { unit: input.unit }),
    figures: all[all.length - 1]!,
    trend: semesters.map((semester, i) => ({ semester, total: all[i]!.total })),
    minGroupSize: settings.minGroupSize,
  }
}
