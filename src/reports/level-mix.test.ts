import { describe, expect, it } from '@jest/globals'
import { reportFigures } from './aggregate.ts'
import { levelMix, levelMixSeries } from './level-mix.ts'

const levels = ['CB', 'TT', 'NC']

const figures = reportFigures({
  componentIds: ['C1', 'C2'],
  levels,
  minGroupSize: 5,
  staff: [
    { unit: 'A', staff: 5, everyComponent: 0 },
    { unit: 'B', staff: 2, everyComponent: 0 },
    { unit: 'C', staff: 10, everyComponent: 0 },
    { unit: 'D', staff: 1, everyComponent: 0 },
  ],
  tallies: [
    // A: 10 pairs; 1.1 CB ×2, TT ×1; 1.2 NC ×1; 6 without a level.
    { unit: 'A', componentId: 'C1', level: 'CB', count: 2 },
    { unit: 'A', componentId: 'C1', level: 'TT', count: 1 },
    { unit: 'A', componentId: 'C2', level: 'NC', count: 1 },
    { unit: 'B', componentId: 'C1', level: 'CB', count: 2 },
  ],
})
const [a, b, c] = figures.units

describe('levelMix', () => {
  it('shares out person × component pairs by level, though nobody holds every component', () => {
    expect(a!.everyComponent).toBe(0)
    expect(levelMix(a!, levels)).toEqual({ none: 0.6, CB: 0.2, TT: 0.1, NC: 0.1 })
  })

  it('is all 0 for a hidden group and all none for a group without levels', () => {
    expect(b!.hidden).toBe(true)
    expect(levelMix(b!, levels)).toEqual({ none: 0, CB: 0, TT: 0, NC: 0 })
    expect(levelMix(c!, levels)).toEqual({ none: 1, CB: 0, TT: 0, NC: 0 })
  })

  it('counts the total over every unit, hidden ones included', () => {
    // 18 staff × 2 components = 36 pairs: 4 CB, 1 TT, 1 NC.
    const mix = levelMix(figures.total, levels)
    expect(mix.CB).toBeCloseTo(4 / 36)
    expect(mix.none).toBeCloseTo(30 / 36)
  })
})

describe('levelMixSeries', () => {
  it('gives one stacked series per level, none first, one value per group', () => {
    const series = levelMixSeries([a!, c!], levels)
    expect(series).toEqual([
      { code: 'none', values: [0.6, 1] },
      { code: 'CB', values: [0.2, 0] },
      { code: 'TT', values: [0.1, 0] },
      { code: 'NC', values: [0.1, 0] },
    ])
    for (let i = 0; i < 2; i++) {
      expect(series.reduce((n, s) => n + s.values[i]!, 0)).toBeCloseTo(1)
    }
  })
})
