import { describe, expect, it } from '@jest/globals'
import {
  asOf,
  firstSemesterUnder,
  nextSemester,
  parseSchoolYear,
  parseSemester,
  previousSemester,
  schoolYear,
  schoolYearOf,
  semester,
  semesterOf,
  semestersSince,
  semestersUpTo,
} from './semester.ts'

describe('semesters', () => {
  it('starts the first term on 1 August and the second on 16 January, in Vietnam time', () => {
    const hk1 = semester(2026, 1)
    expect(hk1.id).toBe('2026-2027-HK1')
    expect(hk1.start.toISOString()).toBe('2026-07-31T17:00:00.000Z')
    expect(hk1.end.toISOString()).toBe('2027-01-15T17:00:00.000Z')
    expect(semester(2026, 2).start).toEqual(hk1.end)
    expect(semester(2026, 2).end).toEqual(semester(2027, 1).start)
  })

  it('puts an instant in its semester, by the date in Vietnam', () => {
    expect(semesterOf(new Date('2026-11-22T08:00:00Z')).id).toBe('2026-2027-HK1')
    // 20 December: the first-term report (due before 25 December) is in the first term.
    expect(semesterOf(new Date('2026-12-20T00:00:00Z')).id).toBe('2026-2027-HK1')
    expect(semesterOf(new Date('2027-01-15T16:59:59Z')).id).toBe('2026-2027-HK1')
    expect(semesterOf(new Date('2027-01-15T17:00:00Z')).id).toBe('2026-2027-HK2')
    // 5 May: the second-term report (due before 10 May).
    expect(semesterOf(new Date('2027-05-05T00:00:00Z')).id).toBe('2026-2027-HK2')
    expect(semesterOf(new Date('2026-07-31T16:59:59Z')).id).toBe('2025-2026-HK2')
    expect(semesterOf(new Date('2026-07-31T17:00:00Z')).id).toBe('2026-2027-HK1')
  })

  it('steps back and lists semesters oldest first', () => {
    expect(previousSemester(semester(2026, 1)).id).toBe('2025-2026-HK2')
    expect(previousSemester(semester(2026, 2)).id).toBe('2026-2027-HK1')
    expect(semestersUpTo(semester(2026, 1), 3).map((s) => s.id)).toEqual([
      '2025-2026-HK1',
      '2025-2026-HK2',
      '2026-2027-HK1',
    ])
  })

  it('parses ids and refuses malformed ones', () => {
    expect(parseSemester('2026-2027-HK2')).toEqual(semester(2026, 2))
    expect(parseSemester('2026-2028-HK1')).toBeUndefined()
    expect(parseSemester('2026-2027-HK3')).toBeUndefined()
    expect(parseSemester('HK1')).toBeUndefined()
  })

  it('reads a running semester now, a past one at its end', () => {
    const now = new Date('2026-11-22T08:00:00Z')
    expect(asOf(semester(2026, 1), now)).toEqual(now)
    expect(asOf(semester(2025, 2), now)).toEqual(semester(2025, 2).end)
  })

  it('starts a circular at the first semester whose report falls due after it takes effect', () => {
    // Circular 18/2026 takes effect on 12 May 2026, after the 2025-2026-HK2 report (10 May).
    expect(firstSemesterUnder('2026-05-12').id).toBe('2026-2027-HK1')
    expect(firstSemesterUnder('2026-05-09').id).toBe('2025-2026-HK2')
    expect(firstSemesterUnder('2026-12-24').id).toBe('2026-2027-HK1')
    expect(firstSemesterUnder('2026-12-25').id).toBe('2026-2027-HK2')
    expect(firstSemesterUnder('2027-01-20').id).toBe('2026-2027-HK2')
    expect(nextSemester(semester(2026, 2)).id).toBe('2027-2028-HK1')
  })

  it('lists no semester from before the circular', () => {
    const first = firstSemesterUnder('2026-05-12')
    expect(semestersSince(first, semester(2026, 1), 6).map((s) => s.id)).toEqual(['2026-2027-HK1'])
    expect(semestersSince(first, semester(2027, 2), 3).map((s) => s.id)).toEqual([
      '2026-2027-HK2',
      '2027-2028-HK1',
      '2027-2028-HK2',
    ])
    expect(semestersSince(first, semester(2025, 2), 6)).toEqual([])
  })
})

describe('school years', () => {
  it('run from 1 August to the next, in Vietnam', () => {
    const year = schoolYear(2025)
    expect(year.id).toBe('2025-2026')
    expect(year.start.toISOString()).toBe('2025-07-31T17:00:00.000Z')
    expect(year.end.toISOString()).toBe('2026-07-31T17:00:00.000Z')
    expect(schoolYearOf(new Date('2026-05-31T00:00:00Z')).id).toBe('2025-2026')
    expect(schoolYearOf(new Date('2026-07-31T17:00:00Z')).id).toBe('2026-2027')
    expect(parseSchoolYear('2025-2026')).toEqual(year)
    expect(parseSchoolYear('2025-2027')).toBeUndefined()
  })
})
