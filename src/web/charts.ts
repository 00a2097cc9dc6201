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
