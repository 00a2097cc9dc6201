import * as echarts from 'echarts'

/**
 * Charts rendered on the server as SVG by ECharts (no script sent to the phone). Each chart sits
 * in a figure with a text alternative, and the page shows the same numbers as a table.
 */

function renderSvg(width: number, height: number, option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

export interface RadarSeries {
  readonly name: string
  /** Level rank per axis: 0 none, 1 Cơ bản, 2 Thành thạo, 3 Nâng cao (TT18). */
  readonly values: readonly number[]
  readonly color: string
  readonly dashed?: boolean
}

/**
 * A radar of levels over components: axes named by component number (1.1, 1.2, …), from no
 * level at the centre to the framework's top level (`max`) at the rim.
 */
export function levelRadar(
  axes: readonly string[],
  series: readonly RadarSeries[],
  max: number,
): string {
  return renderSvg(360, 340, {
    color: series.map((s) => s.color),
    legend: { bottom: 0, data: series.map((s) => s.name), textStyle: { fontSize: 12 } },
    radar: {
      radius: '62%',
      startAngle: 90,
      clockwise: true,
      center: ['50%', '46%'],
      splitNumber: max,
      axisName: { color: '#1b1b1b', fontSize: 11 },
      indicator: axes.map((name) => ({ name, max, min: 0 })),
    },
    series: [
      {
        type: 'radar',
        symbolSize: 4,
        data: series.map((s) => ({
          name: s.name,
          value: [...s.values],
          lineStyle: { width: 2, type: s.dashed ? 'dashed' : 'solid' },
          areaStyle: s.dashed ? undefined : { opacity: 0.2 },
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

/**
 * Horizontal bars of shares (0–100 %), one row per category; several series stack (the share
 * of staff at each level), one series stands alone.
 */
export function shareBars(
  categories: readonly string[],
  series: readonly BarSeries[],
  options: { readonly stacked: boolean },
): string {
  const height = Math.max(160, 60 + categories.length * 22)
  return renderSvg(360, height, {
    color: series.map((s) => s.color),
    legend: series.length > 1 ? { top: 0, textStyle: { fontSize: 11 } } : undefined,
    grid: { left: 8, right: 16, top: series.length > 1 ? 48 : 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', fontSize: 10 } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...categories],
      axisLabel: { fontSize: 11, color: '#1b1b1b' },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      ...(options.stacked && { stack: 'share' }),
      barMaxWidth: 16,
      data: s.values.map((v) => Math.round(v * 1000) / 10),
    })),
  })
}
