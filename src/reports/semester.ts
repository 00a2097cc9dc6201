// The school year's semesters (học kỳ), as Vietnamese schools keep them: the first from August
// to mid-January (its report due before 25 December), the second from mid-January to July (due
// before 10 May). Dates are taken in Vietnam's time (UTC+7, no daylight saving).

/** A semester: school year 2026-2027, term 1 or 2. */
export interface Semester {
  /** e.g. "2026-2027-HK1", as reports and files are named. */
  readonly id: string
  readonly startYear: number
  readonly term: 1 | 2
  /** The first instant of the semester. */
  readonly start: Date
  /** The first instant after it. */
  readonly end: Date
}

const VN_OFFSET_MS = 7 * 3_600_000

/** Midnight in Vietnam of a calendar date, as an instant. */
function vnMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - VN_OFFSET_MS)
}

/** The calendar date in Vietnam of an instant, as YYYY-MM-DD. */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10)
}

/** The semester of school year `startYear`–`startYear + 1`, term 1 or 2. */
export function semester(startYear: number, term: 1 | 2): Semester {
  const start = term === 1 ? vnMidnight(startYear, 8, 1) : vnMidnight(startYear + 1, 1, 16)
  const end = term === 1 ? vnMidnight(startYear + 1, 1, 16) : vnMidnight(startYear + 1, 8, 1)
  return { id: `${startYear}-${startYear + 1}-HK${term}`, startYear, term, start, end }
}

/** The semester an instant falls in. */
export function semesterOf(at: Date): Semester {
  const local = new Date(at.getTime() + VN_OFFSET_MS)
  const year = local.getUTCFullYear()
  const month = local.getUTCMonth() + 1
  const day = local.getUTCDate()
  if (month >= 8) return semester(year, 1)
  if (month === 1 && day < 16) return semester(year - 1, 1)
  return semester(year - 1, 2)
}

/** The semester before. */
export function previousSemester(s: Semester): Semester {
  return s.term === 2 ? semester(s.startYear, 1) : semester(s.startYear - 1, 2)
}

/** A semester from its id ("2026-2027-HK1"), or undefined. */
export function parseSemester(id: string): Semester | undefined {
  const match = /^(\d{4})-(\d{4})-HK([12])$/.exec(id)
  if (!match || Number(match[2]) !== Number(match[1]) + 1) return undefined
  return semester(Number(match[1]), Number(match[3]) as 1 | 2)
}

/** The `count` semesters up to and including `last`, oldest first. */
export function semestersUpTo(last: Semester, count: number): Semester[] {
  const list = [last]
  while (list.length < count) list.unshift(previousSemester(list[0]!))
  return list
}

/**
 * The instant a semester's figures are read at: its end, or `now` while it is running (a
 * report of the current semester shows the levels held today).
 */
export function asOf(s: Semester, now: Date): Date {
  return now < s.end ? now : s.end
}

/** The day a semester's report falls due: before 25 December (term 1), before 10 May (term 2). */
export function reportDue(s: Semester): Date {
  return s.term === 1 ? vnMidnight(s.startYear, 12, 25) : vnMidnight(s.startYear + 1, 5, 10)
}

/** The semester after. */
export function nextSemester(s: Semester): Semester {
  return s.term === 1 ? semester(s.startYear, 2) : semester(s.startYear + 1, 1)
}

/**
 * The first semester reported under a circular that takes effect on `effective` (YYYY-MM-DD,
 * Vietnam): the one it takes effect in, or the next when that one's report fell due before.
 * Circular 18/2026 (effective 12 May 2026, after the 10 May report) gives 2026-2027-HK1.
 */
export function firstSemesterUnder(effective: string): Semester {
  const [year, month, day] = effective.split('-').map(Number) as [number, number, number]
  const from = vnMidnight(year, month, day)
  const first = semesterOf(from)
  return from < reportDue(first) ? first : nextSemester(first)
}

/** The semesters up to and including `last`, oldest first: at most `count`, none before `first`. */
export function semestersSince(first: Semester, last: Semester, count: number): Semester[] {
  return semestersUpTo(last, count).filter((s) => s.start >= first.start)
}

/** A school year: from 1 August (its first semester's start) to the next 1 August. */
export interface SchoolYear {
  /** e.g. "2025-2026". */
  readonly id: string
  readonly startYear: number
  readonly start: Date
  /** The first instant after it. */
  readonly end: Date
}

/** The school year `startYear`–`startYear + 1`. */
export function schoolYear(startYear: number): SchoolYear {
  return {
    id: `${startYear}-${startYear + 1}`,
    startYear,
    start: semester(startYear, 1).start,
    end: semester(startYear, 2).end,
  }
}

/** The school year an instant falls in. */
export function schoolYearOf(at: Date): SchoolYear {
  return schoolYear(semesterOf(at).startYear)
}

/** A school year from its id ("2025-2026"), or undefined. */
export function parseSchoolYear(id: string): SchoolYear | undefined {
  const match = /^(\d{4})-(\d{4})$/.exec(id)
  if (!match || Number(match[2]) !== Number(match[1]) + 1) return undefined
  return schoolYear(Number(match[1]))
}
