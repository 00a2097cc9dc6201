import { createRequire } from 'node:module'
import type * as ECharts from 'echarts'

// ECharts is loaded the first time a chart is drawn: it is large, and most processes (the command
// line, a server's first requests) do not draw one.
const require = createRequire(import.meta.url)
let library: typeof ECharts | undefined
const echarts = (): typeof ECharts => (library ??= require('echarts') as typeof ECharts)

/**
 * Charts rendered on the server as SVG by ECharts (no script sent to the phone). Each chart sits
 * in a figure with a text alternative, and the page shows the same numbers as text. An SVG is
 * drawn at a phone's width and scales with its box (styles.ts), so its labels stay readable.
 */

function renderSvg(width: number, height: number, option: ECharts.EChartsCoreOption): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'system-ui, sans-serif' },
      ...option,
    })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** Tints of the rings of a radar, from the centre out: no level, then each level (lighter first). */
const RING_TINTS = ['#ffffff', '#f1f6fc', '#e3eef9', '#d4e5f6'] as const

export interface RadarSeries {
  readonly name: string
  /** Level rank per axis: 0 none, 1 Cơ bản, 2 Thành thạo, 3 Nâng cao (TT18). */
  readonly values: readonly number[]
  readonly color: string
  readonly dashed?: boolean
}

/** The radar's geometry, in the SVG's own pixels. */
const RADAR = { width: 360, height: 380, cx: 180, cy: 178, radius: 132 } as const

/**
 * A radar of levels over components: axes named by component number (1.1, 1.2, …), from no
 * level at the centre to the framework's top level at the rim. Each ring is a level, labelled
 * with its name (`rings[0]` the first level) along the downward axis.
 */
export function levelRadar(
  axes: readonly string[],
  series: readonly RadarSeries[],
  rings: readonly string[],
): string {
  const max = Math.max(1, rings.length)
  const { width, height, cx, cy, radius } = RADAR
  return renderSvg(width, height, {
    color: series.map((s) => s.color),
    legend: {
      bottom: 4,
      data: series.map((s) => s.name),
      textStyle: { fontSize: 13, color: '#1b1b1b' },
    },
    radar: {
      radius,
      startAngle: 90,
      clockwise: true,
      center: [cx, cy],
      splitNumber: max,
      axisName: { color: '#1b1b1b', fontSize: 12, fontWeight: 600 },
      axisNameGap: 6,
      splitLine: { lineStyle: { color: '#9aa5b4' } },
      splitArea: { areaStyle: { color: RING_TINTS.slice(0, max) } },
      axisLine: { lineStyle: { color: '#c5ccd6' } },
      indicator: axes.map((name) => ({ name, max, min: 0 })),
    },
    // The levels' names just inside their rings, right of the downward axis, over a white patch
    // (clear of the components' numbers around the rim).
    graphic: rings.map((name, i) => ({
      type: 'text',
      x: cx + 4,
      y: cy + (radius * (i + 1)) / max - 15,
      silent: true,
      z: 100,
      style: {
        text: name,
        fill: '#3b4350',
        fontSize: 11,
        backgroundColor: 'rgba(255,255,255,0.85)',
        padding: [1, 2],
      },
    })),
    series: [
      {
        type: 'radar',
        symbolSize: 5,
        data: series.map((s) => ({
          name: s.name,
          value: [...s.values],
          lineStyle: { width: 2.5, type: s.dashed ? 'dashed' : 'solid' },
          areaStyle: s.dashed ? undefined : { opacity: 0.18 },
        })),
      },
    ],
  })
}

export interface BarSeries {
  readonly name: string
  readonly color: string
  /** Shares 0–1, one per category. */
  readonly values: readonly number[]
}

/** The widest a category's label may be (px); longer ones end with "…" (the table names them). */
const BAR_LABEL_WIDTH = 112

/** Room for the categories' labels: as wide as the longest needs (about 7 px a letter), capped. */
function labelWidth(categories: readonly string[]): number {
  const longest = Math.max(0, ...categories.map((c) => c.length))
  return Math.min(BAR_LABEL_WIDTH, Math.max(24, Math.ceil(longest * 7)))
}

/**
 * Horizontal bars of shares (0–100 %), one row per category; several series stack (the share
 * of staff at each level), one series stands alone. Long category names are cut to one line of
 * a fixed width, so the bars keep their room.
 */
export function shareBars(
  categories: readonly string[],
  series: readonly BarSeries[],
  options: { readonly stacked: boolean },
): string {
  const legendRows = series.length > 1 ? Math.ceil(series.length / 2) : 0
  const top = legendRows * 22 + 8
  const height = Math.max(160, top + 36 + categories.length * 28)
  const width = labelWidth(categories)
  return renderSvg(360, height, {
    color: series.map((s) => s.color),
    legend:
      series.length > 1
        ? { top: 0, itemGap: 12, textStyle: { fontSize: 12, color: '#1b1b1b' } }
        : undefined,
    grid: { left: width + 12, right: 20, top, bottom: 28 },
    xAxis: {
      type: 'value',
      max: 100,
      axisLabel: { formatter: '{value}%', fontSize: 11, color: '#3b4350' },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...categories],
      axisLabel: {
        fontSize: 12,
        color: '#1b1b1b',
        width,
        overflow: 'truncate',
        ellipsis: '…',
      },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      ...(options.stacked && { stack: 'share' }),
      barMaxWidth: 20,
      data: s.values.map((v) => Math.round(v * 1000) / 10),
    })),
  })
}
