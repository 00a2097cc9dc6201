import { describe, expect, it } from '@jest/globals'
import {
  DEFAULT_CALENDAR,
  figuresAt,
  parsePeriodId,
  periodOf,
  reportingPeriods,
} from './calendar.ts'
import type { CalendarEntry } from './plan.ts'

/** An instant given in Vietnam's time. */
const vn = (local: string) => new Date(`${local}+07:00`)

const CITY: CalendarEntry[] = [
  { period: 'semester-1', due: '12-25' },
  { period: 'semester-2', due: '05-10' },
  { period: 'year', due: '12-10' },
  { period: 'school-year', due: '06-30' },
]

describe('the periods of a calendar', () => {
  it('names each kind and sets its due day at the start of the day in Vietnam', () => {
    const hk1 = periodOf({ period: 'semester-1', due: '12-25' }, 2026)
    expect(hk1).toEqual({
      id: '2026-2027-HK1',
      kind: 'semester-1',
      due: new Date('2026-12-24T17:00:00.000Z'),
      years: '2026-2027',
    })
    expect(periodOf({ period: 'semester-2', due: '05-10' }, 2026).due).toEqual(
      new Date('2027-05-09T17:00:00.000Z'),
    )
    expect(periodOf({ period: 'year', due: '12-10' }, 2026)).toMatchObject({
      id: '2026',
      due: new Date('2026-12-09T17:00:00.000Z'),
      years: '2026',
    })
    expect(periodOf({ period: 'school-year', due: '06-30' }, 2026)).toMatchObject({
      id: '2026-2027',
      due: new Date('2027-06-29T17:00:00.000Z'),
    })
  })

  it("puts a first semester's report due in January in the next calendar year", () => {
    expect(periodOf({ period: 'semester-1', due: '01-10' }, 2026).due).toEqual(
      vn('2027-01-10T00:00'),
    )
  })

  it('takes 29 February of a common year as the 28th', () => {
    expect(periodOf({ period: 'semester-2', due: '02-29' }, 2026).due).toEqual(
      vn('2027-02-28T00:00'),
    )
    expect(periodOf({ period: 'semester-2', due: '02-29' }, 2027).due).toEqual(
      vn('2028-02-29T00:00'),
    )
  })
})

describe('the periods a node may file for', () => {
  it('lists those of this school year and the last, due at most two months ahead, newest first', () => {
    const periods = reportingPeriods(CITY, vn('2026-12-05T10:00'))
    expect(periods.map((p) => p.id)).toEqual([
      '2026-2027-HK1',
      '2026',
      '2025-2026',
      '2025-2026-HK2',
      '2025-2026-HK1',
      '2025',
    ])
  })

  it('leaves out a report due more than two months ahead', () => {
    const ids = reportingPeriods(DEFAULT_CALENDAR, vn('2026-10-01T12:00')).map((p) => p.id)
    expect(ids).toEqual(['2025-2026-HK2', '2025-2026-HK1'])
    expect(reportingPeriods(DEFAULT_CALENDAR, vn('2026-10-30T12:00'))[0]!.id).toBe('2026-2027-HK1')
  })

  it('moves to the new school year at midnight of 1 August in Vietnam, not in UTC', () => {
    // Both instants fall on 31 July in UTC (16:59 and 17:00).
    const before = reportingPeriods(DEFAULT_CALENDAR, vn('2026-07-31T23:59'))
    const after = reportingPeriods(DEFAULT_CALENDAR, vn('2026-08-01T00:00'))
    expect(before.map((p) => p.id)).toEqual([
      '2025-2026-HK2',
      '2025-2026-HK1',
      '2024-2025-HK2',
      '2024-2025-HK1',
    ])
    expect(after.map((p) => p.id)).toEqual(['2025-2026-HK2', '2025-2026-HK1'])
  })

  it('gives the default calendar the semesters of 25/12 and 10/5', () => {
    expect(DEFAULT_CALENDAR).toEqual([
      { period: 'semester-1', due: '12-25' },
      { period: 'semester-2', due: '05-10' },
    ])
  })
})

describe('the instant figures are read at', () => {
  const hk1 = periodOf({ period: 'semester-1', due: '12-25' }, 2026)

  it('is now before the due day', () => {
    const now = vn('2026-12-24T23:59:59')
    expect(figuresAt(hk1, now)).toEqual(now)
  })

  it('is the start of the due day for a filing on it or later', () => {
    expect(figuresAt(hk1, vn('2026-12-25T00:00'))).toEqual(vn('2026-12-25T00:00'))
    expect(figuresAt(hk1, vn('2026-12-25T00:30'))).toEqual(hk1.due)
    expect(figuresAt(hk1, vn('2027-03-01T09:00'))).toEqual(hk1.due)
    // 24 December 17:30 UTC is already the 25th in Vietnam.
    expect(figuresAt(hk1, new Date('2026-12-24T17:30:00Z'))).toEqual(
      new Date('2026-12-24T17:00:00Z'),
    )
  })
})

describe('a period from its id', () => {
  it('gives its kind and years', () => {
    expect(parsePeriodId('2026-2027-HK2')).toEqual({ kind: 'semester-2', years: '2026-2027' })
    expect(parsePeriodId('2026-2027')).toEqual({ kind: 'school-year', years: '2026-2027' })
    expect(parsePeriodId('2026')).toEqual({ kind: 'year', years: '2026' })
    expect(parsePeriodId('HK1')).toBeUndefined()
  })
})
