// Tags as CSV, for trainers who keep them in a spreadsheet: one row per tag, a header row naming
// the columns (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180). Reading a tag file; writing one
// is tag-csv-export.ts. Pure: text in, tags out.
import { type CsvProblem, formatCsvProblem, readCsv } from '../csv/read-csv.ts'
import type { Catalog } from '../../framework/index.ts'
import type { TagRuleInput } from '../inference/rule.ts'
import {
  type Cells,
  type ColumnProblem,
  COUNT_HELP,
  FLAG_HELP,
  GRADEBOOK_HELP,
  helpProblem,
  issueProblem,
  MIN_SCORE_HELP,
  problemOf,
  splitList,
  type TagCsvProblem,
  type TagCsvProblemCode,
  WEIGHT_HELP,
} from './tag-csv-problem.ts'
import { checkCompetencies, NewTag } from './tag-input.ts'
import { COURSE_CSV_COLUMNS, readCourseColumns, type TagCsvCourse } from './tag-csv-course.ts'

export type { TagCsvProblem, TagCsvProblemCode } from './tag-csv-problem.ts'

/** A tag's columns of a tag file, in the order export writes them. */
export const TAG_CSV_COLUMNS = [
  'activity_iri',
  'activity_prefix',
  'resource_link_id',
  'activity_name',
  'competency_ids',
  'verbs',
  'min_score',
  'require_success',
  'weight',
  'count',
  'gradebook',
  'object_only',
] as const
export type TagCsvColumn = (typeof TAG_CSV_COLUMNS)[number]

/** Every column a tag file may have: the tag's, then the course's table (tag-csv-course.ts). */
export const TAG_FILE_COLUMNS: readonly string[] = [...TAG_CSV_COLUMNS, ...COURSE_CSV_COLUMNS]

/** The columns that name what a row tags; a row gives exactly one. */
export const TAG_CSV_TARGETS = ['activity_iri', 'activity_prefix', 'resource_link_id'] as const

/** A row of a tag file that is a valid tag. */
export interface TagCsvRow {
  /** The data row's number, from 1 (the header and blank rows are not counted). */
  readonly row: number
  /** The line of the file the row starts on. */
  readonly line: number
  readonly tag: NewTag
}

/** A tag file read: its valid rows, every problem, and how many rows were refused. */
export interface TagCsv {
  readonly rows: readonly TagCsvRow[]
  readonly problems: readonly TagCsvProblem[]
  readonly refused: number
  /** The course's table and grade the file gives (course_table, course_grade), when it does. */
  readonly course?: TagCsvCourse
}

const COLUMN_LIST = TAG_FILE_COLUMNS.join(', ')
const YES = ['true', 'yes', '1', 'có', 'co']
const NO = ['false', 'no', '0', 'không', 'khong']

/**
 * Reads a tag file: UTF-8 with or without BOM, comma- or semicolon-separated (Excel saves CSV
 * with semicolons where the decimal separator is a comma, as in Vietnam), LF or CRLF. Every row
 * is checked against NewTag and the catalog; a problem with the file itself refuses every row.
 */
export function parseTagCsv(text: string, catalog: Catalog): TagCsv {
  const fileProblem = (problem: TagCsvProblem): TagCsv => ({
    rows: [],
    problems: [problem],
    refused: 0,
  })
  const read = readCsv(text)
  if (!('rows' in read)) return fileProblem(read)
  const located = read.rows
  const [header, ...data] = located
  if (!header)
    return fileProblem({
      line: 1,
      code: 'ERR_TAG_CSV_EMPTY',
      values: { columns: COLUMN_LIST },
      message: `the file is empty: its first row must name the columns (${COLUMN_LIST})`,
    })
  const columns = readHeader(header.cells)
  if (!Array.isArray(columns)) return fileProblem({ line: header.line, ...columns })

  const rows: TagCsvRow[] = []
  const problems: TagCsvProblem[] = []
  let refused = 0
  data.forEach(({ cells, line }, i) => {
    const row = i + 1
    const read = readRow(cells, columns, catalog)
    if ('tag' in read) rows.push({ row, line, tag: read.tag })
    else {
      refused++
      problems.push(...read.problems.map((p) => ({ line, row, ...p })))
    }
  })
  const course = readCourseColumns(data, columns)
  const given = Object.keys(course.course).length > 0
  return {
    rows,
    problems: [...course.problems, ...problems],
    refused,
    ...(given && { course: course.course }),
  }
}

/** `row 3 (line 4): min_score: …` for a row, `line 1: …` for the file. */
export const formatTagCsvProblem: (problem: CsvProblem) => string = formatCsvProblem

/** The column of each cell (undefined for a cell under an empty header), or what is wrong. */
function readHeader(cells: readonly string[]): (string | undefined)[] | ColumnProblem {
  const names = cells.map((c) => c.trim().toLowerCase())
  const known = (n: string) => TAG_FILE_COLUMNS.includes(n)
  const quoted = (list: readonly string[]) => list.map((c) => `"${c}"`).join(', ')
  if (!names.some(known)) {
    return problemOf(
      'ERR_TAG_CSV_HEADER_MISSING',
      { columns: COLUMN_LIST, cells: quoted(cells) },
      `the first row must name the columns (${COLUMN_LIST}); it has ${quoted(cells)}`,
    )
  }
  const unknown = names.filter((n) => n !== '' && !known(n))
  if (unknown.length > 0) {
    return problemOf(
      'ERR_TAG_CSV_COLUMN_UNKNOWN',
      { unknown: quoted(unknown), columns: COLUMN_LIST },
      `unknown column${unknown.length > 1 ? 's' : ''} ${quoted(unknown)}; the columns are ${COLUMN_LIST}`,
    )
  }
  const twice = names.find((n, i) => n !== '' && names.indexOf(n) !== i)
  if (twice)
    return problemOf('ERR_TAG_CSV_COLUMN_TWICE', { name: twice }, `column "${twice}" appears twice`)
  if (!names.includes('competency_ids'))
    return problemOf('ERR_TAG_CSV_COMPETENCY_COLUMN_MISSING', {}, 'no competency_ids column')
  if (!TAG_CSV_TARGETS.some((t) => names.includes(t))) {
    const targets = TAG_CSV_TARGETS.join(', ')
    return problemOf(
      'ERR_TAG_CSV_TARGET_COLUMN_MISSING',
      { targets },
      `no ${targets} column: name at least one, for the activities to tag`,
    )
  }
  return names.map((n) => (known(n) ? n : undefined))
}

/** A data row as a tag checked against NewTag and the catalog, or its problems. */
function readRow(
  row: readonly string[],
  columns: readonly (string | undefined)[],
  catalog: Catalog,
): { tag: NewTag } | { problems: ColumnProblem[] } {
  const { cells, problems } = cellsByColumn(row, columns)
  const target = readTarget(cells)
  const rule = readRule(cells)
  const competencyIds = splitList(cells.competency_ids, /[\s,;]+/)
  problems.push(...target.problems, ...rule.problems)
  const parsed = NewTag.safeParse({ ...target.input, competencyIds, rule: rule.input })
  for (const issue of parsed.error?.issues ?? []) {
    const column = columnOf(issue.path)
    // No column: the one-target check, which readTarget makes in the file's words.
    if (column && !(issue.code === 'custom' && isTarget(column))) {
      problems.push(issueProblem(column, issue, cells))
    }
  }
  const checked = checkCompetencies(catalog, competencyIds)
  for (const p of checked.problems) {
    const id = String(competencyIds[Number(p.path[1])])
    problems.push(
      problemOf(
        'ERR_TAG_CSV_COMPETENCY_UNKNOWN',
        { id, detail: p.message },
        p.message,
        'competency_ids',
      ),
    )
  }
  if (parsed.success && problems.length === 0) {
    return { tag: { ...parsed.data, competencyIds: checked.ids } }
  }
  // In the order of the file's columns, problems of the whole row first.
  const at = (p: ColumnProblem) => (p.column ? columns.indexOf(p.column) : -1)
  return { problems: problems.sort((a, b) => at(a) - at(b)) }
}

function cellsByColumn(
  row: readonly string[],
  columns: readonly (string | undefined)[],
): { cells: Cells; problems: ColumnProblem[] } {
  const cells: Cells = {}
  const problems: ColumnProblem[] = []
  row.forEach((raw, i) => {
    const cell = raw.trim()
    const column = columns[i]
    if (cell === '') return
    if (column && isTagColumn(column)) cells[column] = cell
    // The course's columns are read across rows (tag-csv-course.ts).
    else if (column) return
    else if (i < columns.length) {
      problems.push(
        problemOf(
          'ERR_TAG_CSV_CELL_UNNAMED',
          { position: i + 1 },
          `a value in column ${i + 1}, which has no header`,
        ),
      )
    }
  })
  const extra = row.slice(columns.length).filter((c) => c.trim() !== '').length
  if (extra > 0) {
    problems.push(
      problemOf(
        'ERR_TAG_CSV_CELLS_BEYOND',
        { count: extra, columns: columns.length },
        `${extra} value${extra > 1 ? 's' : ''} beyond the ${columns.length} columns of the header (a cell with a comma, such as 0,8, goes in double quotes)`,
      ),
    )
  }
  return { cells, problems }
}

/** What the row tags (exactly one target) and the activity's name. */
function readTarget(cells: Cells): { input: Partial<NewTag>; problems: ColumnProblem[] } {
  const given = TAG_CSV_TARGETS.filter((t) => cells[t] !== undefined)
  const name = cells.activity_name?.normalize('NFC')
  const problems: ColumnProblem[] = []
  const targets = TAG_CSV_TARGETS.join(', ')
  if (given.length === 0)
    problems.push(problemOf('ERR_TAG_CSV_TARGET_NONE', { targets }, `give one of ${targets}`))
  if (given.length > 1) {
    const both = given.join(' and ')
    problems.push(
      problemOf(
        'ERR_TAG_CSV_TARGET_SEVERAL',
        { targets, given: both },
        `give only one of ${targets}; this row has ${both}`,
      ),
    )
  }
  if (name !== undefined && given.length === 1 && given[0] === 'activity_prefix') {
    problems.push(
      problemOf(
        'ERR_TAG_CSV_NAME_ON_PREFIX',
        {},
        'names an activity (activity_iri or resource_link_id), not a prefix',
        'activity_name',
      ),
    )
  }
  return {
    input: {
      ...Object.fromEntries(given.slice(0, 1).map((t) => [fieldOf(t), cells[t]])),
      ...(name !== undefined && { activityName: name }),
    },
    problems,
  }
}

/** The rule's settings that the row gives, in the form TagRule checks. */
function readRule(cells: Cells): { input: TagRuleInput; problems: ColumnProblem[] } {
  const problems: ColumnProblem[] = []
  const bad = (column: TagCsvColumn, code: TagCsvProblemCode, help: string) => () => {
    problems.push(helpProblem(column, code, help, cells))
    return undefined
  }
  const verbs = splitList(cells.verbs, /\s+/)
  const minScore = readNumber(
    cells.min_score,
    true,
    bad('min_score', 'ERR_TAG_CSV_MIN_SCORE_INVALID', MIN_SCORE_HELP),
  )
  const weight = readNumber(
    cells.weight,
    false,
    bad('weight', 'ERR_TAG_CSV_WEIGHT_INVALID', WEIGHT_HELP),
  )
  const count = readCount(cells.count, bad('count', 'ERR_TAG_CSV_COUNT_INVALID', COUNT_HELP))
  const requireSuccess = readFlag(
    cells.require_success,
    bad('require_success', 'ERR_TAG_CSV_FLAG_INVALID', FLAG_HELP),
  )
  const objectOnly = readFlag(
    cells.object_only,
    bad('object_only', 'ERR_TAG_CSV_FLAG_INVALID', FLAG_HELP),
  )
  const gradebook = readGradebook(
    cells.gradebook,
    bad('gradebook', 'ERR_TAG_CSV_GRADEBOOK_INVALID', GRADEBOOK_HELP),
  )
  const input = {
    ...(verbs.length > 0 && { verbs }),
    ...(minScore !== undefined && { minScore }),
    ...(requireSuccess !== undefined && { requireSuccess }),
    ...(objectOnly !== undefined && { objectOnly }),
    ...(weight !== undefined && { weight }),
    ...(count !== undefined && { count }),
    ...(gradebook !== undefined && { gradebook }),
  }
  return { input, problems }
}

/** How a graded link's score follows levels: `level` (0–3) or `share` of its criteria met. */
function readGradebook(
  cell: string | undefined,
  bad: () => undefined,
): 'level' | 'share' | undefined {
  if (cell === undefined) return undefined
  const value = cell.toLowerCase()
  return value === 'level' || value === 'share' ? value : bad()
}

function isTagColumn(column: string): column is TagCsvColumn {
  return (TAG_CSV_COLUMNS as readonly string[]).includes(column)
}

function isTarget(column: TagCsvColumn): boolean {
  return (TAG_CSV_TARGETS as readonly string[]).includes(column)
}

/** NewTag's field of a column: activity_iri is activityIri. */
function fieldOf(column: TagCsvColumn): string {
  return column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())
}

/** The column of a NewTag path: ['rule', 'minScore', …] is min_score. */
function columnOf(path: readonly PropertyKey[]): TagCsvColumn | undefined {
  const field = path[0] === 'rule' ? path[1] : path[0]
  if (typeof field !== 'string') return undefined
  const column = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
  return TAG_CSV_COLUMNS.find((c) => c === column)
}

/** A decimal number, with a point or a Vietnamese comma; with `percent`, 80% is 0.8. */
function readNumber(
  cell: string | undefined,
  percent: boolean,
  bad: () => undefined,
): number | undefined {
  if (cell === undefined) return undefined
  const match = /^([+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+))\s*(%?)$/.exec(cell)
  if (!match || (match[2] && !percent)) return bad()
  const value = Number(match[1]!.replace(',', '.'))
  // 57% is 0.57, not 0.5700000000000001.
  return match[2] ? Number((value / 100).toPrecision(12)) : value
}

function readFlag(cell: string | undefined, bad: () => undefined): boolean | undefined {
  if (cell === undefined) return undefined
  const flag = cell.normalize('NFC').toLowerCase()
  return YES.includes(flag) ? true : NO.includes(flag) ? false : bad()
}

function readCount(cell: string | undefined, bad: () => undefined): number | undefined {
  if (cell === undefined) return undefined
  const value = /^\d+$/.test(cell) ? Number(cell) : NaN
  return value >= 1 && value <= 1000 ? value : bad()
}
