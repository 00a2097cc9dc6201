import express, { type Request, type RequestHandler } from 'express'
import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import { checkSessionGeneration, type Session, verifySession } from '../../../lti/session.ts'
import type { Person, Stores } from '../../store/index.ts'
import { langOf, translator } from '../../web/i18n.ts'
import type { PageContext } from '../../web/page-context.ts'
import { personName } from '../../web/pages/profile-page.tsx'
import { SESSION_COOKIE } from '../api-caller.ts'
import { isDistrict } from '../console/tenant-tree.ts'
import { Forbidden } from '../errors.ts'
import { SessionInvalid } from '../../../lti/errors.ts'

declare module 'express-serve-static-core' {
  interface Locals {
    /** The page context of an /app request. */
    page?: PageContext
  }
}

/** The cookie that remembers the pages' language. */
export const LANG_COOKIE = 'nls_lang'
const YEAR_SEC = 365 * 24 * 3_600

export interface PageSessionDeps {
  readonly stores: Stores
  readonly sessionSecret: Uint8Array
  readonly now: () => Date
}

/** Form bodies of the pages (URL-encoded; files go through their own route). */
export const pageForm = express.urlencoded({ extended: false, limit: '256kb' })

/**
 * Resolves the session of a page request and builds its context. A GET takes the session from
 * `?session=` or the cookie; a POST only from its form field, which a cross-site form cannot
 * know. A link's session never replaces the cookie's of another person: someone signed in who
 * opens a link with another's token stays themselves. A session whose person has raised their
 * generation since (signed out, disabled, a new password, a lost role) is refused. The language
 * comes from `?lang=` (remembered in a cookie) or that cookie.
 */
export function pageSession(deps: PageSessionDeps): RequestHandler {
  return async (req, res, next) => {
    const cookies = parseCookies(req.headers.cookie ?? '')
    const fromCookie = cookies[SESSION_COOKIE] || undefined
    const candidates =
      req.method === 'POST'
        ? [{ from: 'form' as const, token: formSession(req) }]
        : [
            { from: 'link' as const, token: queryString(req.query.session) },
            { from: 'cookie' as const, token: fromCookie },
          ]
    const offered = candidates.filter((c): c is Candidate => c.token !== undefined)
    if (offered.length === 0) {
      return next(
        req.method === 'POST'
          ? new Forbidden('the form did not carry the session: reload the page and try again')
          : new SessionInvalid('no session: open NLS from the LMS, or sign in'),
      )
    }
    const { chosen, person } = await resolveSession(offered, deps)
    const { session, token } = chosen
    const queryLang = typeof req.query.lang === 'string' ? req.query.lang : undefined
    const lang = langOf(queryLang ?? cookies[LANG_COOKIE])
    if (queryLang !== undefined && queryLang !== cookies[LANG_COOKIE]) {
      res.append(
        'Set-Cookie',
        serializeCookie(LANG_COOKIE, lang, {
          path: '/',
          maxAge: YEAR_SEC,
          sameSite: 'none',
          secure: true,
          partitioned: true,
        }),
      )
    }
    res.locals.page = {
      lang,
      t: translator(lang),
      session,
      token,
      carrySession: chosen.from === 'link' || (chosen.from === 'form' && !fromCookie),
      path: req.path === '/' ? req.baseUrl : `${req.baseUrl}${req.path}`,
      userName: await displayName(deps.stores, session, person),
      districtManager: await isDistrictManager(deps.stores, session),
    }
    // Pages are per person: never cached by a proxy, never shown from history after sign-out.
    res.setHeader('Cache-Control', 'private, no-store')
    next()
  }
}

/** A session token a request offers, and where it came from. */
export interface Candidate {
  readonly from: 'form' | 'link' | 'cookie'
  readonly token: string
}

/**
 * The session a page acts with among those offered (in order of preference) and its person: the
 * first valid one, unless a link's names another person or tenant than the cookie's (then the
 * cookie's), and then one of that person's current generation (one read of the person).
 */
export async function resolveSession(
  offered: readonly Candidate[],
  deps: PageSessionDeps,
): Promise<{ chosen: Candidate & { session: Session }; person: Person | undefined }> {
  const now = deps.now()
  let firstError: unknown
  const valid: (Candidate & { session: Session })[] = []
  for (const candidate of offered) {
    try {
      valid.push({
        ...candidate,
        session: await verifySession(candidate.token, deps.sessionSecret, now),
      })
    } catch (err) {
      firstError ??= err
    }
  }
  const link = valid.find((v) => v.from === 'link')
  const cookie = valid.find((v) => v.from === 'cookie')
  const preferred = link && cookie && !samePerson(link.session, cookie.session) ? [cookie] : valid
  const first = preferred[0]
  if (!first) throw firstError
  const found = await deps.stores.people.getSessionPerson(
    first.session.tenantId,
    first.session.personId,
  )
  const chosen = preferred.find(
    (v) => samePerson(v.session, first.session) && v.session.gen === found?.sessionGeneration,
  )
  // None current: refused as the preferred one is.
  checkSessionGeneration(first.session, chosen ? first.session.gen : found?.sessionGeneration)
  return { chosen: chosen ?? first, person: found?.person }
}

const samePerson = (a: Session, b: Session) =>
  a.personId === b.personId && a.tenantId === b.tenantId

const queryString = (value: unknown) => (typeof value === 'string' && value ? value : undefined)

function formSession(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined
  return typeof body?.session === 'string' && body.session ? body.session : undefined
}

/** The page context of a request that went through `pageSession`. */
export function pageOf(res: { locals: { page?: PageContext } }): PageContext {
  const page = res.locals.page
  if (!page) throw new Error('pageSession must run before a page handler')
  return page
}

/** Refuses a learner's session: for trainers and administrators. */
export function requireStaffPage(page: PageContext): void {
  if (page.session.role === 'learner') {
    throw new Forbidden('only trainers and administrators may see this page')
  }
}

/** Whether a session is a district manager's: a local account's administrator of a district. */
async function isDistrictManager(stores: Stores, session: Session): Promise<boolean> {
  if (session.role !== 'administrator' || session.platformId !== undefined) return false
  const tenant = await stores.tenants.getTenant(session.tenantId)
  if (!tenant) return false
  // An office under a higher one (a district under the Sở) is one by the schools under it.
  return (
    isDistrict(tenant) ||
    (tenant.kind === 'organisation' && (await stores.tenants.hasOrganisationsUnder(tenant.id)))
  )
}

/** The name a page shows for its user: their name, else their LMS user id (#5). */
async function displayName(
  stores: Stores,
  session: Session,
  person: Person | undefined,
): Promise<string> {
  if (!person) return session.personId
  if (person.name || person.givenName || person.familyName || person.email) {
    return personName(person)
  }
  const identities = await stores.people.listIdentities(session.tenantId, session.personId)
  const lti = identities.find((i) => i.kind === 'lti')
  return lti?.kind === 'lti' ? `#${lti.sub}` : personName(person)
}
