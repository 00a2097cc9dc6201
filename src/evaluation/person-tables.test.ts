import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { personTables, tableChoices } from './person-tables.ts'

const catalog = shippedCatalog()

describe('personTables', () => {
  it("is the school's table when the person chose none", () => {
    expect(personTables(catalog, {}, 'TT18.MN').map((a) => a.id)).toEqual(['TT18.MN'])
  })

  it("is the person's own choice, a manager's two tables in order", () => {
    const ids = personTables(catalog, { audiences: ['TT18.PT', 'TT18.QL'] }, 'TT18.MN').map(
      (a) => a.id,
    )
    expect(ids).toEqual(['TT18.PT', 'TT18.QL'])
  })

  it('adds the tables of the courses the person learns in, each once', () => {
    const pupil = personTables(catalog, { courseAudiences: ['TT02.NH'] }, 'TT18.PT')
    expect(pupil.map((a) => a.id)).toEqual(['TT02.NH'])
    const both = personTables(
      catalog,
      { audiences: ['TT18.PT'], courseAudiences: ['TT02.NH', 'TT18.PT'] },
      'TT18.PT',
    )
    expect(both.map((a) => a.id)).toEqual(['TT18.PT', 'TT02.NH'])
  })

  it('skips tables no longer in force, falling back to the school table', () => {
    expect(personTables(catalog, { audiences: ['TT99.XX'] }, 'TT18.PT').map((a) => a.id)).toEqual([
      'TT18.PT',
    ])
  })

  it('falls back to the first table when the school names an unknown one', () => {
    expect(personTables(catalog, {}, 'TT99.XX')).toHaveLength(1)
  })
})

describe('tableChoices', () => {
  it("offers each teacher table alone and each with the managers' table", () => {
    const values = tableChoices(catalog, 'TT18.PT').map((c) => c.value)
    expect(values).toEqual(
      expect.arrayContaining(['TT18.MN', 'TT18.PT', 'TT18.MN+TT18.QL', 'TT18.PT+TT18.QL']),
    )
    expect(values).not.toContain('TT18.QL')
    expect(values.every((v) => v.startsWith('TT18.'))).toBe(true)
  })
})
