import { describe, expect, it } from '@jest/globals'
import { sumStaffByTable, tablesInUse } from './tables-in-use.ts'

const tables = [{ id: 'TT18.MN' }, { id: 'TT18.PT' }, { id: 'TT18.QL' }]

describe('tablesInUse', () => {
  it('lists the tables someone is in, in their order, and leaves out the empty ones', () => {
    const counts = new Map([
      ['TT18.QL', 2],
      ['TT18.PT', 30],
      ['TT18.MN', 0],
    ])
    expect(tablesInUse(tables, counts, []).map((t) => t.id)).toEqual(['TT18.PT', 'TT18.QL'])
  })

  it('keeps the table shown and the default though nobody is in them', () => {
    expect(tablesInUse(tables, new Map(), ['TT18.MN']).map((t) => t.id)).toEqual(['TT18.MN'])
    expect(tablesInUse(tables, new Map([['TT18.PT', 1]]), ['TT18.QL'])).toEqual([
      { id: 'TT18.PT' },
      { id: 'TT18.QL' },
    ])
  })
})

describe('sumStaffByTable', () => {
  it('adds up the schools of a district', () => {
    expect(
      sumStaffByTable([
        new Map([['TT18.PT', 3]]),
        new Map([
          ['TT18.PT', 4],
          ['TT18.MN', 1],
        ]),
      ]),
    ).toEqual(
      new Map([
        ['TT18.PT', 7],
        ['TT18.MN', 1],
      ]),
    )
  })
})
