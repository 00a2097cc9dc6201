import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { inferenceModel } from '../inference/index.ts'
import { agreement, changedAnswers, selfAssessedLevel } from './self-assessment.ts'

const catalog = shippedCatalog()
const model = inferenceModel(catalog)
const ids = (componentId: string, level: string) =>
  catalog.requiredDescriptors(componentId, level).map((d) => d.id)

describe('selfAssessedLevel', () => {
  it('is no level without ticks, and none with only part of Cơ bản', () => {
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', [])).toBeNull()
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', ['TT18.PT.1.1.CB.1'])).toBeNull()
  })

  it('is Cơ bản with every Cơ bản descriptor ticked, Thành thạo with both levels', () => {
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', ids('TT18.PT.1.1', 'CB'))).toBe('CB')
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', ids('TT18.PT.1.1', 'TT'))).toBe('TT')
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', ids('TT18.PT.1.1', 'NC'))).toBe('NC')
  })

  it('is cumulative: Thành thạo ticks without Cơ bản give no level', () => {
    const tt = catalog.getOf('TT18.PT.1.1.TT', 'level').level.descriptors.map((d) => d.id)
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', tt)).toBeNull()
  })

  it("follows the tenant's required share", () => {
    const cb = ids('TT18.PT.1.1', 'CB')
    expect(cb.length).toBeGreaterThan(1)
    const half = cb.slice(0, Math.ceil(cb.length / 2))
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', half, { requiredShare: 0.5 })).toBe('CB')
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', half, { requiredShare: 1 })).toBeNull()
  })

  it('ignores ticks of other components', () => {
    expect(selfAssessedLevel(model, 'TT18.PT.1.1', ids('TT18.PT.1.2', 'CB'))).toBeNull()
  })
})

describe('agreement', () => {
  it('compares ranks', () => {
    expect(agreement(1, 1)).toBe('agree')
    expect(agreement(0, 0)).toBe('agree')
    expect(agreement(2, 1)).toBe('higher')
    expect(agreement(0, 3)).toBe('lower')
  })
})

describe('changedAnswers', () => {
  const shown = [
    { componentId: 'A', criteria: ['A1', 'A2'] },
    { componentId: 'B', criteria: ['B1', 'B2'] },
    { componentId: 'C', criteria: ['C1'] },
  ]

  it('gives the components whose ticks differ from the latest answer', () => {
    const latest = new Map<string, readonly string[] | undefined>([
      ['A', ['A1']],
      ['B', ['B2', 'B1']],
    ])
    expect(changedAnswers(shown, new Set(['A1', 'A2', 'B1', 'B2']), latest)).toEqual([
      { componentId: 'A', criteria: ['A1', 'A2'] },
    ])
  })

  it('gives an emptied answer, but not a component never answered and left blank', () => {
    const latest = new Map<string, readonly string[] | undefined>([['A', ['A1']]])
    expect(changedAnswers(shown, new Set(), latest)).toEqual([{ componentId: 'A', criteria: [] }])
  })

  it('treats a level-only answer (no ticks kept) as changed once ticks are given', () => {
    const latest = new Map<string, readonly string[] | undefined>([['C', undefined]])
    expect(changedAnswers(shown, new Set(['C1']), latest)).toEqual([
      { componentId: 'C', criteria: ['C1'] },
    ])
  })

  it('keeps only ticks of the component shown (a forged tick of another is dropped)', () => {
    expect(changedAnswers(shown, new Set(['A1', 'Z9']), new Map())).toEqual([
      { componentId: 'A', criteria: ['A1'] },
    ])
  })
})
