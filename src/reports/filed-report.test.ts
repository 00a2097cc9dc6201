import { describe, expect, it } from '@jest/globals'
import type { Target } from '../plans/plan.ts'
import { reportFigures } from './aggregate.ts'
import { type FiledLabels, type FiledSnapshot, filedRows, filedSnapshot } from './filed-report.ts'
import { reportRule } from './one-rule.ts'
import type { TargetsReport } from './targets-report.ts'

const target: Target = {
  id: 'T1',
  title: { vi: 'Giáo viên đạt Cơ bản', en: 'Teachers at Basic' },
  group: { kind: 'staff', positions: ['GV'] },
  components: ['1.1'],
  minLevel: 'CB',
  share: 0.5,
  comparison: 'more-than',
  deadline: '2026-12-31',
}
const rule = reportRule([
  { tenantId: 'a', name: 'THCS A', requiredShare: 1 },
  { tenantId: 'b', name: 'THCS B', requiredShare: 0.8 },
])
const node = { id: 'd', name: 'Phòng GD&ĐT Quận 6' }

/** A live targets report, carrying more than a snapshot may keep (as a live figure can). */
const live: TargetsReport = {
  node,
  plan: { id: 'p', code: '484/KH-UBND', name: 'Kế hoạch 484' },
  asOf: new Date('2026-12-05T03:00:00Z'),
  rule,
  targets: [
    {
      target,
      total: { group: 10, met: 6, missing: ['Nguyễn Văn A'] } as never,
      status: 'met',
      parts: [
        {
          node: { id: 'a', name: 'THCS A' },
          figure: { group: 4, met: 3 },
          status: 'met',
          rule: reportRule([rule.schools[0]!]),
        },
        {
          node: { id: 'b', name: 'THCS B' },
          figure: { group: 6, met: 3, missing: ['Trần Thị B'] } as never,
          status: 'open',
          rule: reportRule([rule.schools[1]!]),
        },
      ],
    },
  ],
}

const levels = [
  {
    tableId: 'TT18.PT',
    name: { vi: 'Giáo viên phổ thông', en: 'School teachers' },
    components: [{ id: 'TT18.PT.1.1', number: '1.1', name: { vi: 'Thành phần một' } }],
    levels: [{ code: 'CB', name: { vi: 'Cơ bản', en: 'Basic' } }],
    figures: reportFigures({
      componentIds: ['TT18.PT.1.1'],
      levels: ['CB'],
      staff: [{ unit: 'THCS A', staff: 10, everyComponent: 6 }],
      tallies: [{ unit: 'THCS A', componentId: 'TT18.PT.1.1', level: 'CB', count: 6 }],
      minGroupSize: 5,
    }),
    minGroupSize: 5,
  },
]

const snapshot = (targets?: TargetsReport): FiledSnapshot =>
  filedSnapshot({
    node,
    period: { id: '2026-2027-HK1', kind: 'semester-1', due: new Date('2026-12-24T17:00:00Z') },
    asOf: new Date('2026-12-05T03:00:00Z'),
    filedAt: new Date('2026-12-05T03:00:00Z'),
    filedBy: { actor: 'person:1', name: 'Trưởng phòng' },
    rule,
    ...(targets && { targets }),
    levels,
  })

const labels: FiledLabels = {
  text: (t) => t.vi,
  date: (iso) => iso.slice(0, 10),
  period: (p) => `Kỳ ${p.id}`,
  node: 'Đơn vị',
  periodLabel: 'Kỳ báo cáo',
  due: 'Hạn',
  asOf: 'Số liệu tại',
  filedBy: 'Người nộp',
  filedAt: 'Ngày nộp',
  plan: 'Kế hoạch',
  noPlan: 'Không',
  rule: 'Quy tắc',
  ruleSame: 'Thống nhất',
  ruleMixed: 'Không thống nhất',
  lowered: 'Hạ tỉ lệ',
  noneLowered: 'Không có',
  targets: {
    part: 'Đơn vị',
    target: 'Mục tiêu',
    title: 'Tên',
    minLevel: 'Mức',
    share: 'Tỉ lệ cần',
    group: 'Số người',
    met: 'Đạt',
    reached: 'Tỉ lệ đạt',
    status: 'Tình trạng',
    total: 'Tổng',
    statuses: { met: 'Đạt', open: 'Chưa đạt', missed: 'Trễ hạn', empty: 'Không có ai' },
  },
  rows: {
    unit: 'Đơn vị',
    component: 'Thành phần',
    componentName: 'Tên thành phần',
    staff: 'Số người',
    none: 'Chưa đạt',
    atLeastFirst: 'Đạt từ Cơ bản',
    total: 'Tổng',
    noUnit: '(chưa gán)',
    hidden: (count) => `Ẩn (dưới ${count})`,
    everyComponent: 'Mọi thành phần',
    empty: 'Trống',
  },
}

describe('a filed snapshot', () => {
  it('keeps the counts of each target in total and per part, and no names of people', () => {
    const s = snapshot(live)
    expect(s.plan).toEqual({
      code: '484/KH-UBND',
      name: 'Kế hoạch 484',
      targets: [
        {
          target,
          total: { group: 10, met: 6 },
          status: 'met',
          parts: [
            {
              node: { id: 'a', name: 'THCS A' },
              figure: { group: 4, met: 3 },
              status: 'met',
              lowered: [],
            },
            {
              node: { id: 'b', name: 'THCS B' },
              figure: { group: 6, met: 3 },
              status: 'open',
              lowered: ['THCS B'],
            },
          ],
        },
      ],
    })
    const json = JSON.stringify(s)
    expect(json).not.toContain('Nguyễn Văn A')
    expect(json).not.toContain('Trần Thị B')
  })

  it('is plain JSON: stored and read back, it is the same', () => {
    const s = snapshot(live)
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
    expect(s).toMatchObject({
      version: 1,
      period: { id: '2026-2027-HK1', kind: 'semester-1', due: '2026-12-24T17:00:00.000Z' },
      filedBy: { actor: 'person:1', name: 'Trưởng phòng' },
    })
  })

  it('has no plan when filed for the levels alone', () => {
    expect(snapshot().plan).toBeUndefined()
  })
})

describe("a filed report's rows", () => {
  it('start with the head: node, period, dates, who filed it, plan, rule and lowered schools', () => {
    const rows = filedRows(snapshot(live), labels)
    expect(rows.slice(0, 9)).toEqual([
      ['Đơn vị', 'Phòng GD&ĐT Quận 6'],
      ['Kỳ báo cáo', 'Kỳ 2026-2027-HK1 (2026-2027-HK1)'],
      ['Hạn', '2026-12-24'],
      ['Số liệu tại', '2026-12-05'],
      ['Người nộp', 'Trưởng phòng'],
      ['Ngày nộp', '2026-12-05'],
      ['Kế hoạch', '484/KH-UBND — Kế hoạch 484'],
      ['Quy tắc', 'Không thống nhất'],
      ['Hạ tỉ lệ', 'THCS B (80 %)'],
    ])
  })

  it('then the targets, the total first, a part of a lowered rule marked', () => {
    const rows = filedRows(snapshot(live), labels)
    expect(rows.slice(9, 14)).toEqual([
      [],
      [
        'Đơn vị',
        'Mục tiêu',
        'Tên',
        'Mức',
        'Tỉ lệ cần (%)',
        'Số người',
        'Đạt',
        'Tỉ lệ đạt (%)',
        'Tình trạng',
      ],
      ['Tổng', 'T1', 'Giáo viên đạt Cơ bản', 'CB', 50, 10, 6, 60, 'Đạt'],
      ['THCS A', 'T1', 'Giáo viên đạt Cơ bản', 'CB', 50, 4, 3, 75, 'Đạt'],
      ['THCS B *', 'T1', 'Giáo viên đạt Cơ bản', 'CB', 50, 6, 3, 50, 'Chưa đạt'],
    ])
  })

  it("then each table's levels, in the labels' language", () => {
    const rows = filedRows(snapshot(live), { ...labels, text: (t) => t.en ?? t.vi })
    const at = rows.findIndex((r) => r[0] === 'TT18.PT — School teachers')
    expect(at).toBeGreaterThan(0)
    expect(rows[at + 1]).toEqual([
      'Đơn vị',
      'Thành phần',
      'Tên thành phần',
      'Số người',
      'Chưa đạt',
      'Basic',
      'Đạt từ Cơ bản (%)',
    ])
    expect(rows[at + 2]).toEqual(['THCS A', '1.1', 'Thành phần một', 10, 4, 6, 60])
  })

  it('leave the targets out when no plan was reported against', () => {
    const rows = filedRows(snapshot(), labels)
    expect(rows[6]).toEqual(['Kế hoạch', 'Không'])
    expect(rows.some((r) => r[1] === 'Mục tiêu')).toBe(false)
    expect(rows[9]).toEqual([])
    expect(rows[10]).toEqual(['TT18.PT — Giáo viên phổ thông'])
  })
})
