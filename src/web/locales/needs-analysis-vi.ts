/** Page texts in Vietnamese: Training-needs analysis for managers. */
export const needsAnalysisVi = {
  needsAnalysis: {},
}
