import type { TFunction } from 'i18next'
import type { z } from 'zod'
import type { FormProblem } from '../../web/form-problems.tsx'

/**
 * The problems of a page form's fields from its schema's issues, in the page's language: an
 * empty field asks to be filled (or says what `required` names for it), a long one names its
 * limit, anything else asks to check the value. A field is the issue's first path element.
 */
export function fieldProblems(
  issues: readonly z.core.$ZodIssue[],
  t: TFunction,
  required: Readonly<Record<string, string>> = {},
): FormProblem[] {
  const seen = new Set<string>()
  return issues.flatMap((issue) => {
    const field = String(issue.path[0] ?? 'form')
    if (seen.has(field)) return []
    seen.add(field)
    const message =
      issue.code === 'too_small' && issue.origin === 'string'
        ? t(required[field] ?? 'formErrors.required')
        : issue.code === 'too_big' && issue.origin === 'string'
          ? t('formErrors.tooLong', { count: Number(issue.maximum) })
          : t('formErrors.invalid')
    return [{ field, message }]
  })
}
