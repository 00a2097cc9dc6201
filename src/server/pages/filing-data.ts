// What filing a report reads: the plans that apply to a node, their calendars, the periods due
// and not filed yet, and the snapshot of a node's figures for a period (targets and levels).
import type { Catalog } from '../../../framework/index.ts'
import {
  DEFAULT_CALENDAR,
  figuresAt,
  type ReportingPeriod,
  reportingPeriods,
} from '../../plans/calendar.ts'
import type { CalendarEntry } from '../../plans/plan.ts'
import { type FiledLevels, type FiledSnapshot, filedSnapshot } from '../../reports/filed-report.ts'
import { parseSemester, semesterOf } from '../../reports/semester.ts'
import { tablesInUse } from '../../reports/tables-in-use.ts'
import type { FiledReportSummary, Stores } from '../../store/index.ts'
import { loadReport, nodeRule, reportStaffByTable } from './report-data.ts'
import type { ReportNode } from './report-node.ts'
import type { ApplicablePlan } from './node-plans.ts'
import { loadTargetsReport } from './targets-data.ts'

/** The calendar a filing follows: the plan's, else the semesters' (25/12 and 10/5). */
export function calendarOf(plan: ApplicablePlan | undefined): readonly CalendarEntry[] {
  return plan?.plan.calendar ?? DEFAULT_CALENDAR
}

/** A report due and not filed yet: its plan (none: the default calendar) and period. */
export interface DueReport {
  readonly plan?: { readonly code: string; readonly name: string }
  readonly period: ReportingPeriod
}

/**
 * The reports still ahead of their due date that the node has not filed: each plan's (the
 * default calendar's when no plan applies), the one due first first.
 */
export function reportsDue(
  plans: readonly ApplicablePlan[],
  filed: readonly Pick<FiledReportSummary, 'planCode' | 'period'>[],
  now: Date,
): DueReport[] {
  const done = new Set(filed.map((f) => `${f.planCode ?? ''}\n${f.period}`))
  const calendars: DueReport['plan'][] =
    plans.length > 0
      ? plans.map((p) => ({ code: p.stored.code, name: p.stored.name }))
      : [undefined]
  return calendars
    .flatMap((plan, i) =>
      reportingPeriods(plans[i]?.plan.calendar ?? DEFAULT_CALENDAR, now)
        .filter((period) => period.due > now && !done.has(`${plan?.code ?? ''}\n${period.id}`))
        .map((period) => ({ ...(plan && { plan }), period })),
    )
    .sort((a, b) => a.period.due.getTime() - b.period.due.getTime())
}

/** The tables a node's staff are in (the levels a filing freezes). */
export async function tablesOfNode(stores: Stores, catalog: Catalog, node: ReportNode) {
  return tablesInUse(catalog.audiences(), await reportStaffByTable(stores, node), [])
}

/**
 * The snapshot of a node's figures for a period, filed at `now` by `filedBy`: the plan's targets
 * (when one is chosen) and each table in use's levels, read at the period's {@link figuresAt}.
 */
export async function snapshotOf(
  stores: Stores,
  input: {
    readonly catalog: Catalog
    readonly node: ReportNode
    readonly plan: ApplicablePlan | undefined
    readonly period: ReportingPeriod
    readonly now: Date
    readonly filedBy: { readonly actor: string; readonly name: string }
  },
): Promise<FiledSnapshot> {
  const { catalog, node, plan, period, now } = input
  const at = figuresAt(period, now)
  // A semester's report reads that semester's levels; a year's, those of the semester it ends in.
  const semester =
    (period.kind === 'semester-1' || period.kind === 'semester-2'
      ? parseSemester(period.id)
      : undefined) ?? semesterOf(at)
  const [tables, targets] = await Promise.all([
    tablesOfNode(stores, catalog, node),
    plan && loadTargetsReport(stores, { catalog, node, plan: plan.stored, at }),
  ])
  const levels = await Promise.all(
    tables.map(async (audience): Promise<FiledLevels> => {
      const report = await loadReport(stores, { node, audience, semester, now: at, trendLength: 1 })
      return {
        tableId: audience.id,
        name: audience.audience.name,
        components: audience.audience.components.map((c) => ({
          id: c.id,
          number: c.number,
          name: c.name,
        })),
        levels: audience.framework.levels.map((l) => ({ code: l.code, name: l.name })),
        figures: report.figures,
        minGroupSize: report.minGroupSize,
      }
    }),
  )
  return filedSnapshot({
    node: { id: node.node.id, name: node.node.name },
    period,
    asOf: at,
    filedAt: now,
    filedBy: input.filedBy,
    rule: nodeRule(node),
    ...(targets && { targets }),
    levels,
  })
}
