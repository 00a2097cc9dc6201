// A filed report: a node's figures for a reporting period, frozen when a manager files them, and
// the rows its CSV and XLSX are written from. A filed report goes up the chain (a school's to its
// district, a district's to the Sở), so it holds counts only, never a person's name. Pure.
import type { PeriodKind } from '../plans/calendar.ts'
import type { Target } from '../plans/plan.ts'
import type { ReportFigures } from './aggregate.ts'
import type { ReportRule } from './one-rule.ts'
import { type Cell, percent, reportRows, type RowLabels } from './report-rows.ts'
import type { TargetFigure, TargetStatus, TargetsReport } from './targets-report.ts'

/** A text in Vietnamese, with its English when known. */
export interface FiledText {
  readonly vi: string
  readonly en?: string
}

/** A target's figures in a filed report: in total and per part (each node directly under). */
export interface FiledTarget {
  /** The target as the plan set it when the report was filed. */
  readonly target: Target
  readonly total: TargetFigure
  readonly status: TargetStatus
  readonly parts: readonly {
    readonly node: { readonly id: string; readonly name: string }
    readonly figure: TargetFigure
    readonly status: TargetStatus
    /** The part's schools that lowered the rule, by name. */
    readonly lowered: readonly string[]
  }[]
}

/** A competency table's levels in a filed report, with the words needed to write them out. */
export interface FiledLevels {
  readonly tableId: string
  readonly name: FiledText
  readonly components: readonly {
    readonly id: string
    readonly number: string
    readonly name: FiledText
  }[]
  readonly levels: readonly { readonly code: string; readonly name: FiledText }[]
  readonly figures: ReportFigures
  /** Groups smaller than this were hidden. */
  readonly minGroupSize: number
}

/** A filed report's snapshot, as stored (JSON: instants as ISO strings). */
export interface FiledSnapshot {
  readonly version: 1
  readonly node: { readonly id: string; readonly name: string }
  readonly period: { readonly id: string; readonly kind: PeriodKind; readonly due: string }
  /** The instant the figures were read at. */
  readonly asOf: string
  readonly filedAt: string
  readonly filedBy: { readonly actor: string; readonly name: string }
  readonly rule: ReportRule
  /** The plan reported against, its targets as they were; none for the levels alone. */
  readonly plan?: {
    readonly code: string
    readonly name: string
    readonly targets: readonly FiledTarget[]
  }
  readonly levels: readonly FiledLevels[]
}

/** What a snapshot is made from. */
export interface SnapshotInput {
  readonly node: { readonly id: string; readonly name: string }
  readonly period: { readonly id: string; readonly kind: PeriodKind; readonly due: Date }
  readonly asOf: Date
  readonly filedAt: Date
  readonly filedBy: { readonly actor: string; readonly name: string }
  readonly rule: ReportRule
  readonly targets?: TargetsReport
  readonly levels: readonly FiledLevels[]
}

/** The snapshot of a report filed now: only the counts of the targets report are kept. */
export function filedSnapshot(input: SnapshotInput): FiledSnapshot {
  const { targets } = input
  return {
    version: 1,
    node: { id: input.node.id, name: input.node.name },
    period: { id: input.period.id, kind: input.period.kind, due: input.period.due.toISOString() },
    asOf: input.asOf.toISOString(),
    filedAt: input.filedAt.toISOString(),
    filedBy: { actor: input.filedBy.actor, name: input.filedBy.name },
    rule: input.rule,
    ...(targets && {
      plan: {
        code: targets.plan.code,
        name: targets.plan.name,
        targets: targets.targets.map((t) => ({
          target: t.target,
          total: figureOf(t.total),
          status: t.status,
          parts: t.parts.map((p) => ({
            node: { id: p.node.id, name: p.node.name },
            figure: figureOf(p.figure),
            status: p.status,
            lowered: p.rule.lowered.map((s) => s.name),
          })),
        })),
      },
    }),
    levels: input.levels,
  }
}

/** A figure's counts alone (whatever else a live figure carries stays out of the snapshot). */
const figureOf = (f: TargetFigure): TargetFigure => ({ group: f.group, met: f.met })

/** The words a filed report is written with. */
export interface FiledLabels {
  /** Picks a text's language. */
  readonly text: (text: FiledText) => string
  /** Writes an instant as a date (in Vietnam). */
  readonly date: (iso: string) => string
  /** A period's name (Học kỳ I năm học 2026-2027). */
  readonly period: (period: FiledSnapshot['period']) => string
  readonly node: string
  readonly periodLabel: string
  readonly due: string
  readonly asOf: string
  readonly filedBy: string
  readonly filedAt: string
  readonly plan: string
  readonly noPlan: string
  readonly rule: string
  readonly ruleSame: string
  readonly ruleMixed: string
  readonly lowered: string
  readonly noneLowered: string
  /** The head of the targets table. */
  readonly targets: {
    readonly part: string
    readonly target: string
    readonly title: string
    readonly minLevel: string
    readonly share: string
    readonly group: string
    readonly met: string
    readonly reached: string
    readonly status: string
    readonly total: string
    readonly statuses: Readonly<Record<TargetStatus, string>>
  }
  /** The words of the levels tables (their level names come from the snapshot). */
  readonly rows: Omit<RowLabels, 'levels' | 'hidden'> & {
    /** Said of a group hidden for being smaller than `count`. */
    readonly hidden: (count: number) => string
  }
}

/**
 * A filed report as rows for its CSV and XLSX: a head (node, period, due date, figures' date,
 * who filed it and when, plan, rule and the schools that lowered it), the targets (a total row
 * then one per part), then each table's levels.
 */
export function filedRows(snapshot: FiledSnapshot, labels: FiledLabels): Cell[][] {
  const { rule, plan } = snapshot
  const lowered = rule.lowered.map((s) => `${s.name} (${percent(s.requiredShare)} %)`).join('; ')
  const head: Cell[][] = [
    [labels.node, snapshot.node.name],
    [labels.periodLabel, `${labels.period(snapshot.period)} (${snapshot.period.id})`],
    [labels.due, labels.date(snapshot.period.due)],
    [labels.asOf, labels.date(snapshot.asOf)],
    [labels.filedBy, snapshot.filedBy.name],
    [labels.filedAt, labels.date(snapshot.filedAt)],
    [labels.plan, plan ? `${plan.code} — ${plan.name}` : labels.noPlan],
    [labels.rule, rule.mixed ? labels.ruleMixed : labels.ruleSame],
    [labels.lowered, lowered || labels.noneLowered],
  ]
  const t = labels.targets
  const targetRows: Cell[][] = plan
    ? [
        [
          t.part,
          t.target,
          t.title,
          t.minLevel,
          `${t.share} (%)`,
          t.group,
          t.met,
          `${t.reached} (%)`,
          t.status,
        ],
        ...plan.targets.flatMap((r) => {
          const row = (name: string, figure: TargetFigure, status: TargetStatus): Cell[] => [
            name,
            r.target.id,
            labels.text(r.target.title),
            r.target.minLevel,
            percent(r.target.share),
            figure.group,
            figure.met,
            percent(figure.group === 0 ? 0 : figure.met / figure.group),
            t.statuses[status],
          ]
          return [
            row(t.total, r.total, r.status),
            ...r.parts.map((p) =>
              row(p.lowered.length > 0 ? `${p.node.name} *` : p.node.name, p.figure, p.status),
            ),
          ]
        }),
      ]
    : []
  const tables: Cell[][] = snapshot.levels.flatMap((table) => [
    [],
    [levelsTitle(table, labels)],
    ...levelRows(table, labels),
  ])
  return [...head, ...(targetRows.length > 0 ? [[], ...targetRows] : []), ...tables]
}

/** A frozen table's title: its id and name. */
export function levelsTitle(table: FiledLevels, labels: Pick<FiledLabels, 'text'>): string {
  return `${table.tableId} — ${labels.text(table.name)}`
}

/** A frozen table's levels as rows (report-rows.ts), in the labels' language. */
export function levelRows(
  table: FiledLevels,
  labels: Pick<FiledLabels, 'text' | 'rows'>,
): Cell[][] {
  return reportRows(
    table.figures,
    table.components.map((c) => ({ id: c.id, number: c.number, name: labels.text(c.name) })),
    {
      ...labels.rows,
      hidden: labels.rows.hidden(table.minGroupSize),
      levels: table.levels.map((l) => ({ code: l.code, name: labels.text(l.name) })),
    },
  )
}
