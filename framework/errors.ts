// Errors of the framework model. Each has a stable `code`; callers switch on it, never on text.

export type FrameworkErrorCode =
  'ERR_FRAMEWORK_ID_MALFORMED' | 'ERR_FRAMEWORK_ID_UNKNOWN' | 'ERR_FRAMEWORK_INVALID'

export class FrameworkError extends Error {
  code: FrameworkErrorCode = 'ERR_FRAMEWORK_INVALID'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = this.constructor.name
  }
}

/** An ID that does not follow the form FRAMEWORK.AUDIENCE.D.C.LEVEL.N (e.g. TT18.PT.1.1.CB.2). */
export class FrameworkIdMalformed extends FrameworkError {
  override code = 'ERR_FRAMEWORK_ID_MALFORMED' as const
  readonly id: string
  readonly suggestions: readonly string[]
  constructor(id: string, suggestions: readonly string[]) {
    super(
      `"${id}" is not a framework ID: expected a form such as TT18, TT18.PT, TT18.PT.1, TT18.PT.1.1, TT18.PT.1.1.CB or TT18.PT.1.1.CB.2${didYouMean(suggestions)}`,
    )
    this.id = id
    this.suggestions = suggestions
  }
}

/** A well-formed ID that names nothing in the loaded frameworks. */
export class FrameworkIdUnknown extends FrameworkError {
  override code = 'ERR_FRAMEWORK_ID_UNKNOWN' as const
  readonly id: string
  readonly suggestions: readonly string[]
  constructor(id: string, suggestions: readonly string[]) {
    super(`no framework entry has the ID "${id}"${didYouMean(suggestions)}`)
    this.id = id
    this.suggestions = suggestions
  }
}

export interface FrameworkProblem {
  /** JSON path of the offending value, e.g. ["frameworks", 0, "audiences", 1, "id"]. */
  readonly path: readonly (string | number)[]
  readonly message: string
}

/** A framework file (canonical JSON or CASE) that cannot be accepted; lists every problem. */
export class FrameworkInvalid extends FrameworkError {
  override code = 'ERR_FRAMEWORK_INVALID' as const
  readonly problems: readonly FrameworkProblem[]
  constructor(problems: readonly FrameworkProblem[], what = 'framework file') {
    super(
      `${what} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems
        .map((p) => `  ${formatPath(p.path)}: ${p.message}`)
        .join('\n')}`,
    )
    this.problems = problems
  }
}

/** `frameworks[0].audiences[1].id`, or `(root)` for the document itself. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)'
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

const didYouMean = (s: readonly string[]): string =>
  s.length ? `; did you mean ${s.map((x) => `"${x}"`).join(', ')}?` : ''
