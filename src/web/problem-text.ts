import type { TFunction } from 'i18next'
import type { CsvProblem } from '../csv/read-csv.ts'

/**
 * Where a problem of an uploaded file is, in the page's language ("Hàng 3 (dòng 4), cột email"),
 * then what it is. Rows are counted from the first under the header; lines from the file's
 * first, as a text editor shows them.
 */
export function problemText(
  t: TFunction,
  problem: CsvProblem & { readonly skipped?: boolean },
): string {
  const where =
    problem.row === undefined
      ? t('look.lineProblem', { line: problem.line })
      : t('look.rowProblem', { row: problem.row, line: problem.line })
  const column = problem.column ? `, ${t('look.column', { column: problem.column })}` : ''
  const skipped = problem.skipped ? `${t('look.skipped')} ` : ''
  return `${where}${column}: ${skipped}${problem.message}`
}
