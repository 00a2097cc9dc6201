import type { IncomingMessage } from 'node:http'
import express, { type RequestHandler, type Response, Router } from 'express'
import type { StatementPipeline } from '../../src/pipeline/statement-pipeline.ts'
import type { Stores } from '../../src/store/index.ts'
import type { XapiClient } from '../../src/store/xapi-client-store.ts'
import {
  CredentialsInvalid,
  CredentialsMissing,
  MethodNotAllowed,
  QueryInvalid,
  StatementNotFound,
  StatementsInvalid,
  TooManyAttempts,
  VersionInvalid,
} from '../errors.ts'
import { formatStatement } from '../receive/format-statement.ts'
import { documentRoutes } from '../documents/document-routes.ts'
import { activityAgentRoutes } from './activity-agent-routes.ts'
import { alternateRequestSyntax } from './alternate-syntax.ts'
import {
  type AttachmentPart,
  multipartAnswer,
  readMultipart,
} from '../attachments/attachment-parts.ts'
import { nlsProfile } from '../progress/profile.ts'
import { statementWrites } from '../../src/store/in-flight-writes.ts'
import { consistentThrough, OTHER_WRITERS_LAG_MS } from './consistent-through.ts'
import { VerifiedClients } from './verified-clients.ts'
import { moreToken, parseMoreToken, parseStatementQuery } from '../receive/statement-query.ts'
import { type Caller, type KeepStatements, storeStatements } from '../receive/store-statements.ts'
import { attachmentHashes, type Agent } from '../xapi/index.ts'
import { isUuid } from '../../src/store/is-uuid.ts'
import { xapiAddressKey } from '../../src/throttle/throttle-keys.ts'
import { CREDENTIALS_BY_ADDRESS } from '../../src/throttle/throttle-policy.ts'
import { verifyThrottled } from '../../src/throttle/verify-throttled.ts'

export interface XapiDeps {
  readonly stores: Stores
  readonly pipeline: StatementPipeline
  readonly baseUrl: () => string
  readonly now: () => Date
  /** See consistentThrough: 0 when no other process writes to the database (PGlite). */
  readonly otherWritersLagMs?: number
  /** The installation's profile IRI (src/evaluation/profile-iri.ts), undefined while it has none. */
  readonly profileIri?: () => Promise<string | undefined>
  /** How requests' statements are committed (keepTogether on a server); default each alone. */
  readonly keep?: KeepStatements
  /** Credentials verified lately, which revoking a client forgets (forgetRevokedClients). */
  readonly verifiedClients?: VerifiedClients
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The xAPI client a request authenticated as. */
    xapiClient?: XapiClient
    /** The xAPI version the request speaks. */
    xapiVersion?: '1.0.3' | '2.0.0'
    /** The attachments' data of a multipart/mixed request. */
    attachments?: AttachmentPart[]
  }
}

/** The LRS under /xapi (xAPI 1.0.3 and 2.0.0): statements and documents. */
export function xapiRoutes(deps: XapiDeps): Router {
  const router = Router()
  // Communication §3.3: every answer names the version, refusals and /about too; a request's
  // own version (versionHeader) replaces it.
  router.use((_req, res, next) => {
    res.setHeader('X-Experience-API-Version', '1.0.3')
    next()
  })
  router.use(cors)
  // Communication §7.7: /about needs neither credentials nor a version header.
  router.get('/about', (_req, res) => {
    res.json({ version: ['1.0.3', '2.0.0'], extensions: {} })
  })
  // Our xAPI Profile (JSON-LD), at its IRI: public, like /about.
  // Its id is the IRI progress statements name; before the installation has one, none names it
  // yet and the profile is described at the address it was asked at.
  router.get('/profile', async (_req, res) => {
    const iri = (await deps.profileIri?.()) ?? `${deps.baseUrl()}/xapi/profile`
    res.type('application/ld+json').send(JSON.stringify(nlsProfile(iri)))
  })
  const verified = deps.verifiedClients ?? new VerifiedClients()
  router.use(alternateRequestSyntax)
  router.use(methodAllowed)
  const otherWritersLag = deps.otherWritersLagMs ?? OTHER_WRITERS_LAG_MS
  // Communication §2.1.3: every answer to a GET of statements says how far it is consistent,
  // a refusal of its version or credentials too. Taken before the read: every statement stored
  // up to this instant is committed when the read starts.
  router.use('/statements', (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const through = consistentThrough(deps.now(), statementWrites, otherWritersLag)
      res.setHeader('X-Experience-API-Consistent-Through', through.toISOString())
    }
    next()
  })
  router.use(versionHeader, basicAuth(deps.stores, deps.now, verified))
  // Documents are kept as the bytes sent: their routes come before JSON is parsed.
  router.use(documentRoutes(deps.stores))
  router.use(activityAgentRoutes(deps.stores))
  router.use(
    express.json({ limit: '16mb' }),
    express.raw({ type: 'multipart/mixed', limit: '48mb' }),
    statementsFromBytes,
  )

  router.post('/statements', async (req, res) => {
    const ids = await storeStatements(req.body, caller(res.locals, deps), deps, {
      version: res.locals.xapiVersion!,
      ...(res.locals.attachments && { attachments: res.locals.attachments }),
    })
    res.json(ids)
  })

  router.put('/statements', async (req, res) => {
    const statementId = req.query.statementId
    if (!isUuid(statementId)) {
      throw new QueryInvalid('PUT needs the statementId parameter (a UUID)')
    }
    await storeStatements(req.body, caller(res.locals, deps), deps, {
      version: res.locals.xapiVersion!,
      statementId,
      ...(res.locals.attachments && { attachments: res.locals.attachments }),
    })
    res.status(204).end()
  })

  const getStatements: RequestHandler = async (req, res) => {
    const tenantId = res.locals.xapiClient!.tenantId
    const { statementId, voidedStatementId, more, ...rest } = req.query as Record<string, unknown>
    if (statementId === undefined && voidedStatementId === undefined) {
      const page = typeof more === 'string' ? parseMoreToken(more) : parseStatementQuery(rest)
      const found = await deps.stores.statements.queryStatements(tenantId, page.query)
      const last = found.at(-1)
      // xAPI 2.0.0 §4.1.6.1: the newest `stored` of the statements returned, first or last.
      const newest = page.query.ascending ? last : found[0]
      if (newest) res.setHeader('Last-Modified', newest.stored.toUTCString())
      const languages = req.acceptsLanguages()
      const body = {
        statements: found.map((s) => formatStatement(s.statement, page.format, languages)),
        more:
          last && found.length === page.query.limit
            ? `/xapi/statements?more=${moreToken(page.params, last)}`
            : '',
      }
      if (req.method === 'HEAD') res.status(200).end()
      else if (page.attachments)
        await sendWithAttachments(
          res,
          tenantId,
          body,
          found.map((s) => s.statement),
        )
      else sendJson(res, body)
      return
    }
    const id = statementId ?? voidedStatementId
    const allowed = Object.keys(rest).every((k) => k === 'format' || k === 'attachments')
    if (
      typeof id !== 'string' ||
      !isUuid(id) ||
      (statementId && voidedStatementId) ||
      more ||
      !allowed
    ) {
      throw new QueryInvalid(
        'give one of statementId or voidedStatementId (a UUID), with no other parameter than format and attachments',
      )
    }
    const [found] = await deps.stores.statements.getStatements(tenantId, [id])
    // Communication §2.1.3: statementId never returns a voided statement; voidedStatementId only those.
    const wantVoided = voidedStatementId !== undefined
    if (!found || (found.voidedBy !== undefined) !== wantVoided) {
      throw new StatementNotFound(`no ${wantVoided ? 'voided ' : ''}statement ${id}`)
    }
    res.setHeader('Last-Modified', found.stored.toUTCString())
    if (req.method === 'HEAD') {
      res.status(200).end()
      return
    }
    const format = rest.format === 'ids' || rest.format === 'canonical' ? rest.format : 'exact'
    const one = formatStatement(found.statement, format, req.acceptsLanguages())
    if (rest.attachments === 'true')
      await sendWithAttachments(res, tenantId, one, [found.statement])
    else sendJson(res, one)
  }
  /** Answers `json` with the data of the statements' attachments kept here (multipart/mixed). */
  const sendWithAttachments = async (
    res: Response,
    tenantId: string,
    json: unknown,
    statements: readonly unknown[],
  ) => {
    const data = await deps.stores.attachments.getAttachments(
      tenantId,
      attachmentHashes(statements),
    )
    const answer = multipartAnswer(json, data)
    res.type(answer.contentType).send(answer.body)
  }
  router.get('/statements', getStatements)
  router.head('/statements', getStatements)
  return router
}

/**
 * Statements as JSON, typed `application/json` exactly: without attachments the LRS "MUST report
 * application/json" (Communication §2.1.3), and JSON has no charset parameter (RFC 8259 §11).
 * Express's res.json would add one.
 */
function sendJson(res: Response, value: unknown) {
  res.setHeader('Content-Type', 'application/json')
  res.send(Buffer.from(JSON.stringify(value)))
}

/**
 * Statements that came as bytes: a multipart/mixed request's (the statements and their
 * attachments' data), or a form's content (the Alternate Request Syntax), JSON.
 */
const statementsFromBytes: RequestHandler = (req, res, next) => {
  if (!Buffer.isBuffer(req.body)) return next()
  if (req.is('multipart/mixed')) {
    const { statements, parts } = readMultipart(req.body, req.headers['content-type'] ?? '')
    req.body = statements
    res.locals.attachments = parts
    return next()
  }
  try {
    req.body = JSON.parse(req.body.toString('utf8')) as unknown
  } catch {
    return next(new StatementsInvalid([{ path: [], message: 'the content is not JSON' }]))
  }
  next()
}

/** Browser-based content posts statements from other origins (Communication §1.3, CORS). */
const cors: RequestHandler = (req, res, next) => {
  for (const [name, value] of corsHeaders(req)) res.setHeader(name, value)
  if (req.method === 'OPTIONS') {
    res.status(204).end()
    return
  }
  next()
}

/** The CORS headers of every answer under /xapi, as name and value pairs. */
export function corsHeaders(req: IncomingMessage): [string, string][] {
  return [
    ['Access-Control-Allow-Origin', req.headers.origin ?? '*'],
    ['Vary', 'Origin'],
    [
      'Access-Control-Allow-Headers',
      'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match',
    ],
    ['Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS'],
    [
      'Access-Control-Expose-Headers',
      'X-Experience-API-Version, X-Experience-API-Consistent-Through, Last-Modified, ETag',
    ],
  ]
}

/** The methods each resource under /xapi takes (Communication §2; OPTIONS is CORS's). */
const RESOURCE_METHODS: Readonly<Record<string, readonly string[]>> = {
  '/statements': ['GET', 'HEAD', 'POST', 'PUT'],
  '/activities': ['GET', 'HEAD'],
  '/agents': ['GET', 'HEAD'],
  '/activities/state': ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
  '/activities/profile': ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
  '/agents/profile': ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
  '/about': ['GET', 'HEAD'],
  '/profile': ['GET', 'HEAD'],
}

/**
 * Another method on a resource is 405 with the methods it takes (RFC 9110 §15.5.6), before
 * credentials are asked for: which methods a resource takes is no secret.
 */
const methodAllowed: RequestHandler = (req, res, next) => {
  const allowed = RESOURCE_METHODS[req.path.replace(/\/$/, '')]
  if (allowed === undefined || allowed.includes(req.method)) return next()
  res.setHeader('Allow', allowed.join(', '))
  next(
    new MethodNotAllowed(
      `${req.method} is not a method of /xapi${req.path}; it takes ${allowed.join(', ')}`,
    ),
  )
}

/** Communication §3.3: every request names the version; the answer names ours. */
const versionHeader: RequestHandler = (req, res, next) => {
  const version = req.headers['x-experience-api-version']
  if (typeof version !== 'string' || version === '') {
    return next(new VersionInvalid('the X-Experience-API-Version header is required'))
  }
  const spoken = xapiVersionOf(version)
  if (spoken === undefined) {
    return next(
      new VersionInvalid(
        `X-Experience-API-Version ${version} is not supported; use 1.0.3 or 2.0.0`,
      ),
    )
  }
  res.locals.xapiVersion = spoken
  res.setHeader('X-Experience-API-Version', spoken)
  next()
}

/** The version a request's X-Experience-API-Version header asks for, if we speak it. */
export function xapiVersionOf(header: string | undefined): '1.0.3' | '2.0.0' | undefined {
  if (header === undefined) return undefined
  if (/^1\.0(\.[0-9]+)?$/.test(header)) return '1.0.3'
  if (/^2\.0(\.[0-9]+)?$/.test(header)) return '2.0.0'
  return undefined
}

function basicAuth(stores: Stores, now: () => Date, verified: VerifiedClients): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? ''
    const cached = verified.get(header, Date.now())
    if (cached) {
      res.locals.xapiClient = cached
      return next()
    }
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
    if (!match?.[1]) return next(new CredentialsMissing())
    const decoded = Buffer.from(match[1], 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon < 0) return next(new CredentialsInvalid())
    // Wrong credentials count against the client's address; a paused address is answered 429
    // (xAPI-shaped, with the version header already set) without a look at its credentials.
    const client = await verifyThrottled(
      {
        throttles: stores.throttles,
        key: xapiAddressKey(req.ip),
        policy: CREDENTIALS_BY_ADDRESS,
        now: now(),
        paused: (sec) => new TooManyAttempts(sec),
      },
      () => stores.xapiClients.verifyClient(decoded.slice(0, colon), decoded.slice(colon + 1)),
    )
    if (!client) return next(new CredentialsInvalid())
    verified.remember(header, client, Date.now())
    res.locals.xapiClient = client
    next()
  }
}

function caller(locals: { xapiClient?: XapiClient }, deps: XapiDeps): Caller {
  return callerOf(locals.xapiClient!, deps.baseUrl())
}

/** Who sends, for a request that authenticated as `client`: its tenant, and the authority. */
export function callerOf(client: XapiClient, baseUrl: string): Caller {
  return {
    tenantId: client.tenantId,
    authority: {
      objectType: 'Agent',
      name: client.name,
      account: { homePage: `${baseUrl}/xapi/clients`, name: client.key },
    } as Agent,
  }
}
