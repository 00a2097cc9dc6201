import type { Catalog } from '../../framework/index.ts'
import { type CsvFileProblemCode, type CsvProblem, readCsv } from '../csv/read-csv.ts'
import { POSITIONS, type Position, SCHOOL_LEVELS, type SchoolLevel } from '../plans/plan.ts'
import { normaliseEmail } from './email.ts'
import { ROSTER_COLUMN_LIST, type RosterColumn, readRosterHeader } from './roster-columns.ts'
import { readGrade, readPosition, readSchoolLevel } from './roster-group-cells.ts'
import { readTables } from './roster-tables.ts'

/**
 * A roster file, for schools without an LMS roster: one row per person, columns named in the
 * first row (English or Vietnamese, case and accents ignored; see roster-columns.ts). Staff and
 * pupils may share one file:
 * - `email`: how a staff member is known, and how xAPI statements name them (mbox);
 * - `ma_hs` / `ma_hoc_sinh` / `pupil_code` / `student_code`: a pupil's code at the school. A row
 *   needs an email or a pupil code; a row with a pupil code is a pupil's, known by that code (a
 *   minor needs no email: Decree 13/2023/NĐ-CP keeps a child's data to what the school needs);
 * - `name` / `ho_ten`: the full name;
 * - `lop` / `class` / `lop_hoc`: a pupil's class (7A1);
 * - `unit` / `don_vi`: the school or unit, for district reports;
 * - `table` / `bang`: the competency tables, short codes of any framework in force (MN, PT, QL
 *   of TT18; NH of TT02), combined (PT+QL) or full IDs (TT18.PT); empty: a pupil's is TT02.NH,
 *   anyone else's the tenant's default;
 * - `tai_khoan` / `account`: the person's user name in the LMS, as its xAPI statements name them
 *   (`actor.account.name`; K12Online, Moodle); a pupil's is their code when empty;
 * - `trang_chu` / `home_page`: the LMS's home page (`actor.account.homePage`); empty: the
 *   tenant's `accountHomePage`;
 * - `chuc_vu` / `position` / `chuc_danh`: the position, GV, TTCM, CBQL or NV, or in words
 *   (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, hiệu trưởng, nhân viên…);
 * - `cap_hoc` / `school_level` / `cap`: the school level, MN, TH, THCS, THPT or GDTX, or in
 *   words (mầm non, tiểu học…);
 * - `khoi` / `grade`: a pupil's grade, 1 to 12.
 * The last three place the person in plan targets' groups. An empty cell (except the keys) leaves
 * what the person has.
 */
export interface RosterRow {
  readonly row: number
  readonly line: number
  /** A staff member's key; a pupil's when they have one. */
  readonly email?: string
  /** Mã học sinh: a pupil's key, unique in the tenant. */
  readonly pupilCode?: string
  readonly name?: string
  /** Lớp, a pupil's class. */
  readonly className?: string
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
  | 'ERR_ROSTER_EMAIL_OR_PUPIL_CODE_REQUIRED'
  | 'ERR_ROSTER_EMAIL_INVALID'
  | 'ERR_ROSTER_EMAIL_TWICE'
  | 'ERR_ROSTER_EMAIL_TAKEN'
  | 'ERR_ROSTER_PUPIL_CODE_TWICE'
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

type Column = RosterColumn
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** An absolute http(s) URL, as an xAPI account's homePage must be (an IRL). */
export function isHomePage(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
}

/**
 * Reads a roster file against the frameworks in force (the tables must exist). Rows with problems
 * are listed and left out; a problem with the file itself refuses every row. `frameworkId` is the
 * tenant's framework (a short table code two frameworks share names its table);
 * `accountHomePage` is the home page of the accounts of rows that name none.
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
  const expected = ROSTER_COLUMN_LIST
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
  const { columns, unknown } = readRosterHeader(header)
  if (unknown.length > 0) {
    const named = unknown.map((c) => `"${c}"`).join(', ')
    return {
      rows: [],
      problems: [
        {
          line: header.line,
          code: 'ERR_ROSTER_COLUMN_UNKNOWN',
          values: { unknown: named, columns: expected },
          message: `unknown column ${named}; the columns are ${expected}`,
        },
      ],
    }
  }
  if (!columns.includes('email') && !columns.includes('pupilCode'))
    return {
      rows: [],
      problems: [
        {
          line: header.line,
          code: 'ERR_ROSTER_EMAIL_COLUMN_MISSING',
          values: { columns: expected },
          message: `no email or ma_hs column: staff are known by their email, pupils by their code; the columns are ${expected}`,
        },
      ],
    }
  // The column as the file's header names it (Chức vụ), as the person wrote it.
  const headed = (c: Column) => header.cells[columns.indexOf(c)]!.trim()
  const keyColumns = (['email', 'pupilCode'] as const)
    .filter((c) => columns.includes(c))
    .map(headed)
    .join(' / ')
  const rows: RosterRow[] = []
  const problems: RosterProblem[] = []
  const seen = new Map<string, number>()
  const seenCodes = new Map<string, number>()
  const seenAccounts = new Map<string, number>()
  data.forEach(({ cells, line }, i) => {
    const row = i + 1
    const cell = (c: Column) => {
      const at = columns.indexOf(c)
      const value = at >= 0 ? cells[at]?.trim() : undefined
      return value ? value : undefined
    }
    const problem = (
      column: string,
      code: RosterProblemCode,
      values: Record<string, string | number>,
      message: string,
    ) => problems.push({ line, row, column, code, values, message })
    const found = cell('email')
    const email = found === undefined ? undefined : normaliseEmail(found) || undefined
    const pupilCode = cell('pupilCode')
    if (!email && !pupilCode)
      return problem(
        keyColumns,
        'ERR_ROSTER_EMAIL_OR_PUPIL_CODE_REQUIRED',
        { columns: keyColumns },
        `needs an email (staff) or a pupil code ma_hs (pupils): ${keyColumns}`,
      )
    if (email && !EMAIL.test(email))
      return problem(
        'email',
        'ERR_ROSTER_EMAIL_INVALID',
        { email },
        `"${email}" is not an email address`,
      )
    const earlier = email === undefined ? undefined : seen.get(email)
    if (email && earlier !== undefined)
      return problem(
        'email',
        'ERR_ROSTER_EMAIL_TWICE',
        { email, row: earlier },
        `${email} is already on row ${earlier}`,
      )
    const earlierCode = pupilCode === undefined ? undefined : seenCodes.get(pupilCode)
    if (pupilCode && earlierCode !== undefined)
      return problem(
        headed('pupilCode'),
        'ERR_ROSTER_PUPIL_CODE_TWICE',
        { pupilCode, row: earlierCode },
        `the pupil code ${pupilCode} is already on row ${earlierCode}`,
      )
    // A pupil's table is the learners' (TT02.NH) unless the row names another.
    const table = cell('table') ?? (pupilCode ? 'NH' : undefined)
    const tables = table === undefined ? undefined : readTables(catalog, table, frameworkId)
    if (tables && 'unknown' in tables && cell('table') !== undefined)
      return problem(
        headed('table'),
        'ERR_ROSTER_TABLE_UNKNOWN',
        { table: tables.unknown, tables: tables.codes },
        `no competency table ${tables.unknown}; use ${tables.codes}`,
      )
    const audiences = tables && 'audiences' in tables ? tables.audiences : undefined
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
    // A pupil's LMS account is named by their code unless the row names another.
    const namedAccount = cell('account')
    const accountName = namedAccount ?? pupilCode
    const homePage = cell('homePage') ?? (accountName ? accountHomePage : undefined)
    if (homePage && !isHomePage(homePage))
      return problem(
        'homePage',
        'ERR_ROSTER_HOME_PAGE_INVALID',
        { homePage },
        `"${homePage}" is not a home page (an http or https URL)`,
      )
    if (namedAccount && !homePage)
      return problems.push({
        line,
        row,
        column: headed('account'),
        code: 'ERR_ROSTER_HOME_PAGE_MISSING',
        message: `names an account but no home page: add a trang_chu column, or set the tenant's account home page`,
      })
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
    if (email) seen.set(email, row)
    if (pupilCode) seenCodes.set(pupilCode, row)
    const name = cell('name')
    const className = cell('className')
    const unit = cell('unit')
    rows.push({
      row,
      line,
      ...(email && { email }),
      ...(pupilCode && { pupilCode }),
      ...(name && { name }),
      ...(className && { className }),
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

/** The emails of a roster's staff rows, for whom teachers' accounts are made (never pupils'). */
export function staffEmails(rows: readonly RosterRow[]): string[] {
  return rows.flatMap((r) => (r.pupilCode === undefined && r.email ? [r.email] : []))
}
