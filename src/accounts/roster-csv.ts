import type { Catalog } from '../../framework/index.ts'
import { cellKey } from '../csv/cell-key.ts'
import { type CsvFileProblemCode, type CsvProblem, readCsv } from '../csv/read-csv.ts'
import { POSITIONS, type Position, SCHOOL_LEVELS, type SchoolLevel } from '../plans/plan.ts'
import { normaliseEmail } from './email.ts'
import { readGrade, readPosition, readSchoolLevel } from './roster-group-cells.ts'

/**
 * A staff roster file, for schools without an LMS roster: one row per person, columns named in
 * the first row (English or Vietnamese, case and accents ignored):
 * - `email` (required): how the person is known, and how xAPI statements name them (mbox);
 * - `name` / `ho_ten`: the full name;
 * - `unit` / `don_vi`: the school or unit, for district reports;
 * - `table` / `bang`: the competency table, MN, PT, PT+QL or MN+QL (or full IDs such as TT18.PT);
 *   empty: the tenant's default;
 * - `tai_khoan` / `account`: the person's user name in the LMS, as its xAPI statements name them
 *   (`actor.account.name`; K12Online, Moodle);
 * - `trang_chu` / `home_page`: the LMS's home page (`actor.account.homePage`); empty: the
 *   tenant's `accountHomePage`;
 * - `chuc_vu` / `position` / `chuc_danh`: the position, GV, TTCM, CBQL or NV, or in words
 *   (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, hiệu trưởng, nhân viên…);
 * - `cap_hoc` / `school_level` / `cap`: the school level, MN, TH, THCS, THPT or GDTX, or in
 *   words (mầm non, tiểu học…);
 * - `khoi` / `grade`: a pupil's grade, 1 to 12.
 * The last three place the person in plan targets' groups. An empty cell (except email's) leaves
 * what the person has.
 */
export interface RosterRow {
  readonly row: number
  readonly line: number
  readonly email: string
  readonly name?: string
  readonly unit?: string
  readonly audiences?: readonly string[]
  /** The xAPI account statements name the person by (xAPI 1.0.3 §2.4.2.3, Account Object). */
  readonly account?: { readonly homePage: string; readonly name: string }
  readonly position?: Position
  readonly schoolLevel?: SchoolLevel
  /** Khối, 1–12. */
  readonly grade?: number
}

/** What is wrong with a roster file or a row of it; the pages' locales say each in words. */
export type RosterProblemCode =
  | CsvFileProblemCode
  | 'ERR_ROSTER_EMPTY'
  | 'ERR_ROSTER_COLUMN_UNKNOWN'
  | 'ERR_ROSTER_EMAIL_COLUMN_MISSING'
  | 'ERR_ROSTER_EMAIL_REQUIRED'
  | 'ERR_ROSTER_EMAIL_INVALID'
  | 'ERR_ROSTER_EMAIL_TWICE'
  | 'ERR_ROSTER_TABLE_UNKNOWN'
  | 'ERR_ROSTER_HOME_PAGE_INVALID'
  | 'ERR_ROSTER_HOME_PAGE_MISSING'
  | 'ERR_ROSTER_ACCOUNT_TWICE'
  | 'ERR_ROSTER_ACCOUNT_TAKEN'
  | 'ERR_ROSTER_UNIT_UNKNOWN'
  | 'ERR_ROSTER_POSITION_UNKNOWN'
  | 'ERR_ROSTER_SCHOOL_LEVEL_UNKNOWN'
  | 'ERR_ROSTER_GRADE_INVALID'

/** A problem of a roster file: its code and values, and the same in English as `message`. */
export interface RosterProblem extends CsvProblem<RosterProblemCode> {
  readonly code: RosterProblemCode
}

const COLUMNS = {
  email: ['email', 'e-mail', 'thu_dien_tu'],
  name: ['name', 'ho_ten', 'ho_va_ten'],
  unit: ['unit', 'don_vi', 'truong', 'school'],
  table: ['table', 'bang', 'bang_nang_luc'],
  account: ['tai_khoan', 'account', 'username', 'ten_dang_nhap'],
  homePage: ['trang_chu', 'home_page', 'homepage'],
  position: ['chuc_vu', 'position', 'chuc_danh'],
  schoolLevel: ['cap_hoc', 'school_level', 'cap'],
  grade: ['khoi', 'grade'],
} as const
type Column = keyof typeof COLUMNS
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** An absolute http(s) URL, as an xAPI account's homePage must be (an IRL). */
export function isHomePage(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
}

/**
 * Reads a roster file against the frameworks (the tables must exist). Rows with problems are
 * listed and left out; a problem with the file itself refuses every row. `accountHomePage` is the
 * home page of the accounts of rows that name none.
 */
export function parseRosterCsv(
  text: string,
  catalog: Catalog,
  frameworkId: string,
  accountHomePage?: string | null,
): { rows: RosterRow[]; problems: RosterProblem[] } {
  const read = readCsv(text)
  if (!('rows' in read)) return { rows: [], problems: [read] }
  const [header, ...data] = read.rows
  const expected =
    'email, name (ho_ten), unit (don_vi), table (bang), account (tai_khoan), home page (trang_chu), position (chuc_vu), school level (cap_hoc), grade (khoi)'
  if (!header)
    return {
      rows: [],
      problems: [
        {
          line: 1,
          code: 'ERR_ROSTER_EMPTY',
          values: { columns: expected },
          message: `the file is empty: its first row must name the columns (${expected})`,
        },
      ],
    }
  const columns = header.cells.map((cell) => {
    const k = cellKey(cell)
    return (Object.keys(COLUMNS) as Column[]).find((c) =>
      (COLUMNS[c] as readonly string[]).includes(k),
    )
  })
  const unknown = header.cells.filter((c, i) => c.trim() !== '' && columns[i] === undefined)
  if (!columns.includes('email') || unknown.length > 0) {
    const named = unknown.map((c) => `"${c}"`).join(', ')
    return {
      rows: [],
      problems: [
        unknown.length > 0
          ? {
              line: header.line,
              code: 'ERR_ROSTER_COLUMN_UNKNOWN',
              values: { unknown: named, columns: expected },
              message: `unknown column ${named}; the columns are ${expected}`,
            }
          : {
              line: header.line,
              code: 'ERR_ROSTER_EMAIL_COLUMN_MISSING',
              values: { columns: expected },
              message: `no email column; the columns are ${expected}`,
            },
      ],
    }
  }
  const rows: RosterRow[] = []
  const problems: RosterProblem[] = []
  const seen = new Map<string, number>()
  const seenAccounts = new Map<string, number>()
  data.forEach(({ cells, line }, i) => {
    const row = i + 1
    const cell = (c: Column) => {
      const at = columns.indexOf(c)
      const value = at >= 0 ? cells[at]?.trim() : undefined
      return value ? value : undefined
    }
    const problem = (
      column: Column,
      code: RosterProblemCode,
      values: Record<string, string | number>,
      message: string,
    ) => problems.push({ line, row, column, code, values, message })
    const found = cell('email')
    const email = found === undefined ? undefined : normaliseEmail(found)
    if (!email) return problem('email', 'ERR_ROSTER_EMAIL_REQUIRED', {}, 'required')
    if (!EMAIL.test(email))
      return problem(
        'email',
        'ERR_ROSTER_EMAIL_INVALID',
        { email },
        `"${email}" is not an email address`,
      )
    const earlier = seen.get(email)
    if (earlier !== undefined)
      return problem(
        'email',
        'ERR_ROSTER_EMAIL_TWICE',
        { email, row: earlier },
        `${email} is already on row ${earlier}`,
      )
    const table = cell('table')
    let audiences: string[] | undefined
    if (table) {
      audiences = table
        .split(/\s*[+,]\s*/)
        .map((a) => (a.includes('.') ? a.toUpperCase() : `${frameworkId}.${a.toUpperCase()}`))
      const bad = audiences.find((a) => catalog.find(a)?.kind !== 'audience')
      if (bad)
        return problem(
          'table',
          'ERR_ROSTER_TABLE_UNKNOWN',
          { table: bad },
          `no competency table ${bad}; use MN, PT, PT+QL or MN+QL`,
        )
    }
    // The column as the file's header names it (Chức vụ), as the person wrote it.
    const headed = (c: Column) => header.cells[columns.indexOf(c)]!.trim()
    const positionCell = cell('position')
    const position = positionCell === undefined ? undefined : readPosition(positionCell)
    if (positionCell !== undefined && position === undefined)
      return problems.push({
        line,
        row,
        column: headed('position'),
        code: 'ERR_ROSTER_POSITION_UNKNOWN',
        values: { position: positionCell, positions: POSITIONS.join(', ') },
        message: `no position "${positionCell}"; use ${POSITIONS.join(', ')} (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)`,
      })
    const levelCell = cell('schoolLevel')
    const schoolLevel = levelCell === undefined ? undefined : readSchoolLevel(levelCell)
    if (levelCell !== undefined && schoolLevel === undefined)
      return problems.push({
        line,
        row,
        column: headed('schoolLevel'),
        code: 'ERR_ROSTER_SCHOOL_LEVEL_UNKNOWN',
        values: { schoolLevel: levelCell, schoolLevels: SCHOOL_LEVELS.join(', ') },
        message: `no school level "${levelCell}"; use ${SCHOOL_LEVELS.join(', ')}`,
      })
    const gradeCell = cell('grade')
    const grade = gradeCell === undefined ? undefined : readGrade(gradeCell)
    if (gradeCell !== undefined && grade === undefined)
      return problems.push({
        line,
        row,
        column: headed('grade'),
        code: 'ERR_ROSTER_GRADE_INVALID',
        values: { grade: gradeCell },
        message: `"${gradeCell}" is not a grade: a whole number from 1 to 12`,
      })
    const accountName = cell('account')
    const homePage = cell('homePage') ?? (accountName ? accountHomePage : undefined)
    if (homePage && !isHomePage(homePage))
      return problem(
        'homePage',
        'ERR_ROSTER_HOME_PAGE_INVALID',
        { homePage },
        `"${homePage}" is not a home page (an http or https URL)`,
      )
    if (accountName && !homePage) {
      const column = header.cells[columns.indexOf('account')]!.trim()
      return problems.push({
        line,
        row,
        column,
        code: 'ERR_ROSTER_HOME_PAGE_MISSING',
        message: `names an account but no home page: add a trang_chu column, or set the tenant's account home page`,
      })
    }
    const account = accountName && homePage ? `${accountName} @ ${homePage}` : undefined
    const earlierAccount = account === undefined ? undefined : seenAccounts.get(account)
    if (account && earlierAccount !== undefined)
      return problem(
        'account',
        'ERR_ROSTER_ACCOUNT_TWICE',
        { account, row: earlierAccount },
        `${account} is already on row ${earlierAccount}`,
      )
    if (account) seenAccounts.set(account, row)
    seen.set(email, row)
    const name = cell('name')
    const unit = cell('unit')
    rows.push({
      row,
      line,
      email,
      ...(name && { name }),
      ...(unit && { unit }),
      ...(audiences && { audiences }),
      ...(accountName && homePage && { account: { homePage, name: accountName } }),
      ...(position && { position }),
      ...(schoolLevel && { schoolLevel }),
      ...(grade !== undefined && { grade }),
    })
  })
  return { rows, problems }
}
