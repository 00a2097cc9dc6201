import { randomUUID } from 'node:crypto'
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'

// A proxy's or the LMS's request ID is kept when it looks like one; anything else gets a new one.
const INCOMING_ID = /^[\w.:-]{1,128}$/

/** Logs every request as one JSON line with its ID, echoed in the X-Request-Id header. */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id']
      const id =
        typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID()
      res.setHeader('X-Request-Id', id)
      return id
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Pages carry the session token in `?session=` where cookies are blocked: never log it.
    serializers: {
      req: (req: { url?: string; query?: Record<string, unknown> }) => ({
        ...req,
        url: req.url?.replace(/([?&]session=)[^&]*/g, '$1[redacted]'),
        query:
          req.query && 'session' in req.query ? { ...req.query, session: '[redacted]' } : req.query,
      }),
    },
    // Probes every few seconds would drown the log.
    autoLogging: {
      ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    },
  })
}
