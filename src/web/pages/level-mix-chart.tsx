import type { Catalog } from '../../../framework/index.ts'
import type { UnitFigures } from '../../reports/aggregate.ts'
import { levelMixSeries } from '../../reports/level-mix.ts'
import { shareBars } from '../charts.ts'
import type { PageContext } from '../page-context.ts'
import { formatShare, levelName } from '../parts.tsx'

/** Colours of no level and the three levels, as the badges use them. */
export const LEVEL_COLOURS = ['#c8c8c8', '#9cc3e8', '#4a8bc9', '#174f85'] as const

/**
 * Stacked bars of the level mix of groups (units, or a table's total per semester): the share
 * of person × component pairs at each level and with none, so that the chart is not blank when
 * few people hold Cơ bản on every component. The caption says how the shares are counted, and
 * the text alternative gives them per group.
 */
export function LevelMixChart(props: {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly frameworkId: string
  readonly levels: readonly string[]
  readonly title: string
  readonly groups: readonly { readonly name: string; readonly figures: UnitFigures }[]
  readonly summary?: (index: number) => string
  readonly kind: 'units' | 'trend'
}) {
  const { ctx, catalog, frameworkId, levels, title, groups } = props
  const series = levelMixSeries(
    groups.map((g) => g.figures),
    levels,
  ).map((s, i) => ({
    name: levelName(ctx, catalog, frameworkId, s.code === 'none' ? null : s.code),
    color: LEVEL_COLOURS[i] ?? '#999',
    values: s.values,
  }))
  const label = groups
    .map((g, i) => {
      const mix = series.map((s) => `${s.name} ${formatShare(ctx.lang, s.values[i] ?? 0)}`)
      return `${g.name}${props.summary ? ` ${props.summary(i)}` : ''} (${mix.join(', ')})`
    })
    .join('; ')
  return (
    <>
      <figure
        class="chart bars"
        role="img"
        aria-label={`${title}: ${label}`}
        data-level-mix={props.kind}
        data-trend={props.kind === 'trend' ? true : undefined}
        dangerouslySetInnerHTML={{
          __html: shareBars(
            groups.map((g) => g.name),
            series,
            { stacked: true },
          ),
        }}
      />
      <p class="muted" data-mix-caption>
        {ctx.t('reports.mixCaption')}
      </p>
    </>
  )
}
