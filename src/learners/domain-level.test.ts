import { describe, expect, it } from '@jest/globals'
import { shippedCatalog, type Framework } from '../../framework/index.ts'
import { atOrAbove, bandOf, domainLevel } from './domain-level.ts'

const tt02 = shippedCatalog().frameworks.find((f) => f.id === 'TT02') as Framework
const domain1 = ['TT02.NH.1.1', 'TT02.NH.1.2', 'TT02.NH.1.3']

describe('domainLevel', () => {
  it('is the lowest level of the domain’s components', () => {
    const levels: Record<string, string> = {
      'TT02.NH.1.1': 'TC2',
      'TT02.NH.1.2': 'TC1',
      'TT02.NH.1.3': 'NC1',
    }
    expect(domainLevel(tt02, domain1, (id) => levels[id])).toBe('TC1')
  })

  it('is none while a component has no level (or an unknown one)', () => {
    const levels: Record<string, string | null> = {
      'TT02.NH.1.1': 'TC2',
      'TT02.NH.1.2': null,
      'TT02.NH.1.3': 'NC1',
    }
    expect(domainLevel(tt02, domain1, (id) => levels[id])).toBeNull()
    expect(domainLevel(tt02, domain1, () => 'ZZ1')).toBeNull()
    expect(domainLevel(tt02, [], () => 'CB1')).toBeNull()
  })
})

describe('atOrAbove and bandOf', () => {
  it('compares by the framework’s ranks', () => {
    expect(atOrAbove(tt02, 'TC1', 'TC1')).toBe(true)
    expect(atOrAbove(tt02, 'NC1', 'TC1')).toBe(true)
    expect(atOrAbove(tt02, 'CB2', 'TC1')).toBe(false)
    expect(atOrAbove(tt02, null, 'CB1')).toBe(false)
    expect(atOrAbove(tt02, 'TC1', 'XX')).toBe(false)
  })

  it('names the band by the code’s letters', () => {
    expect(['CB1', 'CB2', 'TC1', 'NC2', 'CS1'].map(bandOf)).toEqual(['CB', 'CB', 'TC', 'NC', 'CS'])
  })
})
