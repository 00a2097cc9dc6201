import { type Options, parse } from 'csv-parse/sync'

/** A non-empty row of a CSV file: its cells and the line it starts on. */
export interface CsvRow {
  readonly cells: string[]
  readonly line: number
}

/**
 * Reads a CSV file as people make it: UTF-8 with or without BOM, comma- or semicolon-separated
 * (Excel saves CSV with semicolons where the decimal separator is a comma, as in Vietnam), LF or
 * CRLF, cells guarded against formulas by our exports unguarded again. Rows of empty cells are
 * left out. A file that is not UTF-8 or not CSV gives the line and the reason instead.
 */
export function readCsv(text: string): { rows: CsvRow[] } | CsvFileProblem {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const garbled = source.indexOf('\uFFFD')
  if (garbled >= 0) {
    return {
      line: source.slice(0, garbled).split('\n').length,
      code: 'ERR_CSV_NOT_UTF8',
      message: 'the file is not UTF-8 text; in Excel, save it as "CSV UTF-8 (Comma delimited)"',
    }
  }
  try {
    // Each record becomes a row as it is read (no per-record info kept): a roster of 200,000
    // rows is read in a couple of seconds without holding csv-parse's records beside ours.
    const options: Options<CsvRow, string[]> = {
      delimiter: guessDelimiter(source),
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        const cells = record.map(unescapeFormula)
        if (!cells.some((c) => c.trim() !== '')) return null
        // csv-parse counts the line a record ends on; a quoted cell may span lines.
        return { cells, line: context.lines - newlines(record) }
      },
    }
    // csv-parse's sync typings give on_record's records only together with `columns`.
    const rows = parse(source, options as unknown as Options) as unknown as CsvRow[]
    return { rows }
  } catch (err) {
    const { lines, message } = err as { lines?: number; message: string }
    return {
      line: lines ?? 1,
      code: 'ERR_CSV_UNREADABLE',
      values: { reason: message },
      message: `not a readable CSV file: ${message}`,
    }
  }
}

/** How many line breaks the cells hold. */
function newlines(cells: readonly string[]): number {
  let count = 0
  for (const cell of cells)
    for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) count++
  return count
}

function guessDelimiter(source: string): ',' | ';' {
  const first = /^[^\n]*\S[^\n]*$/m.exec(source)?.[0] ?? ''
  return first.includes(';') && !first.includes(',') ? ';' : ','
}

/** Undoes export's guard against spreadsheet formulas (`'=…` back to `=…`). */
function unescapeFormula(cell: string): string {
  return cell.replace(/^'(?=[=+\-@\t\r\n])/, '')
}

/** The problems of a file that is not readable CSV text at all. */
export type CsvFileProblemCode = 'ERR_CSV_NOT_UTF8' | 'ERR_CSV_UNREADABLE'

/** A file that is not readable CSV text: the line where reading stopped, and why. */
export interface CsvFileProblem {
  readonly line: number
  readonly code: CsvFileProblemCode
  readonly values?: Readonly<Record<string, string | number>>
  readonly message: string
}

/**
 * A problem of a CSV file: of the file (line only), or of a row and column. `code` names what is
 * wrong and `values` fill its text in the reader's language; `message` says it in English.
 */
export interface CsvProblem<Code extends string = string> {
  readonly line: number
  readonly row?: number
  readonly column?: string
  readonly code?: Code
  readonly values?: Readonly<Record<string, string | number>>
  readonly message: string
}

/** `row 3 (line 4): column: …` for a row, `line 1: …` for the file. */
export function formatCsvProblem(problem: CsvProblem): string {
  if (problem.row === undefined) return `line ${problem.line}: ${problem.message}`
  const column = problem.column ? `${problem.column}: ` : ''
  return `row ${problem.row} (line ${problem.line}): ${column}${problem.message}`
}
