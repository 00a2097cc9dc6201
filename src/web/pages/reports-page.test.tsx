import { reportRule } from '../../reports/one-rule.ts'
import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../../framework/index.ts'
import { reportFigures } from '../../reports/aggregate.ts'
import type { Report } from '../../reports/report.ts'
import { semester } from '../../reports/semester.ts'
import { translator } from '../i18n.ts'
import { renderPage } from '../layout.tsx'
import type { PageContext } from '../page-context.ts'
import { ReportsPage } from './reports-page.tsx'

const catalog = shippedCatalog()
const audience = catalog.audiences('TT18').find((a) => a.id === 'TT18.PT')!
const componentIds = audience.audience.components.map((c) => c.id)
const levels = audience.framework.levels.map((l) => l.code)
const ctx = {
  lang: 'vi',
  t: translator('vi'),
  session: { role: 'administrator' },
  token: 't',
  carrySession: false,
  path: '/app/reports',
  userName: 'Hiệu trưởng',
} as unknown as PageContext

function page(staff: { unit: string; staff: number }[], held: { unit: string; count: number }[]) {
  const figures = reportFigures({
    componentIds,
    levels,
    minGroupSize: 5,
    staff: staff.map((s) => ({ ...s, everyComponent: 0 })),
    tallies: held.map((h) => ({ ...h, componentId: componentIds[0]!, level: 'TT' })),
  })
  const hk1 = semester(2026, 1)
  const report: Report = {
    audience,
    semester: hk1,
    asOf: hk1.end,
    scope: 'school',
    figures,
    trend: [{ semester: hk1, total: figures.total }],
    minGroupSize: 5,
    rule: reportRule([]),
    loweredUnits: [],
  }
  return renderPage(ReportsPage, {
    ctx,
    catalog,
    report,
    audiences: [audience],
    semesters: [hk1],
    units: staff.map((s) => s.unit),
    path: [{ id: 's', name: 'Trường A' }],
    parts: [],
  })
}

describe('the report page', () => {
  it('charts the levels by unit and over semesters as stacked bars of the four levels', () => {
    // Nobody holds Cơ bản on every component: the charts still show the levels held.
    const html = page(
      [
        { unit: 'Tổ Toán', staff: 6 },
        { unit: 'Tổ Văn', staff: 7 },
      ],
      [{ unit: 'Tổ Toán', count: 3 }],
    )
    const charts = [...html.matchAll(/<figure[^>]*data-level-mix="(\w+)"[\s\S]*?<\/figure>/g)]
    expect(charts.map((c) => c[1])).toEqual(['units', 'trend'])
    for (const [chart] of charts) {
      for (const name of ['Chưa đạt', 'Cơ bản', 'Thành thạo', 'Nâng cao']) {
        expect(chart).toContain(`>${name}</text>`)
      }
    }
    expect(html).toContain('data-mix-caption')
    expect(html).not.toContain('<script')
  })

  it('leaves out a table nobody is in, rather than calling it a hidden small group', () => {
    const html = page([], [])
    expect(html).toContain('data-empty')
    expect(html).toContain('Bảng năng lực này chưa có ai')
    expect(html).not.toContain('data-hidden')
    expect(html).not.toContain('Ẩn (nhóm dưới')
    expect(html).not.toContain('<svg')
  })

  it('still hides a small group that has people', () => {
    const html = page([{ unit: 'Tổ Toán', staff: 3 }], [])
    expect(html).toContain('data-hidden')
    expect(html).not.toContain('data-empty')
  })
})
