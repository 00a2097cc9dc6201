import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Express, NextFunction, Request, Response } from 'express'
import type { Logger } from 'pino'
import type { RequestLabels } from '../../src/server/metrics.ts'
import { requestIdOf } from '../../src/server/request-log.ts'
import type { RecordedHeaders } from '../../src/server/security-headers.ts'
import type { XapiClient } from '../../src/store/xapi-client-store.ts'
import { storeStatements } from '../receive/store-statements.ts'
import type { VerifiedClients } from './verified-clients.ts'
import { callerOf, corsHeaders, type XapiDeps, xapiVersionOf } from './xapi-routes.ts'

/** The largest body the lane reads; a larger one takes the Express route (express.json). */
export const LANE_MAX_BYTES = 1024 * 1024

export interface StatementsLaneDeps {
  /** Everything else, and every answer but a statement POST's success. */
  readonly app: Express
  readonly logger: Logger
  readonly recordRequest: (labels: RequestLabels, seconds: number) => void
  /** The security headers Express would set on the response (securityHeaders().forRequest). */
  readonly securityHeaders: (secure: boolean) => Promise<RecordedHeaders>
  /** The xAPI routes' dependencies; the lane takes only credentials they verified lately. */
  readonly xapi: XapiDeps & { readonly verifiedClients: VerifiedClients }
}

/** What the lane found in a request's headers that it can serve. */
interface Taken {
  readonly client: XapiClient
  readonly version: '1.0.3' | '2.0.0'
}

const LABELS: RequestLabels = { method: 'POST', route: '/xapi/statements', status: '200' }
/** The error the lane hands to Express with a request it read (see laneError). */
const LANE_ERROR = Symbol('nls.statementsLane.error')

/**
 * `POST /xapi/statements` without Express: content sends a statement per event, and routing,
 * body parsing and the middleware of every page cost the process several times what storing a
 * statement does. The lane takes a request only when its headers promise the common case: JSON
 * in UTF-8 with a length, a version we speak, credentials verified lately. It answers the same
 * as the Express route would: the same statements stored (storeStatements), the same headers
 * (security, CORS, version, request ID), the same log line and metrics. Any error it meets
 * (bad JSON, refused statements, a conflict, a database down) goes to Express with the body it
 * read, and is answered there by the one error handler. Every other request goes to Express.
 */
export function statementsLane(deps: StatementsLaneDeps): RequestListener {
  return (req, res) => {
    const taken = take(req, deps.xapi.verifiedClients)
    if (taken === undefined) void deps.app(req, res)
    else void serve(deps, taken, req, res)
  }
}

/** Middleware handing on the error of a request the lane read (first after the request log). */
export function laneError(req: Request, _res: Response, next: NextFunction): void {
  next((req as unknown as Record<symbol, unknown>)[LANE_ERROR])
}

function take(req: IncomingMessage, verified: VerifiedClients): Taken | undefined {
  if (req.method !== 'POST' || req.url !== '/xapi/statements') return undefined
  const headers = req.headers
  if (!isJsonInUtf8(headers['content-type'])) return undefined
  const encoding = headers['content-encoding']
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined
  const length = Number(headers['content-length'])
  if (!(length >= 0 && length <= LANE_MAX_BYTES)) return undefined
  const version = xapiVersionOf(headers['x-experience-api-version'] as string | undefined)
  if (version === undefined) return undefined
  const client = verified.get(headers.authorization ?? '', Date.now())
  if (client === undefined) return undefined
  return { client, version }
}

/** `application/json`, with no parameter or a UTF-8 charset (RFC 8259 §8.1). */
function isJsonInUtf8(type: string | undefined): boolean {
  if (type === undefined) return false
  const [media, ...params] = type.split(';')
  if (media!.trim().toLowerCase() !== 'application/json') return false
  return params.every((p) => /^\s*charset\s*=\s*"?utf-8"?\s*$/i.test(p))
}

async function serve(
  deps: StatementsLaneDeps,
  taken: Taken,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now()
  // As Express does per request: req.secure, req.ip and the rest read as they do there.
  Object.setPrototypeOf(req, deps.app.request)
  Object.setPrototypeOf(res, deps.app.response)
  const expressReq = req as Request
  const id = requestIdOf(req)
  // Every header but the body's, in the order Express's middleware would set them.
  let headers: (readonly [string, string])[] = []
  let body: unknown
  try {
    headers = [
      ['X-Request-Id', id],
      ...(await deps.securityHeaders(expressReq.secure)),
      ...corsHeaders(req),
      ['X-Experience-API-Version', taken.version],
    ]
    body = parseJson(await readBody(req))
    const ids = await storeStatements(
      body,
      callerOf(taken.client, deps.xapi.baseUrl()),
      deps.xapi,
      { version: taken.version },
    )
    const payload = JSON.stringify(ids)
    // One flat list of names and values: the headers are written without a header object.
    const raw = headers.flat()
    raw.push('Content-Type', 'application/json; charset=utf-8')
    raw.push('Content-Length', String(Buffer.byteLength(payload)))
    res.writeHead(200, raw)
    res.end(payload)
  } catch (error) {
    for (const [name, value] of headers) res.setHeader(name, value)
    Object.assign(expressReq, { body, [LANE_ERROR]: error })
    ;(res as Response).locals = { routeGroup: '/xapi/*' }
    void deps.app(req, res)
    return
  }
  const seconds = (performance.now() - started) / 1000
  deps.recordRequest(LABELS, seconds)
  if (deps.logger.isLevelEnabled('info')) {
    // The line pino-http writes for a request (request-log.ts), without the headers.
    deps.logger.info(
      {
        req: {
          id,
          method: 'POST',
          url: '/xapi/statements',
          remoteAddress: req.socket.remoteAddress,
          remotePort: req.socket.remotePort,
        },
        res: { statusCode: 200 },
        responseTime: Math.round(seconds * 1000),
      },
      'request completed',
    )
  }
}

/** The body, of the length its headers gave (Node's parser ends the stream there). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      received += chunk.length
    })
    req.on('end', () => resolve(Buffer.concat(chunks, received).toString('utf8')))
    // As express.json's own error for a request cut short (handle-error.ts answers it).
    req.on('aborted', () => reject(parserError('request.aborted', 'request aborted')))
    req.on('error', (err) => reject(parserError('request.aborted', err.message)))
  })
}

/**
 * The body as JSON, as express.json({ strict: true }) takes it: an object or an array, in
 * UTF-8, a byte order mark ignored; else its own parse error, which handle-error.ts answers.
 */
function parseJson(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const first = /\S/.exec(json)?.[0]
  if (first !== '{' && first !== '[') {
    throw parserError(
      'entity.parse.failed',
      first === undefined
        ? 'the body is empty'
        : `the body must be a JSON object or array, not one starting with ${JSON.stringify(first)}`,
    )
  }
  try {
    return JSON.parse(json)
  } catch (err) {
    throw parserError('entity.parse.failed', (err as Error).message)
  }
}

/** An error shaped as body-parser's (type, status), which handle-error.ts answers. */
function parserError(type: string, message: string): Error {
  return Object.assign(new Error(message), { type, status: 400 })
}
