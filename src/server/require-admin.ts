import type { RequestHandler } from 'express'
import type { AdminToken, AdminTokenStore } from '../store/admin-token-store.ts'
import { AdminTokenInvalid, AdminTokenMissing } from './errors.ts'

declare module 'express-serve-static-core' {
  interface Locals {
    /** The admin token a request was authenticated with (admin routes only). */
    adminToken?: AdminToken
  }
}

/** Lets a request through only with `Authorization: Bearer <an active admin token>`. */
export function requireAdmin(tokens: AdminTokenStore): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
    if (!match?.[1]) return next(new AdminTokenMissing())
    const token = await tokens.verifyToken(match[1])
    if (!token) return next(new AdminTokenInvalid())
    res.locals.adminToken = token
    next()
  }
}

/** The audit-log actor for the token a request came with. */
export function adminActor(token: AdminToken | undefined): string {
  return token ? `admin-token:${token.name}` : 'anonymous'
}
