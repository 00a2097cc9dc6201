import { redactUrl } from './redact-url.ts'

/** The longest any one string of a logged error gets, in characters. */
export const MAX_FIELD = 2048
/** How deep a chain of `cause`s (and aggregated errors) is followed. */
const MAX_DEPTH = 4
/** How many of an AggregateError's errors are kept. */
const MAX_AGGREGATED = 5

// Strings kept by name; other strings are dropped, for they may hold the data that failed: a
// PostgreSQL error's `detail` ("Key (email)=(…) already exists") and `where` ("unnamed portal
// parameter $3 = '…'"), drizzle's `params`, a request's body.
const KEPT_STRINGS = new Set([
  'code',
  // PostgreSQL's error fields that name, never quote (https://www.postgresql.org/docs/current/protocol-error-fields.html).
  'severity',
  'routine',
  'schema',
  'table',
  'column',
  'constraint',
  'dataType',
  // Node's system errors (ECONNREFUSED and the like).
  'syscall',
  'address',
  'errno',
])

// A compact JWS (our session, an id_token, a registration token) anywhere in a text.
const JWS = /\beyJ[\w-]{8,}(?:\.[\w-]*){0,2}/g

/** A logged error as kept: what, where, why; never the data it was working on. */
export interface SerializedError {
  readonly type: string
  readonly message: string
  readonly stack?: string
  readonly code?: string
  readonly cause?: SerializedError | string
  readonly errors?: readonly (SerializedError | string)[]
  readonly [field: string]: unknown
}

/**
 * An error as the log keeps it: its type, message, code, stack and causes (bounded), each string
 * capped and cleared of tokens, without query parameters, bodies or other data it carried.
 */
export function serializeError(err: unknown): unknown {
  // pino-http hands over pino's own serialization, the error itself under `raw`.
  const raw = (err as { raw?: unknown } | null)?.raw
  return serialize(raw instanceof Error ? raw : err, 0)
}

function serialize(err: unknown, depth: number): SerializedError | string {
  if (!(err instanceof Error) && !isErrorLike(err)) return clean(String(err))
  const e = err as Error & Record<string, unknown>
  const out: Record<string, unknown> = {
    type: clean(
      e.constructor?.name && e.constructor.name !== 'Object' ? e.constructor.name : e.name,
    ),
    message: clean(messageOf(e)),
  }
  if (typeof e.stack === 'string') out.stack = clean(framesOf(e.stack))
  for (const key of Object.keys(e)) {
    const value = e[key]
    if (key === 'cause' || key === 'errors' || key === 'stack' || key === 'message') continue
    if (typeof value === 'number' || typeof value === 'boolean') out[key] = value
    else if (typeof value === 'string' && KEPT_STRINGS.has(key)) out[key] = clean(value)
  }
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code
  // drizzle's DrizzleQueryError: the SQL is kept (values are parameters), the parameters are not.
  if (typeof e.query === 'string' && 'params' in e) out.query = clean(e.query)
  if (e.cause !== undefined) {
    out.cause = depth < MAX_DEPTH ? serialize(e.cause, depth + 1) : '[cause not followed]'
  }
  if (Array.isArray(e.errors)) {
    out.errors =
      depth < MAX_DEPTH
        ? e.errors.slice(0, MAX_AGGREGATED).map((x) => serialize(x, depth + 1))
        : ['[errors not followed]']
  }
  return out as unknown as SerializedError
}

function isErrorLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  )
}

// DrizzleQueryError's message is `Failed query: <sql>\nparams: <values>`.
function messageOf(e: Error & Record<string, unknown>): string {
  const message = typeof e.message === 'string' ? e.message : ''
  const at = 'params' in e ? message.indexOf('\nparams:') : -1
  return at < 0 ? message : `${message.slice(0, at)}\nparams: [not logged]`
}

// The stack's frames only: its first lines repeat the message, which may hold the values.
function framesOf(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n')
}

/** A string fit for the log: tokens out, capped at MAX_FIELD characters. */
export function clean(text: string): string {
  // Cut before redacting: a 9 MB message is not worth scanning; a token cut short still goes.
  const kept = redactUrl(text.slice(0, MAX_FIELD)).replace(JWS, '[redacted jwt]')
  return text.length <= MAX_FIELD ? kept : `${kept}… [${text.length - MAX_FIELD} more characters]`
}
