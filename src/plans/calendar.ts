// A plan's reporting calendar as the periods a node may file a report for, and the instant a
// filed report's figures are read at. Dates are Vietnam's (UTC+7, no daylight saving). Pure.
import { semesterOf } from '../reports/semester.ts'
import type { CalendarEntry } from './plan.ts'

export type PeriodKind = CalendarEntry['period']

/** A period a report is filed for. */
export interface ReportingPeriod {
  /** 2026-2027-HK1, 2026-2027-HK2 (as semester.ts), 2026 (a calendar year), 2026-2027. */
  readonly id: string
  readonly kind: PeriodKind
  /** The first instant of the day the report falls due, in Vietnam. */
  readonly due: Date
  /** The years it is of, for its label: "2026-2027" or "2026". */
  readonly years: string
}

/** The calendar of a node without a plan: the semesters' reports, before 25/12 and 10/5. */
export const DEFAULT_CALENDAR: readonly CalendarEntry[] = [
  { period: 'semester-1', due: '12-25' },
  { period: 'semester-2', due: '05-10' },
]

/** How far ahead a report may be filed: about two months before it falls due. */
export const FILING_AHEAD_DAYS = 61

const VN_OFFSET_MS = 7 * 3_600_000
const DAY_MS = 24 * 3_600_000

/** The first instant of a day in Vietnam; a 29 February of a common year is its 28th. */
function vnDayStart(year: number, monthDay: string): Date {
  const [month, day] = monthDay.split('-').map(Number) as [number, number]
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return new Date(Date.UTC(year, month - 1, Math.min(day, lastDay)) - VN_OFFSET_MS)
}

/**
 * The period of a calendar entry for school year `year`–`year + 1` (for `year` entries, calendar
 * year `year`): a first semester's report falls due in `year` from August on, else in the next;
 * the second semester's and the school year's in `year + 1`; a calendar year's in `year`.
 */
export function periodOf(entry: CalendarEntry, year: number): ReportingPeriod {
  const month = Number(entry.due.slice(0, 2))
  const schoolYear = `${year}-${year + 1}`
  switch (entry.period) {
    case 'semester-1':
      return {
        id: `${schoolYear}-HK1`,
        kind: entry.period,
        due: vnDayStart(month >= 8 ? year : year + 1, entry.due),
        years: schoolYear,
      }
    case 'semester-2':
      return {
        id: `${schoolYear}-HK2`,
        kind: entry.period,
        due: vnDayStart(year + 1, entry.due),
        years: schoolYear,
      }
    case 'school-year':
      return {
        id: schoolYear,
        kind: entry.period,
        due: vnDayStart(year + 1, entry.due),
        years: schoolYear,
      }
    case 'year':
      return {
        id: `${year}`,
        kind: entry.period,
        due: vnDayStart(year, entry.due),
        years: `${year}`,
      }
  }
}

/**
 * The periods a node may file for at `now`: those of the current and the previous school year
 * (calendar years included) falling due at most {@link FILING_AHEAD_DAYS} days ahead, the one due
 * last first.
 */
export function reportingPeriods(calendar: readonly CalendarEntry[], now: Date): ReportingPeriod[] {
  const current = semesterOf(now).startYear
  const horizon = now.getTime() + FILING_AHEAD_DAYS * DAY_MS
  return calendar
    .flatMap((entry) => {
      // A school year spans two calendar years: the current one's second and the previous one's first.
      const years =
        entry.period === 'year' ? [current + 1, current, current - 1] : [current, current - 1]
      return years.map((year) => periodOf(entry, year))
    })
    .filter((p) => p.due.getTime() <= horizon)
    .sort((a, b) => b.due.getTime() - a.due.getTime() || a.id.localeCompare(b.id))
}

/**
 * The instant a report filed at `now` reads its figures at: now, but never after the period's
 * due date (a late filing reports what was held when it fell due).
 */
export function figuresAt(period: Pick<ReportingPeriod, 'due'>, now: Date): Date {
  return now < period.due ? now : period.due
}

/** A period's kind and years from its id (as a filed report names it), or undefined. */
export function parsePeriodId(id: string): Pick<ReportingPeriod, 'kind' | 'years'> | undefined {
  const semester = /^(\d{4}-\d{4})-HK([12])$/.exec(id)
  if (semester)
    return { kind: semester[2] === '1' ? 'semester-1' : 'semester-2', years: semester[1]! }
  if (/^\d{4}-\d{4}$/.test(id)) return { kind: 'school-year', years: id }
  if (/^\d{4}$/.test(id)) return { kind: 'year', years: id }
  return undefined
}
