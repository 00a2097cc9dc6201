// One rule everywhere: Circular 18 asks every school to judge levels the same way. A school that
// lowered the share of a level's criteria needed to hold it (its `requiredShare` below 1) is
// marked in every report that adds it up, and a report adding up schools of different rules
// says so. Pure.

/** A school's rule: the share of a level's criteria it requires. */
export interface SchoolRule {
  readonly tenantId: string
  readonly name: string
  readonly requiredShare: number
}

/** The rules of a report's schools. */
export interface ReportRule {
  /** Each school's rule, by name. */
  readonly schools: readonly SchoolRule[]
  /** The schools that require less than every criterion (marked wherever they are added up). */
  readonly lowered: readonly SchoolRule[]
  /** Whether the schools added up do not all use the same rule. */
  readonly mixed: boolean
}

/** The rule of a report over these schools. */
export function reportRule(schools: readonly SchoolRule[]): ReportRule {
  const sorted = [...schools].sort((a, b) => a.name.localeCompare(b.name, 'vi'))
  return {
    schools: sorted,
    lowered: sorted.filter((s) => s.requiredShare < 1),
    mixed: new Set(sorted.map((s) => s.requiredShare)).size > 1,
  }
}

/** The rule of the part of a report that adds up some of the schools (a row of it). */
export function partRule(rule: ReportRule, tenantIds: readonly string[]): ReportRule {
  const ids = new Set(tenantIds)
  return reportRule(rule.schools.filter((s) => ids.has(s.tenantId)))
}
