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
  return `${where}${column}: ${skipped}${problemDetail(t, problem)}`
}

/**
 * What a problem is, in the page's language: the locale's text for its code filled with its
 * values, and what the cell held when that matters; the English `message` for a problem without
 * a code.
 */
export function problemDetail(t: TFunction, problem: CsvProblem): string {
  if (problem.code === undefined) return problem.message
  const values = problem.values ?? {}
  const detail = t(`csvProblem.${problem.code}`, { ...values, defaultValue: problem.message })
  const got = values.got
  return got === undefined || got === '' ? detail : `${detail} (${t('csvProblem.got', { got })})`
}
