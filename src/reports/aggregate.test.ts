import { describe, expect, it } from '@jest/globals'
import { reportFigures } from './aggregate.ts'

const base = {
  componentIds: ['C1', 'C2'],
  levels: ['CB', 'TT', 'NC'],
  minGroupSize: 5,
}

describe('reportFigures', () => {
  it('counts staff per level, those without a level as none, and at least Cơ bản', () => {
    const r = reportFigures({
      ...base,
      staff: [{ unit: 'THCS A', staff: 10, everyComponent: 3 }],
      tallies: [
        { unit: 'THCS A', componentId: 'C1', level: 'CB', count: 4 },
        { unit: 'THCS A', componentId: 'C1', level: 'TT', count: 2 },
        { unit: 'THCS A', componentId: 'C2', level: 'NC', count: 3 },
      ],
    })
    expect(r.units[0]).toEqual({
      unit: 'THCS A',
      staff: 10,
      hidden: false,
      everyComponent: 3,
      components: [
        { componentId: 'C1', counts: { CB: 4, TT: 2, NC: 0, none: 4 }, atLeastFirst: 6 },
        { componentId: 'C2', counts: { CB: 0, TT: 0, NC: 3, none: 7 }, atLeastFirst: 3 },
      ],
    })
    expect(r.total).toEqual({ ...r.units[0], unit: '' })
  })

  it('hides a unit smaller than the minimum, and a second one so the total gives nothing away', () => {
    const r = reportFigures({
      ...base,
      staff: [
        { unit: 'A', staff: 3, everyComponent: 1 },
        { unit: 'B', staff: 6, everyComponent: 2 },
        { unit: 'C', staff: 20, everyComponent: 5 },
      ],
      tallies: [
        { unit: 'A', componentId: 'C1', level: 'CB', count: 1 },
        { unit: 'B', componentId: 'C1', level: 'CB', count: 2 },
        { unit: 'C', componentId: 'C1', level: 'CB', count: 7 },
      ],
    })
    expect(r.units.map((u) => [u.unit, u.hidden])).toEqual([
      ['A', true],
      ['B', true],
      ['C', false],
    ])
    expect(r.units[0]).toMatchObject({ staff: 3, components: [], everyComponent: 0 })
    // The total still counts everyone.
    expect(r.total).toMatchObject({ staff: 29, hidden: false, everyComponent: 8 })
    expect(r.total.components[0]!.counts).toEqual({ CB: 10, TT: 0, NC: 0, none: 19 })
  })

  it('hides the other of two units when one is small, since the total minus it would show it', () => {
    const r = reportFigures({
      ...base,
      staff: [
        { unit: 'A', staff: 2, everyComponent: 1 },
        { unit: 'B', staff: 20, everyComponent: 5 },
      ],
      tallies: [{ unit: 'B', componentId: 'C1', level: 'CB', count: 7 }],
    })
    expect(r.units.map((u) => [u.unit, u.hidden])).toEqual([
      ['A', true],
      ['B', true],
    ])
    expect(r.total).toMatchObject({ staff: 22, hidden: false, everyComponent: 6 })
  })

  it('hides nothing else when two units are small anyway, and the total when it is small', () => {
    const r = reportFigures({
      ...base,
      staff: [
        { unit: 'A', staff: 1, everyComponent: 0 },
        { unit: 'B', staff: 2, everyComponent: 0 },
      ],
      tallies: [],
    })
    expect(r.units.map((u) => u.hidden)).toEqual([true, true])
    expect(r.total).toMatchObject({ staff: 3, hidden: true, components: [] })
  })

  it('sorts units by their Vietnamese names', () => {
    const r = reportFigures({
      ...base,
      staff: ['Trường Đ', 'Trường D', 'Trường E'].map((unit) => ({
        unit,
        staff: 5,
        everyComponent: 0,
      })),
      tallies: [],
    })
    expect(r.units.map((u) => u.unit)).toEqual(['Trường D', 'Trường Đ', 'Trường E'])
  })

  it('takes a total counted apart, as a district counts one person on two rosters once', () => {
    const r = reportFigures({
      ...base,
      staff: [
        { unit: 'A', staff: 5, everyComponent: 2 },
        { unit: 'B', staff: 5, everyComponent: 2 },
      ],
      tallies: [
        { unit: 'A', componentId: 'C1', level: 'CB', count: 3 },
        { unit: 'B', componentId: 'C1', level: 'CB', count: 3 },
      ],
      // One teacher is on both rosters: 9 people, 5 at Cơ bản on 1.1.
      total: {
        staff: [{ unit: '', staff: 9, everyComponent: 3 }],
        tallies: [{ unit: '', componentId: 'C1', level: 'CB', count: 5 }],
      },
    })
    expect(r.units.map((u) => u.staff)).toEqual([5, 5])
    expect(r.units[0]!.components[0]!.atLeastFirst).toBe(3)
    expect(r.total).toMatchObject({ staff: 9, everyComponent: 3, hidden: false })
    expect(r.total.components[0]).toEqual({
      componentId: 'C1',
      counts: { CB: 5, TT: 0, NC: 0, none: 4 },
      atLeastFirst: 5,
    })
  })
})
