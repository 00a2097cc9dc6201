import { shippedCatalog } from '../../framework/index.ts'
import { heatmapRow, reachedByComponent } from './class-heatmap.ts'

const tt02 = shippedCatalog().frameworks.find((f) => f.id === 'TT02')!
const ids = ['TT02.NH.1.1', 'TT02.NH.1.2']
const levels = (a: string | null, b: string | null) =>
  new Map([
    [ids[0]!, a],
    [ids[1]!, b],
  ])

describe('heatmapRow', () => {
  it("judges each cell against the target of the pupil's grade", () => {
    expect(heatmapRow(tt02, ids, { grade: 7, levels: levels('CB2', 'TC2') })).toEqual({
      grade: 7,
      target: 'TC1',
      cells: [
        { componentId: ids[0], level: 'CB2', verdict: 'below' },
        { componentId: ids[1], level: 'TC2', verdict: 'above' },
      ],
    })
  })

  it("takes the school's own target for a grade first", () => {
    const row = heatmapRow(tt02, ids, { grade: 7, levels: levels('TC1', null) }, { '7': 'TC2' })
    expect(row.target).toBe('TC2')
    expect(row.cells.map((c) => c.verdict)).toEqual(['below', 'none'])
  })

  it('has no target without a grade, and a level then has no verdict', () => {
    const row = heatmapRow(tt02, ids, { levels: new Map([[ids[0]!, 'TC1']]) })
    expect(row).toEqual({
      cells: [
        { componentId: ids[0], level: 'TC1', verdict: 'unknown' },
        { componentId: ids[1], level: null, verdict: 'none' },
      ],
    })
  })
})

describe('reachedByComponent', () => {
  it('counts the pupils at or above their own target on each component', () => {
    const rows = [
      heatmapRow(tt02, ids, { grade: 7, levels: levels('CB2', 'TC1') }),
      heatmapRow(tt02, ids, { grade: 7, levels: levels('TC1', null) }),
      heatmapRow(tt02, ids, { grade: 4, levels: levels('CB2', 'CB1') }),
    ]
    expect(reachedByComponent(rows)).toEqual(
      new Map([
        [ids[0], 2],
        [ids[1], 1],
      ]),
    )
  })
})
