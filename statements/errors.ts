// Errors of the xAPI layer. Each has a stable `code`; the HTTP edge maps codes to statuses.

export type XapiErrorCode =
  | 'ERR_XAPI_VERSION_INVALID'
  | 'ERR_XAPI_CREDENTIALS_MISSING'
  | 'ERR_XAPI_CREDENTIALS_INVALID'
  | 'ERR_XAPI_TOO_MANY_ATTEMPTS'
  | 'ERR_XAPI_STATEMENTS_INVALID'
  | 'ERR_XAPI_CONFLICT'
  | 'ERR_XAPI_NOT_FOUND'
  | 'ERR_XAPI_QUERY_INVALID'
  | 'ERR_XAPI_DOCUMENT_INVALID'
  | 'ERR_XAPI_DOCUMENT_CONFLICT'
  | 'ERR_XAPI_PRECONDITION_FAILED'
  | 'ERR_XAPI_METHOD_NOT_ALLOWED'

export class XapiError extends Error {
  code: XapiErrorCode = 'ERR_XAPI_STATEMENTS_INVALID'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = this.constructor.name
  }
}

/** A missing or unsupported X-Experience-API-Version header (xAPI 1.0.3 Communication §3.3). */
export class VersionInvalid extends XapiError {
  override code = 'ERR_XAPI_VERSION_INVALID' as const
}

/** A method the resource does not take (the answer's Allow header names those it takes). */
export class MethodNotAllowed extends XapiError {
  override code = 'ERR_XAPI_METHOD_NOT_ALLOWED' as const
}

/** No HTTP Basic credentials (Communication §4). */
export class CredentialsMissing extends XapiError {
  override code = 'ERR_XAPI_CREDENTIALS_MISSING' as const
  constructor() {
    super('HTTP Basic credentials (an xAPI client key and secret) are required')
  }
}

/** Credentials that are not an active xAPI client's. */
export class CredentialsInvalid extends XapiError {
  override code = 'ERR_XAPI_CREDENTIALS_INVALID' as const
  constructor() {
    super('the xAPI credentials are not valid')
  }
}

/** Too many wrong credentials from this client address: paused for a while. */
export class TooManyAttempts extends XapiError {
  override code = 'ERR_XAPI_TOO_MANY_ATTEMPTS' as const
  /** Seconds until the pause ends (the Retry-After header, RFC 9110 §10.2.3). */
  readonly retryAfterSec: number
  constructor(retryAfterSec: number) {
    super('too many wrong xAPI credentials from this address; try again later')
    this.retryAfterSec = retryAfterSec
  }
}

/** Statements that do not meet the spec; `problems` give the JSON path and reason of each. */
export class StatementsInvalid extends XapiError {
  override code = 'ERR_XAPI_STATEMENTS_INVALID' as const
  readonly problems: readonly { path: readonly (string | number)[]; message: string }[]
  constructor(problems: readonly { path: readonly (string | number)[]; message: string }[]) {
    super(
      problems
        .slice(0, 20)
        .map((p) => `${p.path.length ? jsonPath(p.path) : '(statement)'}: ${p.message}`)
        .join('; ') + (problems.length > 20 ? `; and ${problems.length - 20} more` : ''),
    )
    this.problems = problems
  }
}

/** `[3].context.contextActivities.parent[0].id`: indexes in brackets, names after dots. */
function jsonPath(path: readonly (string | number)[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('')
}

/** A statement id the LRS already holds with other content (Communication §2.1.2). */
export class StatementConflict extends XapiError {
  override code = 'ERR_XAPI_CONFLICT' as const
  readonly ids: readonly string[]
  constructor(ids: readonly string[]) {
    super(`statement ${ids.join(', ')} already exists with different content`)
    this.ids = ids
  }
}

/** No such statement (or it is voided, for a statementId query). */
export class StatementNotFound extends XapiError {
  override code = 'ERR_XAPI_NOT_FOUND' as const
}

/** Query parameters the statements resource does not accept. */
export class QueryInvalid extends XapiError {
  override code = 'ERR_XAPI_QUERY_INVALID' as const
}

/** A document the resource cannot store or merge (Communication §2.2). */
export class DocumentInvalid extends XapiError {
  override code = 'ERR_XAPI_DOCUMENT_INVALID' as const
}

/** A PUT without If-Match or If-None-Match of a document that exists (Communication §3.1). */
export class DocumentConflict extends XapiError {
  override code = 'ERR_XAPI_DOCUMENT_CONFLICT' as const
}

/** An If-Match or If-None-Match that the stored document fails (Communication §3.1). */
export class PreconditionFailed extends XapiError {
  override code = 'ERR_XAPI_PRECONDITION_FAILED' as const
}

/** No such document. */
export class DocumentNotFound extends XapiError {
  override code = 'ERR_XAPI_NOT_FOUND' as const
}
