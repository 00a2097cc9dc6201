import { type CsvProblem, formatCsvProblem } from '../csv/read-csv.ts'
import { translator } from '../web/i18n.ts'
import { problemText } from '../web/problem-text.ts'
import { bilingual } from './messages.ts'

const vi = translator('vi')

/**
 * A problem of an imported file on one line, Vietnamese then English:
 * `Hàng 3 (dòng 4), cột email: … / row 3 (line 4): email: …`; a row left out says "skipped".
 */
export function problemLine(problem: CsvProblem & { readonly skipped?: boolean }): string {
  const english = `${problem.skipped ? 'skipped: ' : ''}${problem.message}`
  return bilingual(problemText(vi, problem), formatCsvProblem({ ...problem, message: english }))
}
