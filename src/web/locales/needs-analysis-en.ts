import type { needsAnalysisVi } from './needs-analysis-vi.ts'
import type { Messages } from './en.ts'

/** Page texts in English: Training-needs analysis for managers. */
export const needsAnalysisEn: Messages<typeof needsAnalysisVi> = {
  needsAnalysis: {},
}
