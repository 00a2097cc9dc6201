import { describe, expect, it } from '@jest/globals'
import { Plan } from '../plans/plan.ts'
import { needsAnalysis, type NeedsAnalysisInput, targetLevel } from './needs-analysis.ts'

const levels = [
  { code: 'CB', rank: 1 },
  { code: 'TT', rank: 2 },
  { code: 'NC', rank: 3 },
]
const components = [
  { id: 'TT18.PT.1.1', number: '1.1' },
  { id: 'TT18.PT.1.2', number: '1.2' },
  { id: 'TT18.PT.4.2', number: '4.2' },
]

const target = (id: string, positions: string[], comps: string[], minLevel: string) => ({
  id,
  title: { vi: id },
  group: { kind: 'staff', positions },
  components: comps,
  minLevel,
  share: 0.5,
  deadline: '2026-12-31',
})
const plan = Plan.parse({
  code: '1/KH',
  name: { vi: 'Kế hoạch' },
  calendar: [{ period: 'year', due: '12-10' }],
  targets: [
    target('hoc-lieu', ['CBQL', 'TTCM'], ['4.2'], 'TT'),
    target('ai', ['TTCM'], ['TT18.PT.4.2'], 'NC'),
    target('ql', ['CBQL'], ['TT18.QL.1.1'], 'NC'),
    { ...target('hs', ['GV'], ['1.1'], 'NC'), group: { kind: 'pupils', grades: [6] } },
  ],
})

const count = (
  position: string,
  componentId: string,
  self: string | null | undefined,
  evidenced: string | null,
  n: number,
) => ({
  position,
  componentId,
  assessed: self !== undefined,
  self: self ?? null,
  evidenced,
  count: n,
})

const base: NeedsAnalysisInput = {
  components,
  levels,
  staff: [
    { position: 'GV', staff: 10 },
    { position: 'CBQL', staff: 2 },
  ],
  counts: [
    // Teachers on 1.1: 3 at CB (one rates themselves TT, one NC), 2 at TT, 1 rates themselves CB
    // with no level; 4 have neither.
    count('GV', 'TT18.PT.1.1', undefined, 'CB', 1),
    count('GV', 'TT18.PT.1.1', 'TT', 'CB', 1),
    count('GV', 'TT18.PT.1.1', 'NC', 'CB', 1),
    count('GV', 'TT18.PT.1.1', undefined, 'TT', 2),
    count('GV', 'TT18.PT.1.1', 'CB', null, 1),
    // On 1.2: one at NC who rates themselves lower (CB), one assessed with no level.
    count('GV', 'TT18.PT.1.2', 'CB', 'NC', 1),
    count('GV', 'TT18.PT.1.2', null, null, 1),
    count('CBQL', 'TT18.PT.4.2', 'NC', 'CB', 2),
  ],
  minGroupSize: 5,
}

describe('targetLevel', () => {
  it('is Cơ bản without a plan, and where no staff target of the plan names the position', () => {
    expect(targetLevel(undefined, levels, 'GV', 'TT18.PT.4.2')).toBe('CB')
    expect(targetLevel(plan, levels, 'GV', 'TT18.PT.4.2')).toBe('CB')
    expect(targetLevel(plan, levels, '', 'TT18.PT.4.2')).toBe('CB')
    // A pupils' target does not set staff's.
    expect(targetLevel(plan, levels, 'GV', 'TT18.PT.1.1')).toBe('CB')
  })

  it('takes the highest level of the targets naming the position and the component', () => {
    expect(targetLevel(plan, levels, 'CBQL', 'TT18.PT.4.2')).toBe('TT')
    expect(targetLevel(plan, levels, 'TTCM', 'TT18.PT.4.2')).toBe('NC')
    expect(targetLevel(plan, levels, 'TTCM', 'TT18.MN.4.2')).toBe('TT')
    // A number is looked up in the target's tables (the teachers' by default), an ID exactly.
    expect(targetLevel(plan, levels, 'CBQL', 'TT18.QL.4.2')).toBe('CB')
    expect(targetLevel(plan, levels, 'CBQL', 'TT18.QL.1.1')).toBe('NC')
    expect(targetLevel(plan, levels, 'CBQL', 'TT18.PT.1.2')).toBe('CB')
  })
})

describe('needsAnalysis', () => {
  it('gives a group its evidenced and self-assessed levels, and who is below target', () => {
    const { groups } = needsAnalysis(base)
    expect(groups.map((g) => [g.position, g.staff, g.hidden])).toEqual([
      ['GV', 10, false],
      ['CBQL', 2, true],
    ])
    const [c11, c12, c42] = groups[0]!.cells
    expect(c11).toEqual({
      componentId: 'TT18.PT.1.1',
      target: 'CB',
      staff: 10,
      evidenced: [
        { code: null, count: 5 },
        { code: 'CB', count: 3 },
        { code: 'TT', count: 2 },
        { code: 'NC', count: 0 },
      ],
      self: [
        { code: null, count: 0 },
        { code: 'CB', count: 1 },
        { code: 'TT', count: 1 },
        { code: 'NC', count: 1 },
      ],
      assessed: 3,
      below: 5,
      belowBySelf: 0,
      selfHigher: 3,
      selfLower: 0,
      meanGap: 0.5,
    })
    expect(c12).toMatchObject({ below: 9, assessed: 2, belowBySelf: 1, selfLower: 1 })
    expect(c12!.meanGap).toBeCloseTo(0.9)
    expect(c42).toMatchObject({ below: 10, assessed: 0, meanGap: 1 })
  })

  it('ranks the components by need: most below target first, then the larger gap', () => {
    const { groups } = needsAnalysis(base)
    expect(groups[0]!.ranked.map((c) => c.componentId)).toEqual([
      'TT18.PT.4.2',
      'TT18.PT.1.2',
      'TT18.PT.1.1',
    ])
    const ranked = needsAnalysis({
      ...base,
      staff: [{ position: 'CBQL', staff: 2 }],
      counts: [
        count('CBQL', 'TT18.PT.1.1', undefined, 'CB', 2),
        count('CBQL', 'TT18.PT.4.2', undefined, 'CB', 1),
      ],
      plan,
      minGroupSize: 1,
    }).groups[0]!.ranked
    // 4.2 aims at Thành thạo for managers: both are below, one two levels short; 1.2 likewise
    // (no level, Cơ bản) with a smaller mean gap; 1.1 is met.
    expect(ranked.map((c) => [c.componentId, c.target, c.below, c.meanGap])).toEqual([
      ['TT18.PT.4.2', 'TT', 2, 1.5],
      ['TT18.PT.1.2', 'CB', 2, 1],
    ])
  })

  it('shows no figures for a group smaller than the smallest group shown', () => {
    const cbql = needsAnalysis(base).groups[1]!
    expect(cbql).toEqual({ position: 'CBQL', staff: 2, hidden: true, cells: [], ranked: [] })
    expect(needsAnalysis({ ...base, minGroupSize: 2 }).groups[1]!.hidden).toBe(false)
  })

  it('adds up, for any cell: the evidenced mix to the staff, the self mix to those assessed', () => {
    for (const group of needsAnalysis({ ...base, plan, minGroupSize: 1 }).groups) {
      for (const cell of group.cells) {
        expect(cell.evidenced.reduce((n, m) => n + m.count, 0)).toBe(group.staff)
        expect(cell.self.reduce((n, m) => n + m.count, 0)).toBe(cell.assessed)
        expect(cell.below).toBeLessThanOrEqual(group.staff)
      }
    }
  })
})
