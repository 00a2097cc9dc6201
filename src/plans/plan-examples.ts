/**
 * The example plans shipped in plans/examples: District 6's plan, the city's scheme and Long
 * Biên ward's plan for pupils, as JSON and CSV.
 */
export const PLAN_EXAMPLES = [
  '484-KH-UBND-quan-6.json',
  '484-KH-UBND-quan-6.csv',
  'de-an-hcm-2022-2025.json',
  'de-an-hcm-2022-2025.csv',
  'long-bien-nls-hoc-sinh.json',
  'long-bien-nls-hoc-sinh.csv',
] as const
export type PlanExample = (typeof PLAN_EXAMPLES)[number]
