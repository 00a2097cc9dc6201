import type { z } from 'zod'
import { QueryInvalid } from '../errors.ts'
import { textHazard } from '../xapi/survey-json.ts'

/**
 * Reads a resource's query parameters strictly (each given once, none unknown, none with text a
 * database cannot keep); QueryInvalid names the first bad one and why.
 */
export function parseQueryParams<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new QueryInvalid(`${name}: must be given once`)
    const hazard = textHazard(value)
    if (hazard !== undefined) throw new QueryInvalid(`${name}: ${hazard}`)
  }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown parameter ${issue.keys.join(', ')}`
      : issue.code === 'invalid_type' && issue.input === undefined
        ? 'is required'
        : issue.message
  throw new QueryInvalid(`${issue.path.length ? `${issue.path.join('.')}: ` : ''}${message}`)
}
