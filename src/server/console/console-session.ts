import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import type { Request, RequestHandler } from 'express'
import { z } from 'zod'
import { signToken, verifyToken } from '../../../lti/signed-token.ts'
import { langOf, translator } from '../../web/i18n.ts'
import { SESSION_COOKIE } from '../api-caller.ts'
import { Forbidden } from '../errors.ts'
import { LANG_COOKIE, resolveSession } from '../pages/page-session.ts'
import type { ConsoleActor, ConsoleDeps } from './console-context.ts'
import { isDistrict, tenantsUnder, tenantTree } from './tenant-tree.ts'

/** The cookie of a console signed in with an admin token. */
export const CONSOLE_COOKIE = 'nls_console'
/** A working day: the admin token is asked again after it. */
export const CONSOLE_TTL_SEC = 8 * 3_600
const AUDIENCE = 'nls-console'

/** What the console cookie carries: the admin token signed in with, and this sign-in's id. */
const ConsoleSession = z.object({ tokenId: z.string().min(1), sid: z.string().min(1) })
type ConsoleSession = z.infer<typeof ConsoleSession>

/** Signs a console session for an admin token (a fresh sign-in id each time). */
export function signConsoleSession(
  tokenId: string,
  secret: Uint8Array,
  now: Date,
): Promise<string> {
  return signToken({ tokenId, sid: randomUUID() }, AUDIENCE, secret, now, CONSOLE_TTL_SEC)
}

/** The console cookie: first-party only (Strict), for /admin only, never read by scripts. */
export function consoleCookie(
  req: Pick<Request, 'secure'>,
  token: string,
  maxAge = CONSOLE_TTL_SEC,
) {
  return serializeCookie(CONSOLE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/admin',
    maxAge,
  })
}

/** The pages' language: `?lang=`, else the language cookie of the /app pages. */
export function consoleLang(req: Request) {
  const query = typeof req.query.lang === 'string' ? req.query.lang : undefined
  return langOf(query ?? parseCookies(req.headers.cookie ?? '')[LANG_COOKIE])
}

/**
 * Resolves who uses the console and builds its context: an admin token's console cookie (the
 * token re-checked active on every request), else the /app session of a district's manager (a
 * local account's administrator in a district). No session at all goes to /admin/login; any
 * other person is refused. A POST must carry the form token of the session it came with.
 */
export function consoleSession(deps: ConsoleDeps): RequestHandler {
  return async (req, res, next) => {
    const cookies = parseCookies(req.headers.cookie ?? '')
    const lang = consoleLang(req)
    const found =
      (await adminTokenActor(deps, cookies[CONSOLE_COOKIE])) ??
      (await districtManagerActor(deps, cookies[SESSION_COOKIE]))
    if (!found) {
      res.redirect(303, `/admin/login${lang === 'en' ? '?lang=en' : ''}`)
      return
    }
    const formToken = createHmac('sha256', deps.sessionSecret)
      .update(`nls-console-form:${found.binding}`)
      .digest('base64url')
    if (req.method === 'POST' && !sameToken(formField(req), formToken)) {
      return next(new Forbidden('the form did not carry its token: reload the page and try again'))
    }
    const tenants = await deps.stores.tenants.listTenants()
    const actor: ConsoleActor = {
      ...found.actor,
      ...(found.districtId !== undefined && {
        scope: tenantsUnder(tenants, found.districtId),
      }),
      knownTenants: new Set(tenants.map((t) => t.id)),
    }
    res.locals.console = {
      actor,
      lang,
      t: translator(lang),
      formToken,
      path: `${req.baseUrl}${req.path === '/' ? '' : req.path}`,
      tenants: tenantTree(tenants, actor.scope),
      allTenants: tenants,
    }
    // Console pages are per person: never cached, never shown from history after sign-out.
    res.setHeader('Cache-Control', 'private, no-store')
    next()
  }
}

interface Found {
  readonly actor: Omit<ConsoleActor, 'knownTenants'>
  /** The district of a district manager, whose tenants are the scope. */
  readonly districtId?: string
  /** What the form token is bound to: this sign-in. */
  readonly binding: string
}

async function adminTokenActor(
  deps: ConsoleDeps,
  cookie: string | undefined,
): Promise<Found | undefined> {
  if (!cookie) return undefined
  let session: ConsoleSession
  try {
    session = await verifyToken(ConsoleSession, cookie, AUDIENCE, deps.sessionSecret, deps.now())
  } catch {
    return undefined
  }
  // Revoked since the sign-in: the console closes at once.
  const tokens = await deps.stores.adminTokens.listTokens()
  const token = tokens.find((t) => t.id === session.tokenId && t.revokedAt === undefined)
  if (!token) return undefined
  return {
    actor: {
      kind: 'admin-token',
      name: token.name,
      auditActor: `admin-token:${token.name}`,
      scope: undefined,
      adminTokenId: token.id,
    },
    binding: `admin:${session.sid}`,
  }
}

/**
 * The district manager of an /app session: undefined without a valid session; Forbidden for
 * anyone else (a trainer, a school's manager, a learner, a launch from an LMS).
 */
async function districtManagerActor(
  deps: ConsoleDeps,
  cookie: string | undefined,
): Promise<Found | undefined> {
  if (!cookie) return undefined
  let resolved: Awaited<ReturnType<typeof resolveSession>>
  try {
    resolved = await resolveSession([{ from: 'cookie', token: cookie }], deps)
  } catch {
    return undefined
  }
  const { session } = resolved.chosen
  const refused = new Forbidden(
    "only an admin token's holder or a district's manager may use the console",
  )
  if (session.role !== 'administrator' || session.platformId !== undefined) throw refused
  const tenant = await deps.stores.tenants.getTenant(session.tenantId)
  const office =
    tenant !== undefined &&
    (isDistrict(tenant) ||
      (tenant.kind === 'organisation' &&
        (await deps.stores.tenants.hasOrganisationsUnder(tenant.id))))
  if (!tenant || !office) throw refused
  const accounts = await deps.stores.localAccounts.listAccounts(tenant.id)
  const account = accounts.find((a) => a.personId === session.personId && !a.disabledAt)
  if (!account) throw refused
  return {
    actor: {
      kind: 'district-manager',
      name: account.username,
      auditActor: `account:${account.username}`,
      scope: new Set(),
      districtId: tenant.id,
      session,
    },
    districtId: tenant.id,
    binding: `person:${session.tenantId}:${session.personId}:${session.gen}:${cookie}`,
  }
}

function formField(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined
  return typeof body?.form === 'string' ? body.form : undefined
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  const [a, b] = [Buffer.from(given), Buffer.from(expected)]
  return a.length === b.length && timingSafeEqual(a, b)
}
