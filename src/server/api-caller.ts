import type { Request, RequestHandler, Response } from 'express'
import { z } from 'zod'
import { parse as parseCookies } from 'cookie'
import { checkSessionGeneration, type Session, verifySession } from '../../lti/session.ts'
import type { AdminTokenStore } from '../store/admin-token-store.ts'
import type { Stores } from '../store/index.ts'
import { type AccessScope, accessScope } from './access-scope.ts'
import { AdminTokenMissing, Forbidden, InputInvalid } from './errors.ts'
import { parseInput } from './parse-input.ts'
import { adminActor, verifyAdminToken } from './require-admin.ts'

/** Who calls the JSON API: an admin token (any tenant) or a launched person's session. */
export type ApiCaller =
  | { readonly kind: 'admin'; readonly actor: string }
  | { readonly kind: 'session'; readonly session: Session; readonly actor: string }

declare module 'express-serve-static-core' {
  interface Locals {
    /** The authenticated caller of an /api request. */
    apiCaller?: ApiCaller
  }
}

/** Where the pages put the session: the cookie set at launch. */
export const SESSION_COOKIE = 'nls_session'

/**
 * Lets a request through with an admin bearer token, or a session (bearer, `?session=`, or the
 * launch cookie) of its person's current generation. A bearer that is neither is refused; wrong
 * admin tokens count against the client's address.
 */
export function requireApiCaller(deps: {
  readonly adminTokens: AdminTokenStore
  readonly stores: Pick<Stores, 'people' | 'throttles'>
  readonly sessionSecret: Uint8Array
  readonly now: () => Date
}): RequestHandler {
  const adminTokenDeps = { ...deps, throttles: deps.stores.throttles }
  return async (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
    // A session is a JWT (three dot-separated parts); an admin token has no dots.
    if (bearer && !bearer.includes('.')) {
      const token = await verifyAdminToken(adminTokenDeps, bearer, req.ip)
      if (!token) return next(new Forbidden('the bearer token is not an active admin token'))
      res.locals.apiCaller = { kind: 'admin', actor: adminActor(token) }
      return next()
    }
    const sessionToken = bearer ?? sessionFromRequest(req)
    if (!sessionToken) return next(new AdminTokenMissing())
    const session = await verifySession(sessionToken, deps.sessionSecret, deps.now())
    checkSessionGeneration(
      session,
      await deps.stores.people.sessionGeneration(session.tenantId, session.personId),
    )
    res.locals.apiCaller = { kind: 'session', session, actor: `person:${session.personId}` }
    next()
  }
}

/** The session token a request carries: `?session=` or the launch cookie (bearers aside). */
export function sessionFromRequest(req: Request): string | undefined {
  if (typeof req.query.session === 'string' && req.query.session) return req.query.session
  return parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE]
}

/**
 * The tenant a request acts in: a session's own (a different `tenantId` is refused), or for an
 * admin token the `tenantId` it names (required).
 */
export function callerTenant(caller: ApiCaller, requested: string | undefined): string {
  if (caller.kind === 'session') {
    if (requested !== undefined && requested !== caller.session.tenantId) {
      throw new Forbidden('a session acts only in its own tenant')
    }
    return caller.session.tenantId
  }
  if (requested === undefined) {
    throw new InputInvalid([
      { path: ['query', 'tenantId'], message: 'required with an admin token (a tenant id)' },
    ])
  }
  return requested
}

/** Refuses a learner's session: tagging and overrides are for trainers and administrators. */
export function requireStaff(caller: ApiCaller): void {
  if (caller.kind === 'session' && caller.session.role === 'learner') {
    throw new Forbidden('only trainers (LTI Instructor) and administrators may do this')
  }
}

/** `?tenantId=`: the tenant an admin token acts in (a session's own otherwise). */
export const TenantQuery = z.object({
  tenantId: z.uuid('must be a tenant id (a UUID)').optional(),
})

/** The staff caller of a request and the tenant it acts in (`?tenantId=` for an admin token). */
export function staffIn(req: Request, res: Response): { caller: ApiCaller; tenant: string } {
  const caller = res.locals.apiCaller!
  requireStaff(caller)
  const { tenantId } = parseInput(TenantQuery, req.query, 'query')
  return { caller, tenant: callerTenant(caller, tenantId) }
}

/** What a caller may act on (an admin token: its tenant). */
export function scopeOf(caller: ApiCaller): AccessScope {
  return accessScope(caller.kind === 'session' ? caller.session : undefined)
}
