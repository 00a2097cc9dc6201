import type { PageContext } from '../page-context.ts'

/** What a roster upload refused: each problem, and whether the valid rows went in anyway. */
export interface RosterUploadOutcome {
  readonly problems: readonly string[]
  readonly imported: boolean
}

/** The problems of a roster upload, on the school's roster page and in the console alike. */
export function RosterProblems({
  ctx,
  result,
}: {
  ctx: Pick<PageContext, 't'>
  result: RosterUploadOutcome
}) {
  if (result.problems.length === 0) return null
  return (
    <div class="error" role="alert" data-problems>
      <p>
        {result.imported
          ? ctx.t('roster.someLeftOut', { count: result.problems.length })
          : ctx.t('roster.nothingImported', { count: result.problems.length })}
      </p>
      <ul>
        {result.problems.map((p) => (
          <li>{p}</li>
        ))}
      </ul>
    </div>
  )
}
