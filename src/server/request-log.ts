import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import { redactQuery, redactUrl } from './redact-url.ts'
import { serializeError } from './serialize-error.ts'

// A proxy's or the LMS's request ID is kept when it looks like one; anything else gets a new one.
const INCOMING_ID = /^[\w.:-]{1,128}$/

/** The request's ID: a proxy's or the LMS's when it looks like one, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID()
}

/** The request's ID, echoed in the X-Request-Id header. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdOf(req)
  res.setHeader('X-Request-Id', id)
  return id
}

/** Logs every request as one JSON line with its ID, echoed in the X-Request-Id header. */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Tokens ride in URLs (`?session=` where cookies are blocked, invitations, Dynamic
    // Registration's `registration_token`), in the request and in a response's Location.
    serializers: {
      req: (req: { url?: string; query?: unknown; headers?: Record<string, unknown> }) => ({
        ...req,
        url: req.url === undefined ? undefined : redactUrl(req.url),
        query: redactQuery(req.query),
        headers: redactHeaders(req.headers),
      }),
      // The CSP is the same long line on every response: not worth a log line's bytes.
      res: (res: { headers?: Record<string, unknown> }) => ({
        ...res,
        headers: redactHeaders(res.headers, ['content-security-policy']),
      }),
      err: serializeError,
    },
    // Probes every few seconds would drown the log.
    autoLogging: {
      ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    },
  })
}

/** Headers with any URL in them cleared of tokens (Location, Referer, Link, Refresh, …). */
function redactHeaders(headers: Record<string, unknown> | undefined, omit: readonly string[] = []) {
  if (!headers) return headers
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !omit.includes(name))
      .map(([name, value]) => [
        name,
        typeof value === 'string'
          ? redactUrl(value)
          : Array.isArray(value)
            ? value.map((v) => (typeof v === 'string' ? redactUrl(v) : v))
            : value,
      ]),
  )
}
