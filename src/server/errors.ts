// Errors of the HTTP edge. Each has a stable `code`; handle-error.ts maps codes to statuses.

export type HttpErrorCode =
  | 'ERR_INPUT_INVALID'
  | 'ERR_INPUT_TOO_LARGE'
  | 'ERR_ADMIN_TOKEN_MISSING'
  | 'ERR_ADMIN_TOKEN_INVALID'
  | 'ERR_NOT_FOUND'
  | 'ERR_FORBIDDEN'
  | 'ERR_TOO_MANY_ATTEMPTS'

export interface InputProblem {
  /** Where the bad value is, e.g. ['body', 'name']. */
  readonly path: readonly (string | number)[]
  readonly message: string
}

export class HttpError extends Error {
  code: HttpErrorCode = 'ERR_INPUT_INVALID'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = this.constructor.name
  }
}

/** A request whose input does not meet its schema; `problems` name each bad field. */
export class InputInvalid extends HttpError {
  override code = 'ERR_INPUT_INVALID' as const
  readonly problems: readonly InputProblem[]
  constructor(problems: readonly InputProblem[]) {
    super(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '))
    this.problems = problems
  }
}

/** An uploaded file over the size a form accepts. */
export class InputTooLarge extends HttpError {
  override code = 'ERR_INPUT_TOO_LARGE' as const
  readonly limitBytes: number
  constructor(field: string, limitBytes: number) {
    super(`${field}: larger than ${limitBytes / (1024 * 1024)} MB`)
    this.limitBytes = limitBytes
  }
}

/** No `Authorization: Bearer` header on an admin request. */
export class AdminTokenMissing extends HttpError {
  override code = 'ERR_ADMIN_TOKEN_MISSING' as const
  constructor() {
    super('an admin bearer token is required (Authorization: Bearer <token>)')
  }
}

/** A bearer token that is not an active admin token. */
export class AdminTokenInvalid extends HttpError {
  override code = 'ERR_ADMIN_TOKEN_INVALID' as const
  constructor() {
    super('the admin token is not valid')
  }
}

/** No such route or resource. */
export class NotFound extends HttpError {
  override code = 'ERR_NOT_FOUND' as const
}

/** A caller who is known but may not do this (a learner's session asking for staff work). */
export class Forbidden extends HttpError {
  override code = 'ERR_FORBIDDEN' as const
}

/** Too many failed attempts from this client (wrong admin tokens): paused for a while. */
export class TooManyAttempts extends HttpError {
  override code = 'ERR_TOO_MANY_ATTEMPTS' as const
  /** Seconds until the pause ends (the Retry-After header, RFC 9110 §10.2.3). */
  readonly retryAfterSec: number
  constructor(retryAfterSec: number) {
    super('too many failed attempts from this address; try again later')
    this.retryAfterSec = retryAfterSec
  }
}

/** The server cannot listen where it was told to (port taken, address not on this host). */
export class ListenFailed extends Error {
  readonly code = 'ERR_SERVER_LISTEN_FAILED'
  constructor(host: string, port: number, cause: unknown) {
    const reason = (cause as { code?: string }).code ?? String(cause)
    super(
      `cannot listen on ${host}:${port} (${reason}); set PORT (and HOST) to a free port on this machine`,
      { cause },
    )
    this.name = 'ListenFailed'
  }
}
