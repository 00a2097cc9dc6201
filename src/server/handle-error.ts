import { randomUUID } from 'node:crypto'
import type { ErrorRequestHandler, Request } from 'express'
import { errorPage, type ErrorPageOptions } from './error-page.ts'
import { registrationRefusedPage } from './registration-page.ts'
import { otherLangHref, requestLang } from './request-lang.ts'
import { clean } from './serialize-error.ts'

// The only place that knows HTTP statuses for errors.
const STATUS: Readonly<Record<string, number>> = {
  ERR_INPUT_INVALID: 400,
  ERR_INPUT_TOO_LARGE: 413,
  ERR_ADMIN_TOKEN_MISSING: 401,
  ERR_ADMIN_TOKEN_INVALID: 401,
  ERR_NOT_FOUND: 404,
  ERR_FORBIDDEN: 403,
  ERR_TOO_MANY_ATTEMPTS: 429,
  ERR_TAG_INVALID: 400,
  ERR_TAG_NOT_FOUND: 404,
  ERR_GRADEBOOK_UNAVAILABLE: 409,
  ERR_ROSTER_UNAVAILABLE: 409,
  ERR_LTI_SERVICE_FAILED: 502,
  ERR_FRAMEWORK_ID_UNKNOWN: 400,
  ERR_STORE_NOT_FOUND: 404,
  ERR_STORE_CONFLICT: 409,
  ERR_STORE_BACKUP_UNAVAILABLE: 409,
  ERR_STORE_UNAVAILABLE: 503,
  ERR_LTI_LOGIN_INVALID: 400,
  ERR_LTI_PLATFORM_UNKNOWN: 400,
  ERR_LTI_CLAIMS_INVALID: 400,
  ERR_LTI_STATE_INVALID: 401,
  ERR_LTI_LAUNCH_INVALID: 401,
  ERR_LTI_LAUNCH_EXPIRED: 401,
  ERR_LTI_LAUNCH_TOO_OLD: 401,
  ERR_LTI_LAUNCH_NOT_YET_VALID: 401,
  ERR_LTI_SIGNATURE_INVALID: 401,
  ERR_LTI_NONCE_INVALID: 401,
  ERR_LTI_SESSION_INVALID: 401,
  ERR_LTI_DEPLOYMENT_UNKNOWN: 403,
  ERR_LTI_PLATFORM_KEYS_UNAVAILABLE: 502,
  ERR_LTI_REGISTRATION_FAILED: 400,
  ERR_LTI_INVITATION_INVALID: 403,
  ERR_LTI_FETCH_REFUSED: 502,
  ERR_LTI_DEEP_LINKING_INVALID: 400,
  ERR_XAPI_VERSION_INVALID: 400,
  ERR_XAPI_STATEMENTS_INVALID: 400,
  ERR_XAPI_QUERY_INVALID: 400,
  ERR_XAPI_CREDENTIALS_MISSING: 401,
  ERR_XAPI_CREDENTIALS_INVALID: 401,
  ERR_XAPI_TOO_MANY_ATTEMPTS: 429,
  ERR_XAPI_NOT_FOUND: 404,
  ERR_XAPI_CONFLICT: 409,
  ERR_XAPI_DOCUMENT_INVALID: 400,
  ERR_XAPI_DOCUMENT_CONFLICT: 409,
  ERR_XAPI_PRECONDITION_FAILED: 412,
  ERR_XAPI_METHOD_NOT_ALLOWED: 405,
}

/** Turns any error into a JSON response: known codes with their message, the rest a bare 500. */
export const handleError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const parserError = bodyParserError(err)
  if (parserError) {
    res.status(parserError.status).json(parserError.body)
    return
  }
  const rawCode = (err as { code?: unknown } | undefined)?.code
  const code = typeof rawCode === 'string' ? rawCode : ''
  const status = STATUS[code]
  if (status === undefined) {
    const errorId = randomUUID()
    req.log.error({ errorId, err }, 'unhandled error')
    res.status(500).json({ code: 'ERR_INTERNAL', message: 'internal error', errorId })
    return
  }
  const message = (err as Error).message
  // A refusal's message may quote a URL with its token (a failed registration's): cleaned.
  req.log.warn({ code, message: clean(message) }, 'request refused')
  if (code.startsWith('ERR_ADMIN_TOKEN')) {
    res.setHeader('WWW-Authenticate', 'Bearer realm="nls-admin"')
  }
  const retryAfterSec = (err as { retryAfterSec?: unknown }).retryAfterSec
  if (typeof retryAfterSec === 'number') res.setHeader('Retry-After', String(retryAfterSec))
  if (code.startsWith('ERR_XAPI_CREDENTIALS'))
    res.setHeader('WWW-Authenticate', 'Basic realm="NLS xAPI"')
  // A browser (an LTI launch in the LMS) gets a page; programs get JSON.
  if (req.accepts(['json', 'html']) === 'html') {
    res
      .status(status)
      .type('html')
      .send(
        registrationRefusedPage(err, requestLang(req), otherLangHref(req, requestLang(req))) ??
          errorPage(code, message, pageOptions(req, err, code)),
      )
    return
  }
  const problems = (err as { problems?: unknown }).problems
  res.status(status).json(Array.isArray(problems) ? { code, message, problems } : { code, message })
}

/**
 * How the error page helps on: in the language of the pages (`?lang=`, else their cookie, else
 * the browser's Accept-Language); a missing or ended session also offers the sign-in of local
 * accounts; a file too large names the limit and leads back to its form.
 */
function pageOptions(req: Request, err: unknown, code: string): ErrorPageOptions {
  const lang = requestLang(req)
  if (code === 'ERR_LTI_SESSION_INVALID') return { lang, signIn: true }
  const limitBytes = (err as { limitBytes?: unknown }).limitBytes
  if (code === 'ERR_INPUT_TOO_LARGE' && typeof limitBytes === 'number') {
    return {
      lang,
      problem: { key: 'errors.tooLarge', limitMb: limitBytes / (1024 * 1024) },
      back: req.originalUrl,
    }
  }
  return { lang }
}

/** express.json()'s own errors (bad JSON, too large, wrong charset) carry `type` and `status`. */
function bodyParserError(err: unknown): { status: number; body: object } | undefined {
  const e = err as { type?: unknown; status?: unknown; message?: unknown }
  if (typeof e?.type !== 'string' || typeof e.status !== 'number') return undefined
  if (e.type === 'entity.parse.failed') {
    return {
      status: 400,
      body: {
        code: 'ERR_INPUT_INVALID',
        message: `body: not valid JSON (${String(e.message)})`,
        problems: [{ path: ['body'], message: 'not valid JSON' }],
      },
    }
  }
  if (e.type === 'entity.too.large') {
    return { status: 413, body: { code: 'ERR_INPUT_TOO_LARGE', message: 'body: too large' } }
  }
  if (e.type === 'charset.unsupported') {
    // RFC 8259 §8.1: JSON exchanged between systems "MUST be encoded using UTF-8".
    const charset = (err as { charset?: unknown }).charset
    return {
      status: 415,
      body: {
        code: 'ERR_INPUT_INVALID',
        message: `body: charset ${JSON.stringify(String(charset ?? ''))} is not supported; send JSON in UTF-8 (Content-Type: application/json; charset=utf-8)`,
      },
    }
  }
  return { status: e.status, body: { code: 'ERR_INPUT_INVALID', message: String(e.message) } }
}
