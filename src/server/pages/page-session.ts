import express, { type Request, type RequestHandler } from 'express'
import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import { type Session, verifySession } from '../../../lti/session.ts'
import type { Stores } from '../../store/index.ts'
import { langOf, translator } from '../../web/i18n.ts'
import type { PageContext } from '../../web/page-context.ts'
import { personName } from '../../web/pages/profile-page.tsx'
import { SESSION_COOKIE } from '../api-caller.ts'
import { Forbidden } from '../errors.ts'
import { SessionInvalid } from '../../../lti/errors.ts'

declare module 'express-serve-static-core' {
  interface Locals {
    /** The page context of an /app request. */
    page?: PageContext
  }
}

const LANG_COOKIE = 'nls_lang'
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
 * know. The language comes from `?lang=` (remembered in a cookie) or that cookie.
 */
export function pageSession(deps: PageSessionDeps): RequestHandler {
  return async (req, res, next) => {
    const cookies = parseCookies(req.headers.cookie ?? '')
    const fromQuery = typeof req.query.session === 'string' ? req.query.session : undefined
    const fromForm = formSession(req)
    const token = req.method === 'POST' ? fromForm : (fromQuery ?? cookies[SESSION_COOKIE])
    if (!token) {
      return next(
        req.method === 'POST'
          ? new Forbidden('the form did not carry the session: reload the page and try again')
          : new SessionInvalid('no session: open NLS from the LMS, or sign in'),
      )
    }
    const session: Session = await verifySession(token, deps.sessionSecret, deps.now())
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
      carrySession: fromQuery !== undefined || (fromForm !== undefined && !cookies[SESSION_COOKIE]),
      path: req.path === '/' ? req.baseUrl : `${req.baseUrl}${req.path}`,
      userName: await displayName(deps.stores, session),
    }
    // Pages are per person: never cached by a proxy, never shown from history after sign-out.
    res.setHeader('Cache-Control', 'private, no-store')
    next()
  }
}

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

/** The name a page shows for its user: their name, else their LMS user id (#5). */
async function displayName(stores: Stores, session: Session): Promise<string> {
  const person = await stores.people.getPerson(session.tenantId, session.personId)
  if (!person) return session.personId
  if (person.name || person.givenName || person.familyName || person.email) {
    return personName(person)
  }
  const identities = await stores.people.listIdentities(session.tenantId, session.personId)
  const lti = identities.find((i) => i.kind === 'lti')
  return lti?.kind === 'lti' ? `#${lti.sub}` : personName(person)
}
