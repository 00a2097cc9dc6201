import { parse as parseCookies } from 'cookie'
import { Router } from 'express'
import { SessionInvalid } from '../../../lti/errors.ts'
import { type Session, verifySession } from '../../../lti/session.ts'
import type { Stores } from '../../store/index.ts'
import { homePath } from '../../web/layout.tsx'
import { landingHtml } from '../../web/pages/landing-page.tsx'
import { SESSION_COOKIE } from '../api-caller.ts'
import { requestLang } from '../request-lang.ts'

export interface LandingDeps {
  readonly stores: Pick<Stores, 'people'>
  readonly sessionSecret: Uint8Array
  readonly now: () => Date
}

/**
 * `GET /`: a browser signed in (a current session cookie) goes to its home page; any other gets
 * the landing page, which says what NLS is and leads to the LMS or the sign-in, in the language
 * asked for (Vietnamese by default).
 */
export function landingRoute(deps: LandingDeps): Router {
  const router = Router()
  router.get('/', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    const session = await currentSession(req.headers.cookie, deps)
    if (session) {
      res.redirect(303, homePath(session))
      return
    }
    res.type('html').send(landingHtml(requestLang(req)))
  })
  return router
}

/** The cookie's session while it is valid and not ended since (signed out, disabled…). */
async function currentSession(
  cookieHeader: string | undefined,
  deps: LandingDeps,
): Promise<Session | undefined> {
  const token = parseCookies(cookieHeader ?? '')[SESSION_COOKIE]
  if (!token) return undefined
  try {
    const session = await verifySession(token, deps.sessionSecret, deps.now())
    const gen = await deps.stores.people.sessionGeneration(session.tenantId, session.personId)
    return gen === session.gen ? session : undefined
  } catch (err) {
    if (err instanceof SessionInvalid) return undefined
    throw err
  }
}
