import type { RequestHandler } from 'express'
import type { AdminToken, AdminTokenStore } from '../store/admin-token-store.ts'
import type { ThrottleStore } from '../store/throttle-store.ts'
import { adminTokenAddressKey } from '../throttle/throttle-keys.ts'
import { CREDENTIALS_BY_ADDRESS } from '../throttle/throttle-policy.ts'
import { verifyThrottled } from '../throttle/verify-throttled.ts'
import { AdminTokenInvalid, AdminTokenMissing, TooManyAttempts } from './errors.ts'

declare module 'express-serve-static-core' {
  interface Locals {
    /** The admin token a request was authenticated with (admin routes only). */
    adminToken?: AdminToken
  }
}

/** What checks admin tokens: the tokens, and the counts of wrong ones per client address. */
export interface AdminTokenDeps {
  readonly adminTokens: AdminTokenStore
  readonly throttles: ThrottleStore
  readonly now?: () => Date
}

/** Lets a request through only with `Authorization: Bearer <an active admin token>`. */
export function requireAdmin(deps: AdminTokenDeps): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
    if (!match?.[1]) return next(new AdminTokenMissing())
    const token = await verifyAdminToken(deps, match[1], req.ip)
    if (!token) return next(new AdminTokenInvalid())
    res.locals.adminToken = token
    next()
  }
}

/**
 * The active admin token with this secret, or undefined; TooManyAttempts while the client's
 * address is paused for too many wrong ones.
 */
export function verifyAdminToken(
  deps: AdminTokenDeps,
  secret: string,
  ip: string | undefined,
): Promise<AdminToken | undefined> {
  return verifyThrottled(
    {
      throttles: deps.throttles,
      key: adminTokenAddressKey(ip),
      policy: CREDENTIALS_BY_ADDRESS,
      now: deps.now?.() ?? new Date(),
      paused: (sec) => new TooManyAttempts(sec),
    },
    () => deps.adminTokens.verifyToken(secret),
  )
}

/** The audit-log actor for the token a request came with. */
export function adminActor(token: AdminToken | undefined): string {
  return token ? `admin-token:${token.name}` : 'anonymous'
}
