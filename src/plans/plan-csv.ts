import { readPosition, readSchoolLevel } from '../accounts/roster-group-cells.ts'
import { type CsvFileProblemCode, type CsvProblem, readCsv } from '../csv/read-csv.ts'
import {
  POSITIONS,
  type Position,
  SCHOOL_LEVELS,
  type SchoolLevel,
  type Target,
  TargetComponent,
  TargetDomain,
  type TargetGroup,
} from './plan.ts'
import { cellKey } from '../csv/cell-key.ts'
import { readDate, readGrades, readLevel, readList, readMeasure, readShare } from './plan-cells.ts'

/** The targets a plan's CSV file holds, where each is, and the problems of its rows. */
export interface PlanCsv {
  readonly targets: Target[]
  /** Where each target is in the file (its row, counted under the header, and line). */
  readonly places: { readonly row: number; readonly line: number }[]
  /** Each column as the header names it. */
  readonly headers: Partial<Record<PlanCsvColumn, string>>
  readonly problems: PlanCsvProblem[]
}

/** What is wrong with a plan's CSV file or a row of it; the pages' locales say each in words. */
export type PlanCsvProblemCode =
  | CsvFileProblemCode
  | 'ERR_PLAN_CSV_EMPTY'
  | 'ERR_PLAN_CSV_COLUMN_UNKNOWN'
  | 'ERR_PLAN_CSV_COLUMN_MISSING'
  | 'ERR_PLAN_CSV_REQUIRED'
  | 'ERR_PLAN_CSV_ID_INVALID'
  | 'ERR_PLAN_CSV_ID_TWICE'
  | 'ERR_PLAN_CSV_GROUP_MISSING'
  | 'ERR_PLAN_CSV_GROUP_BOTH'
  | 'ERR_PLAN_CSV_POSITION_UNKNOWN'
  | 'ERR_PLAN_CSV_SCHOOL_LEVEL_UNKNOWN'
  | 'ERR_PLAN_CSV_GRADES_INVALID'
  | 'ERR_PLAN_CSV_COMPONENT_INVALID'
  | 'ERR_PLAN_CSV_DOMAIN_INVALID'
  | 'ERR_PLAN_CSV_TARGETS_BOTH'
  | 'ERR_PLAN_CSV_MEASURE_INVALID'
  | 'ERR_PLAN_CSV_TABLE_INVALID'
  | 'ERR_PLAN_CSV_LEVEL_INVALID'
  | 'ERR_PLAN_CSV_SHARE_INVALID'
  | 'ERR_PLAN_CSV_DATE_INVALID'

/** A problem of a plan's CSV file: of the file (line only), or of a row's column. */
export interface PlanCsvProblem extends CsvProblem<PlanCsvProblemCode> {
  readonly code: PlanCsvProblemCode
}

/** The columns, each with the header names it goes by (as `key` makes them). */
export const PLAN_CSV_COLUMNS = {
  id: ['ma', 'id', 'ma_muc_tieu'],
  title: ['muc_tieu', 'title', 'title_vi', 'muc_tieu_vi'],
  titleEn: ['muc_tieu_en', 'title_en'],
  positions: ['chuc_vu', 'positions', 'position', 'chuc_danh'],
  schoolLevels: ['cap_hoc', 'school_levels', 'school_level', 'cap'],
  grades: ['khoi', 'grades', 'grade'],
  measure: ['do_luong', 'measure', 'loai'],
  components: ['thanh_phan', 'components', 'component'],
  domains: ['mien', 'domains', 'domain', 'mien_nang_luc'],
  tables: ['bang', 'tables', 'table'],
  minLevel: ['muc_toi_thieu', 'min_level', 'level'],
  share: ['ty_le', 'ti_le', 'share'],
  deadline: ['han', 'deadline', 'thoi_han'],
} as const
export type PlanCsvColumn = keyof typeof PLAN_CSV_COLUMNS

/** `thanh_phan` may be left out for `mien` (a target of whole domains). */
const REQUIRED: readonly PlanCsvColumn[] = [
  'id',
  'title',
  'components',
  'minLevel',
  'share',
  'deadline',
]
const EXPECTED =
  'ma, muc_tieu, muc_tieu_en, chuc_vu, cap_hoc, khoi, do_luong, thanh_phan, mien, bang, muc_toi_thieu, ty_le, han'

/**
 * A plan's targets as a CSV file, one row per target, columns named in the first row (Vietnamese
 * or English, case and accents ignored):
 * - `ma` / `id`: the target's id (letters, digits, `.`, `-`, `_`);
 * - `muc_tieu` / `title`: its title in Vietnamese; `muc_tieu_en` / `title_en`: in English;
 * - `chuc_vu` / `positions`: a staff target's positions, `+`- or `,`-separated (GV, TTCM, CBQL,
 *   NV, or in words: giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên);
 * - `cap_hoc` / `school_levels`: their school levels (MN, TH, THCS, THPT, GDTX), every one when
 *   empty;
 * - `khoi` / `grades`: a pupils' target's grades (`6+7+8+9` or `6-9`); a row has either this or
 *   `chuc_vu`;
 * - `do_luong` / `measure`: `đạt mức` / attainment (the default) or `tiếp cận` / exposure (did
 *   tagged activities within the school year);
 * - `thanh_phan` / `components`: component numbers (4.2) or IDs (TT18.QL.4.5);
 * - `mien` / `domains`: whole domains by number (1+2+3), in place of `thanh_phan`;
 * - `bang` / `tables`: the tables the numbers are looked up in (PT, MN, QL, NH or full IDs);
 *   empty: the teachers' tables for staff, the learners' for pupils;
 * - `muc_toi_thieu` / `min_level`: CB, TT, NC (or Cơ bản, Thành thạo, Nâng cao);
 * - `ty_le` / `share`: `30%`, `30`, `0,3` or `0.3`; "trên 50%" or ">50%" means more than;
 * - `han` / `deadline`: `31/12/2025` or `2025-12-31`.
 * The plan's code, name and calendar are not in the file: they come with the upload. Returns the
 * targets of the good rows and every problem (a row with one is left out).
 */
export function parsePlanCsv(text: string): PlanCsv {
  const read = readCsv(text)
  if (!('rows' in read)) return refused(read)
  const [header, ...data] = read.rows
  if (!header) {
    return refused({
      line: 1,
      code: 'ERR_PLAN_CSV_EMPTY',
      values: { columns: EXPECTED },
      message: `the file has no targets: its first row names the columns (${EXPECTED}), then one row per target`,
    })
  }
  const columns = header.cells.map((cell) =>
    (Object.keys(PLAN_CSV_COLUMNS) as PlanCsvColumn[]).find((c) =>
      (PLAN_CSV_COLUMNS[c] as readonly string[]).includes(cellKey(cell)),
    ),
  )
  const unknown = header.cells.filter((c, i) => c.trim() !== '' && columns[i] === undefined)
  const missing = REQUIRED.filter(
    (c) => !columns.includes(c) && !(c === 'components' && columns.includes('domains')),
  )
  if (!columns.includes('positions') && !columns.includes('grades')) missing.push('positions')
  if (unknown.length > 0 || missing.length > 0) {
    const named = unknown.map((c) => `"${c}"`).join(', ')
    const absent = missing.map((c) => PLAN_CSV_COLUMNS[c][0]).join(', ')
    return refused(
      unknown.length > 0
        ? {
            line: header.line,
            code: 'ERR_PLAN_CSV_COLUMN_UNKNOWN',
            values: { unknown: named, columns: EXPECTED },
            message: `unknown column ${named}; the columns are ${EXPECTED}`,
          }
        : {
            line: header.line,
            code: 'ERR_PLAN_CSV_COLUMN_MISSING',
            values: { missing: absent, columns: EXPECTED },
            message: `no column ${absent}; the columns are ${EXPECTED}`,
          },
    )
  }
  if (data.length === 0) {
    return refused({
      line: header.line + 1,
      code: 'ERR_PLAN_CSV_EMPTY',
      values: { columns: EXPECTED },
      message: `the file has no targets: its first row names the columns (${EXPECTED}), then one row per target`,
    })
  }
  const targets: Target[] = []
  const places: { row: number; line: number }[] = []
  const problems: PlanCsvProblem[] = []
  const headers: Partial<Record<PlanCsvColumn, string>> = {}
  columns.forEach((c, i) => {
    if (c !== undefined) headers[c] = header.cells[i]!.trim()
  })
  const seen = new Map<string, number>()
  data.forEach(({ cells, line }, i) => {
    const row = i + 1
    const before = problems.length
    const cell = (c: PlanCsvColumn) => {
      const at = columns.indexOf(c)
      const value = at >= 0 ? cells[at]?.trim() : undefined
      return value ? value : undefined
    }
    // Named as the header names the column (a required one that is absent: by its first name).
    const column = (c: PlanCsvColumn) =>
      columns.includes(c) ? header.cells[columns.indexOf(c)]!.trim() : PLAN_CSV_COLUMNS[c][0]
    const problem = (
      c: PlanCsvColumn,
      code: PlanCsvProblemCode,
      values: Record<string, string | number>,
      message: string,
    ) => problems.push({ line, row, column: column(c), code, values, message })
    const required = (c: PlanCsvColumn) => {
      const value = cell(c)
      if (value === undefined) problem(c, 'ERR_PLAN_CSV_REQUIRED', {}, 'required')
      return value
    }

    const id = required('id')
    if (id !== undefined && !/^[A-Za-z0-9._-]{1,40}$/.test(id)) {
      problem(
        'id',
        'ERR_PLAN_CSV_ID_INVALID',
        { id },
        `"${id}" is not an id: 1 to 40 letters, digits, dots, dashes or underscores`,
      )
    } else if (id !== undefined && seen.has(id)) {
      problem(
        'id',
        'ERR_PLAN_CSV_ID_TWICE',
        { id, row: seen.get(id)! },
        `${id} is already on row ${seen.get(id)}`,
      )
    }
    if (id !== undefined && !seen.has(id)) seen.set(id, row)
    const title = required('title')
    const titleEn = cell('titleEn')
    const group = readGroup(cell, problem)
    const measureCell = cell('measure')
    const measure = measureCell === undefined ? undefined : readMeasure(measureCell)
    if (measureCell !== undefined && measure === undefined)
      problem(
        'measure',
        'ERR_PLAN_CSV_MEASURE_INVALID',
        { measure: measureCell! },
        `"${measureCell}" is not a measure: đạt mức (attainment) or tiếp cận (exposure)`,
      )
    const domainsCell = cell('domains')
    const componentsCell = cell('components')
    if (domainsCell !== undefined && componentsCell !== undefined)
      problem('domains', 'ERR_PLAN_CSV_TARGETS_BOTH', {}, 'name components or domains, not both')
    else if (domainsCell === undefined) required('components')
    const domains = readList(domainsCell)
    for (const d of domains) {
      if (!TargetDomain.safeParse(d).success)
        problem(
          'domains',
          'ERR_PLAN_CSV_DOMAIN_INVALID',
          { domain: d },
          `"${d}" is not a domain: a number such as 1`,
        )
    }
    const components = readList(componentsCell).map((c) => (/^[0-9]/.test(c) ? c : c.toUpperCase()))
    for (const c of components) {
      if (!TargetComponent.safeParse(c).success)
        problem(
          'components',
          'ERR_PLAN_CSV_COMPONENT_INVALID',
          { component: c },
          `"${c}" is not a component: a number such as 4.2 or an ID such as TT18.QL.4.5`,
        )
    }
    const tables = readList(cell('tables')).map((t) =>
      t.includes('.')
        ? t.toUpperCase()
        : `${group?.kind === 'pupils' ? 'TT02' : 'TT18'}.${t.toUpperCase()}`,
    )
    for (const t of tables) {
      if (!/^[A-Z]{2}[0-9]{2}\.[A-Z]{2}$/.test(t))
        problem(
          'tables',
          'ERR_PLAN_CSV_TABLE_INVALID',
          { table: t },
          `"${t}" is not a table such as PT, MN, QL, NH or TT18.PT`,
        )
    }
    const levelCell = required('minLevel')
    const minLevel = levelCell === undefined ? undefined : readLevel(levelCell)
    if (levelCell !== undefined && minLevel === undefined)
      problem(
        'minLevel',
        'ERR_PLAN_CSV_LEVEL_INVALID',
        { level: levelCell },
        `"${levelCell}" is not a level: CB, TT, NC (Cơ bản, Thành thạo, Nâng cao)`,
      )
    const shareCell = required('share')
    const share = shareCell === undefined ? undefined : readShare(shareCell)
    if (shareCell !== undefined && share === undefined)
      problem(
        'share',
        'ERR_PLAN_CSV_SHARE_INVALID',
        { share: shareCell },
        `"${shareCell}" is not a share: more than 0 and at most 100%, such as 30%, 0.3 or "trên 50%"`,
      )
    const deadlineCell = required('deadline')
    const deadline = deadlineCell === undefined ? undefined : readDate(deadlineCell)
    if (deadlineCell !== undefined && deadline === undefined)
      problem(
        'deadline',
        'ERR_PLAN_CSV_DATE_INVALID',
        { date: deadlineCell },
        `"${deadlineCell}" is not a date such as 31/12/2025 or 2025-12-31`,
      )
    if (problems.length > before) return
    places.push({ row, line })
    targets.push({
      id: id!,
      title: { vi: title!, ...(titleEn !== undefined && { en: titleEn }) },
      group: group!,
      ...(measure !== undefined && { measure }),
      components,
      ...(domains.length > 0 && { domains }),
      ...(tables.length > 0 && { tables }),
      minLevel: minLevel!,
      share: share!.share,
      comparison: share!.comparison,
      deadline: deadline!,
    })
  })
  return { targets, places, headers, problems }
}

/** A file refused whole, for one problem. */
const refused = (problem: PlanCsvProblem): PlanCsv => ({
  targets: [],
  places: [],
  headers: {},
  problems: [problem],
})

type Problem = (
  c: PlanCsvColumn,
  code: PlanCsvProblemCode,
  values: Record<string, string | number>,
  message: string,
) => void

/** The row's group: staff by `chuc_vu` (and `cap_hoc`), or pupils by `khoi`; never both. */
function readGroup(
  cell: (c: PlanCsvColumn) => string | undefined,
  problem: Problem,
): TargetGroup | undefined {
  const positionsCell = cell('positions')
  const gradesCell = cell('grades')
  if (positionsCell !== undefined && gradesCell !== undefined) {
    problem(
      'grades',
      'ERR_PLAN_CSV_GROUP_BOTH',
      {},
      'a target is for staff (chuc_vu) or for pupils (khoi), not both',
    )
    return undefined
  }
  if (gradesCell !== undefined) {
    const grades = readGrades(gradesCell)
    if (grades) return { kind: 'pupils', grades }
    problem(
      'grades',
      'ERR_PLAN_CSV_GRADES_INVALID',
      { grades: gradesCell },
      `"${gradesCell}" is not a list of grades 1 to 12, such as 6+7+8+9 or 6-9`,
    )
    return undefined
  }
  if (positionsCell === undefined) {
    problem(
      'positions',
      'ERR_PLAN_CSV_GROUP_MISSING',
      {},
      'name the positions (chuc_vu) of a staff target or the grades (khoi) of a pupils’ target',
    )
    return undefined
  }
  const positions: Position[] = []
  let bad = false
  for (const item of readList(positionsCell)) {
    const position = readPosition(item)
    if (position === undefined) {
      bad = true
      problem(
        'positions',
        'ERR_PLAN_CSV_POSITION_UNKNOWN',
        { position: item, positions: POSITIONS.join(', ') },
        `no position "${item}"; use ${POSITIONS.join(', ')} (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)`,
      )
    } else if (!positions.includes(position)) positions.push(position)
  }
  const schoolLevels: SchoolLevel[] = []
  for (const item of readList(cell('schoolLevels'))) {
    const level = readSchoolLevel(item)
    if (level === undefined) {
      bad = true
      problem(
        'schoolLevels',
        'ERR_PLAN_CSV_SCHOOL_LEVEL_UNKNOWN',
        { schoolLevel: item, schoolLevels: SCHOOL_LEVELS.join(', ') },
        `no school level "${item}"; use ${SCHOOL_LEVELS.join(', ')}`,
      )
    } else if (!schoolLevels.includes(level)) schoolLevels.push(level)
  }
  if (bad) return undefined
  return { kind: 'staff', positions, ...(schoolLevels.length > 0 && { schoolLevels }) }
}
