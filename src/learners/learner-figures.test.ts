import { describe, expect, it } from '@jest/globals'
import { type Framework, shippedCatalog } from '../../framework/index.ts'
import {
  bandCodes,
  type LearnerTally,
  learnerFigures,
  learnerRuleInputs,
} from './learner-figures.ts'

const catalog = shippedCatalog()
const tt02 = catalog.frameworks.find((f) => f.id === 'TT02') as Framework
const nh = catalog.getOf('TT02.NH', 'audience').audience

const tally = (
  key: string,
  item: string,
  rank: number | null,
  pupils: number,
  exposed = 0,
  atTarget = 0,
): LearnerTally => ({ key, item, rank, pupils, exposed, atTarget })

describe('learnerFigures', () => {
  const tallies = [
    tally('7A', 'D1', 3, 2, 2, 2), // TC1
    tally('7A', 'D1', 2, 1, 1, 0), // CB2
    tally('7A', 'D1', null, 1),
    tally('7B', 'D1', null, 1),
    tally('7C', 'D1', 5, 2, 0, 2), // NC1
    tally('', 'D1', 3, 2, 2, 2),
    tally('', 'D1', 2, 1, 1, 0),
    tally('', 'D1', 5, 2, 0, 2),
    tally('', 'D1', null, 2),
  ]

  it('sums pupils, exposure, attainment and bands per row and item', () => {
    const figures = learnerFigures({
      framework: tt02,
      items: ['D1'],
      breakdowns: [['7A', '7B', '7C']],
      tallies,
      minGroupSize: 1,
    })
    expect(figures.breakdowns[0]![0]).toEqual({
      key: '7A',
      pupils: 4,
      hidden: false,
      items: [
        {
          item: 'D1',
          pupils: 4,
          exposed: 3,
          atTarget: 2,
          bands: { CB: 1, TC: 2, NC: 0, CS: 0, none: 1 },
        },
      ],
    })
    expect(figures.total.pupils).toBe(7)
    expect(figures.total.items[0]!.bands).toEqual({ CB: 1, TC: 2, NC: 2, CS: 0, none: 2 })
  })

  it('hides a group under the minimum, the next smallest with it, and a small total', () => {
    const figures = learnerFigures({
      framework: tt02,
      items: ['D1'],
      breakdowns: [['7A', '7B', '7C']],
      tallies,
      minGroupSize: 2,
    })
    expect(figures.breakdowns[0]!.map((r) => [r.key, r.pupils, r.hidden, r.items.length])).toEqual([
      ['7A', 4, false, 1],
      ['7B', 1, true, 0],
      ['7C', 2, true, 0],
    ])
    const tiny = learnerFigures({
      framework: tt02,
      items: ['D1'],
      breakdowns: [],
      tallies,
      minGroupSize: 8,
    })
    expect(tiny.total).toMatchObject({ pupils: 7, hidden: true, items: [] })
  })

  it('names the bands of the learners’ framework', () => {
    expect(bandCodes(tt02)).toEqual(['CB', 'TC', 'NC', 'CS', 'none'])
  })
})

describe('learnerRuleInputs', () => {
  it('gives each component its domain, the ranks, and each school’s expected rank per grade', () => {
    const inputs = learnerRuleInputs(tt02, nh, [
      { tenantId: 's1', gradeTargets: {} },
      { tenantId: 's2', gradeTargets: { '7': 'TC2' } },
    ])
    expect(inputs.components).toContainEqual({ id: 'TT02.NH.4.2', domainId: 'TT02.NH.4' })
    expect(inputs.components).toHaveLength(nh.components.length)
    expect(inputs.ranks.slice(0, 3)).toEqual([
      { code: 'CB1', rank: 1 },
      { code: 'CB2', rank: 2 },
      { code: 'TC1', rank: 3 },
    ])
    const rank = (tenantId: string, grade: number) =>
      inputs.expected.find((x) => x.tenantId === tenantId && x.grade === grade)?.rank
    expect([rank('s1', 3), rank('s1', 7), rank('s2', 7), rank('s2', 8)]).toEqual([1, 3, 4, 4])
    expect(inputs.expected).toHaveLength(24)
  })
})
