import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { Target } from './plan.ts'
import { targetEntries } from './target-entries.ts'

const catalog = shippedCatalog()
const base = {
  id: 't',
  title: { vi: 'Mục tiêu' },
  group: { kind: 'pupils', grades: [6, 7] },
  minLevel: 'TC1',
  share: 0.7,
  deadline: '2026-05-31',
}

describe('targetEntries', () => {
  it('looks component numbers up in the target’s tables', () => {
    const target = Target.parse({ ...base, components: ['1.1', '4.2'] })
    expect(targetEntries(target, catalog)).toEqual([['TT02.NH.1.1'], ['TT02.NH.4.2']])
  })

  it('asks for every component of a domain attained, any of them for exposure', () => {
    const attained = Target.parse({ ...base, domains: ['1'] })
    expect(targetEntries(attained, catalog)).toEqual([
      ['TT02.NH.1.1'],
      ['TT02.NH.1.2'],
      ['TT02.NH.1.3'],
    ])
    const exposed = Target.parse({ ...base, measure: 'exposure', domains: ['1', '6'] })
    expect(targetEntries(exposed, catalog)).toEqual([
      ['TT02.NH.1.1', 'TT02.NH.1.2', 'TT02.NH.1.3'],
      ['TT02.NH.6.1', 'TT02.NH.6.2', 'TT02.NH.6.3'],
    ])
  })
})
