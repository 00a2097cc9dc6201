/** The example plans shipped in plans/examples: District 6's plan and the city's scheme, as JSON and CSV. */
export const PLAN_EXAMPLES = [
  '484-KH-UBND-quan-6.json',
  '484-KH-UBND-quan-6.csv',
  'de-an-hcm-2022-2025.json',
  'de-an-hcm-2022-2025.csv',
] as const
export type PlanExample = (typeof PLAN_EXAMPLES)[number]
