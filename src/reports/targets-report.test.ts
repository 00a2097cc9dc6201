import { acceptedCodes, reaches, stillNeeded, targetStatus } from './targets-report.ts'

const atLeast = (share: number) => ({ share, comparison: 'at-least' as const })
const moreThan = (share: number) => ({ share, comparison: 'more-than' as const })

describe('reaches', () => {
  it('counts 30% of 10 as 3', () => {
    expect(reaches(atLeast(0.3), { group: 10, met: 3 })).toBe(true)
    expect(reaches(atLeast(0.3), { group: 10, met: 2 })).toBe(false)
  })

  it('counts 29% of 100 as 29, though 0.29 × 100 is 28.999… in floating point', () => {
    expect(0.29 * 100).toBeLessThan(29)
    expect(reaches(atLeast(0.29), { group: 100, met: 29 })).toBe(true)
    expect(stillNeeded(atLeast(0.29), { group: 100, met: 0 })).toBe(29)
    expect(reaches(moreThan(0.57), { group: 100, met: 57 })).toBe(false)
    expect(stillNeeded(moreThan(0.57), { group: 100, met: 0 })).toBe(58)
  })

  it('reads "trên 50%" as more than half, "50%" as at least half', () => {
    expect(reaches(atLeast(0.5), { group: 10, met: 5 })).toBe(true)
    expect(reaches(moreThan(0.5), { group: 10, met: 5 })).toBe(false)
    expect(reaches(moreThan(0.5), { group: 10, met: 6 })).toBe(true)
    expect(reaches(moreThan(0.5), { group: 11, met: 6 })).toBe(true)
  })

  it('needs everyone at 100%, and nobody reaches a target of an empty group', () => {
    expect(reaches(atLeast(1), { group: 7, met: 6 })).toBe(false)
    expect(reaches(atLeast(1), { group: 7, met: 7 })).toBe(true)
    expect(reaches(atLeast(0.1), { group: 0, met: 0 })).toBe(false)
  })
})

describe('targetStatus', () => {
  const target = { ...atLeast(0.5), deadline: '2026-12-25' }
  const short = { group: 10, met: 4 }

  it('is met once the share is reached, before or after the deadline', () => {
    const figure = { group: 10, met: 5 }
    expect(targetStatus(target, figure, new Date('2026-10-01T00:00:00Z'))).toBe('met')
    expect(targetStatus(target, figure, new Date('2027-10-01T00:00:00Z'))).toBe('met')
  })

  it('is open through the deadline day in Vietnam and missed from the next midnight there', () => {
    // 23:59:59 on 25/12 in Vietnam (UTC+7) is 16:59:59 UTC.
    expect(targetStatus(target, short, new Date('2026-12-25T16:59:59.999Z'))).toBe('open')
    expect(targetStatus(target, short, new Date('2026-12-25T17:00:00Z'))).toBe('missed')
    // Already 26/12 in Vietnam though still 25/12 in UTC.
    expect(targetStatus(target, short, new Date('2026-12-25T20:00:00Z'))).toBe('missed')
  })

  it('is empty when nobody is in the group', () => {
    expect(targetStatus(target, { group: 0, met: 0 }, new Date('2027-01-01T00:00:00Z'))).toBe(
      'empty',
    )
  })
})

describe('stillNeeded', () => {
  it('says how many more must meet the target', () => {
    expect(stillNeeded(atLeast(0.3), { group: 10, met: 1 })).toBe(2)
    expect(stillNeeded(atLeast(0.5), { group: 9, met: 0 })).toBe(5)
    expect(stillNeeded(moreThan(0.5), { group: 10, met: 3 })).toBe(3)
    expect(stillNeeded(moreThan(0.5), { group: 10, met: 5 })).toBe(1)
    expect(stillNeeded(atLeast(1), { group: 4, met: 1 })).toBe(3)
  })

  it('is 0 once reached, and for an empty group', () => {
    expect(stillNeeded(atLeast(0.3), { group: 10, met: 3 })).toBe(0)
    expect(stillNeeded(moreThan(0.5), { group: 10, met: 8 })).toBe(0)
    expect(stillNeeded(atLeast(0.5), { group: 0, met: 0 })).toBe(0)
  })

  it('after one more each time, reaches the target exactly when it says 0', () => {
    for (const target of [atLeast(0.3), moreThan(0.5), atLeast(0.1), moreThan(0.25)]) {
      for (let group = 1; group <= 40; group++) {
        const needed = stillNeeded(target, { group, met: 0 })
        expect(reaches(target, { group, met: needed })).toBe(true)
        expect(reaches(target, { group, met: needed - 1 })).toBe(false)
      }
    }
  })
})

describe('acceptedCodes', () => {
  const levels = [
    { code: 'CB', rank: 1 },
    { code: 'TT', rank: 2 },
    { code: 'NC', rank: 3 },
  ]

  it('accepts the minimum level and those above it', () => {
    expect(acceptedCodes(levels, 'CB')).toEqual(['CB', 'TT', 'NC'])
    expect(acceptedCodes(levels, 'TT')).toEqual(['TT', 'NC'])
    expect(acceptedCodes(levels, 'NC')).toEqual(['NC'])
  })

  it('accepts nothing for a level the framework does not have', () => {
    expect(acceptedCodes(levels, 'TC1')).toEqual([])
  })
})
