import type { PageContext } from './page-context.ts'

/** A problem of a refused form, said in the page's language, at the field whose id is `field`. */
export interface FormProblem {
  readonly field: string
  readonly message: string
}

/** The id of the text that says what is wrong with field `field`. */
const problemId = (field: string) => `${field}-problem`

/**
 * What a field of a refused form carries: marked invalid and described by its problem (WCAG
 * 3.3.1), nothing when the field is fine.
 */
export function invalidField(
  problems: readonly FormProblem[],
  field: string,
): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  return problems.some((p) => p.field === field)
    ? { 'aria-invalid': 'true', 'aria-describedby': problemId(field) }
    : {}
}

/** The problems of one field, next to it. */
export function FieldProblems({
  problems,
  field,
}: {
  problems: readonly FormProblem[]
  field: string
}) {
  const mine = problems.filter((p) => p.field === field)
  if (mine.length === 0) return null
  return (
    <p class="error" id={problemId(field)} data-problem={field}>
      {mine.map((p, i) => (
        <>
          {i > 0 && <br />}
          {p.message}
        </>
      ))}
    </p>
  )
}

/**
 * A refused form's problems at its top, announced, each a link to its field (WCAG 3.3.1): the
 * form was not saved and nothing typed was lost.
 */
export function ProblemSummary({
  ctx,
  problems,
}: {
  ctx: Pick<PageContext, 't'>
  problems: readonly FormProblem[]
}) {
  if (problems.length === 0) return null
  return (
    <div class="error" role="alert" data-problems>
      <p>
        <strong>{ctx.t('formErrors.summary', { count: problems.length })}</strong>
      </p>
      <ul>
        {problems.map((p) => (
          <li>
            <a href={`#${p.field}`}>{p.message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}
