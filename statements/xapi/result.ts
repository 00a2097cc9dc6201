import { z } from 'zod'
import { ALWAYS, Duration, Extensions, strictObject } from './primitives.ts'

// The Result and its Score (xAPI 1.0.3 Data 2.4.5).

const SCALED =
  'must be between -1 and 1: "scaled" is a "Decimal number between -1 and 1, inclusive" (xAPI Data 2.4.5.1)'

// Data 2.4.5.1: "min" is a "Decimal number less than max (if present)"; "raw" is a "Decimal number
// between min and max (if present, otherwise unrestricted), inclusive".
function scoreRules(score: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const { raw, min, max } = score
  const num = (v: unknown): v is number => typeof v === 'number'
  if (num(min) && num(max) && !(min < max)) {
    ctx.addIssue({
      code: 'custom',
      input: min,
      path: ['min'],
      message: `must be less than "max" (${min} is not less than ${max}): "min" is a "Decimal number less than max (if present)" (xAPI Data 2.4.5.1)`,
    })
  }
  if (num(raw) && ((num(min) && raw < min) || (num(max) && raw > max))) {
    ctx.addIssue({
      code: 'custom',
      input: raw,
      path: ['raw'],
      message: `must lie within "min" and "max": "raw" is a "Decimal number between min and max (if present, otherwise unrestricted), inclusive" (xAPI Data 2.4.5.1)`,
    })
  }
}

/** Data 2.4.5.1: the Score. */
export const Score = strictObject(
  {
    scaled: z.number().min(-1, SCALED).max(1, SCALED).optional(),
    raw: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  },
  'a Score (scaled, raw, min, max)',
).superRefine(scoreRules, ALWAYS)

/** Data 2.4.5: the Result. */
export const Result = strictObject(
  {
    score: Score.optional(),
    success: z.boolean().optional(),
    completion: z.boolean().optional(),
    response: z.string().optional(),
    duration: Duration.optional(),
    extensions: Extensions.optional(),
  },
  'a Result',
)

export type Score = z.infer<typeof Score>
export type Result = z.infer<typeof Result>
