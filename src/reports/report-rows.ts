import type { ReportFigures, UnitFigures } from './aggregate.ts'
import { shareOf } from './aggregate.ts'

/** The words a report's table is written with (the page's language). */
export interface RowLabels {
  readonly unit: string
  readonly component: string
  readonly componentName: string
  readonly staff: string
  readonly levels: readonly { readonly code: string; readonly name: string }[]
  readonly none: string
  readonly atLeastFirst: string
  readonly total: string
  readonly noUnit: string
  readonly hidden: string
  readonly everyComponent: string
  /** Said when nobody is in the table. */
  readonly empty: string
}

export type Cell = string | number

/**
 * A report as rows for a spreadsheet: a header, then per unit (and the total) one row per
 * component with counts per level and the share at least at the first level (0–1), and a row
 * for "every component". A hidden unit is one row saying so; a table nobody is in, one row too.
 */
export function reportRows(
  figures: ReportFigures,
  components: readonly { readonly id: string; readonly number: string; readonly name: string }[],
  labels: RowLabels,
): Cell[][] {
  const header = [
    labels.unit,
    labels.component,
    labels.componentName,
    labels.staff,
    labels.none,
    ...labels.levels.map((l) => l.name),
    `${labels.atLeastFirst} (%)`,
  ]
  const rowsOf = (u: UnitFigures, name: string): Cell[][] => {
    if (u.hidden) return [[name, '', labels.hidden]]
    const rows: Cell[][] = u.components.map((c) => {
      const component = components.find((x) => x.id === c.componentId)
      return [
        name,
        component?.number ?? c.componentId,
        component?.name ?? '',
        u.staff,
        c.counts.none ?? 0,
        ...labels.levels.map((l) => c.counts[l.code] ?? 0),
        percent(shareOf(c.atLeastFirst, u.staff)),
      ]
    })
    rows.push([
      name,
      '',
      labels.everyComponent,
      u.staff,
      u.staff - u.everyComponent,
      ...labels.levels.map(() => ''),
      percent(shareOf(u.everyComponent, u.staff)),
    ])
    return rows
  }
  if (figures.total.staff === 0) return [header, [labels.empty]]
  return [
    header,
    ...figures.units.flatMap((u) => rowsOf(u, u.unit || labels.noUnit)),
    ...(figures.units.length > 1 ? rowsOf(figures.total, labels.total) : []),
  ]
}

/** A share as a percentage with one decimal (80.5). */
export function percent(share: number): number {
  return Math.round(share * 1000) / 10
}
