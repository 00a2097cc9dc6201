import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import type { RequestLabels } from '../../src/server/metrics.ts'
import { requestIdOf } from '../../src/server/request-log.ts'
import type { RecordedHeaders } from '../../src/server/security-headers.ts'
import type { XapiClient } from '../../src/store/xapi-client-store.ts'
import { redactUrl } from '../../src/server/redact-url.ts'
import { documentHandlers } from '../documents/document-routes.ts'
import { storeStatements } from '../receive/store-statements.ts'
import type { VerifiedClients } from './verified-clients.ts'
import { callerOf, corsHeaders, type XapiDeps, xapiVersionOf } from './xapi-routes.ts'

/** The largest body the lane reads; a larger one takes the Express route (express.json). */
export const LANE_MAX_BYTES = 1024 * 1024

/** The State resource's path, which the lane serves for GET and PUT of one document. */
const STATE_PATH = '/xapi/activities/state'

export interface StatementsLaneDeps {
  /** Everything else, and every answer but a statement POST's or a State GET's or PUT's. */
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
  /** A statement POST, or a State GET or PUT. */
  readonly kind: 'statements' | 'state'
  readonly client: XapiClient
  readonly version: '1.0.3' | '2.0.0'
}

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
 *
 * A SCORM wrapper or cmi5 content reads and saves its State on every page, and Express's routing
 * and middleware were a third of what the server spent on one: the lane also takes a State GET,
 * and a PUT with a length, and answers them with the State route's own handlers.
 */
export function statementsLane(deps: StatementsLaneDeps): RequestListener {
  const state = documentHandlers(deps.xapi.stores, 'state')
  const lane = { get: state.get, put: state.write('PUT') }
  return (req, res) => {
    const taken = take(req, deps.xapi.verifiedClients)
    if (taken === undefined) void deps.app(req, res)
    else void serve(deps, lane, taken, req, res)
  }
}

/** Middleware handing on the error of a request the lane read (first after the request log). */
export function laneError(req: Request, _res: Response, next: NextFunction): void {
  next((req as unknown as Record<symbol, unknown>)[LANE_ERROR])
}

function take(req: IncomingMessage, verified: VerifiedClients): Taken | undefined {
  const kind = kindOf(req)
  if (kind === undefined) return undefined
  const headers = req.headers
  const version = xapiVersionOf(headers['x-experience-api-version'] as string | undefined)
  if (version === undefined) return undefined
  const client = verified.get(headers.authorization ?? '', Date.now())
  if (client === undefined) return undefined
  return { kind, client, version }
}

/** Which request of the lane's this is by its method, path and body, if any. */
function kindOf(req: IncomingMessage): Taken['kind'] | undefined {
  const url = req.url ?? ''
  if (req.method === 'POST' && url === '/xapi/statements') {
    return isJsonInUtf8(req.headers['content-type']) && hasPlainBody(req) ? 'statements' : undefined
  }
  // One State document, named in the query; a PUT's bytes, of a length.
  if (url.startsWith(`${STATE_PATH}?`)) {
    if (req.method === 'GET') return 'state'
    if (req.method === 'PUT' && hasPlainBody(req)) return 'state'
  }
  return undefined
}

/** A body not encoded, of a length the lane reads. */
function hasPlainBody(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding']
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false
  const length = Number(req.headers['content-length'])
  return length >= 0 && length <= LANE_MAX_BYTES
}

/** `application/json`, with no parameter or a UTF-8 charset (RFC 8259 §8.1). */
function isJsonInUtf8(type: string | undefined): boolean {
  if (type === undefined) return false
  const [media, ...params] = type.split(';')
  if (media!.trim().toLowerCase() !== 'application/json') return false
  return params.every((p) => /^\s*charset\s*=\s*"?utf-8"?\s*$/i.test(p))
}

/** The State route's handlers the lane answers with. */
interface StateLane {
  readonly get: RequestHandler
  readonly put: RequestHandler
}

async function serve(
  deps: StatementsLaneDeps,
  state: StateLane,
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
    if (taken.kind === 'statements') {
      body = parseJson((await readBody(req)).toString('utf8'))
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
    } else {
      // The route's own handler answers, on the request and response as Express hands them on.
      for (const [name, value] of headers) res.setHeader(name, value)
      const expressRes = res as Response
      expressReq.res = expressRes
      expressRes.req = expressReq
      expressRes.locals = { xapiClient: taken.client, xapiVersion: taken.version }
      if (req.method === 'PUT') expressReq.body = body = await readBody(req)
      let passed: unknown
      await (req.method === 'PUT' ? state.put : state.get)(expressReq, expressRes, (err) => {
        passed = err
      })
      if (passed !== undefined) throw passed
    }
  } catch (error) {
    for (const [name, value] of headers) res.setHeader(name, value)
    Object.assign(expressReq, { body, [LANE_ERROR]: error })
    ;(res as Response).locals = { routeGroup: '/xapi/*' }
    void deps.app(req, res)
    return
  }
  const seconds = (performance.now() - started) / 1000
  const route = taken.kind === 'statements' ? '/xapi/statements' : STATE_PATH
  const status = res.statusCode
  deps.recordRequest({ method: req.method!, route, status: String(status) }, seconds)
  if (deps.logger.isLevelEnabled('info')) {
    // The line pino-http writes for a request (request-log.ts), without the headers.
    deps.logger.info(
      {
        req: {
          id,
          method: req.method,
          url: redactUrl(req.url!),
          remoteAddress: req.socket.remoteAddress,
          remotePort: req.socket.remotePort,
        },
        res: { statusCode: status },
        responseTime: Math.round(seconds * 1000),
      },
      'request completed',
    )
  }
}

/** The body, of the length its headers gave (Node's parser ends the stream there). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      received += chunk.length
    })
    req.on('end', () => resolve(Buffer.concat(chunks, received)))
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
