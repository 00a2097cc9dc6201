import { serialize as serializeCookie } from 'cookie'
import { type Request, Router } from 'express'
import { z } from 'zod'
import { verifyPassword } from '../../accounts/password.ts'
import { SessionInvalid } from '../../../lti/errors.ts'
import { type Session, SESSION_TTL_SEC, signSession, verifySession } from '../../../lti/session.ts'
import type { LocalAccount, Stores } from '../../store/index.ts'
import { signInAddressKey, signInNameKey } from '../../throttle/throttle-keys.ts'
import {
  countedAfterFailure,
  pauseLeftSec,
  SIGN_IN_BY_ADDRESS,
  SIGN_IN_BY_NAME,
} from '../../throttle/throttle-policy.ts'
import { langOf, translator } from '../../web/i18n.ts'
import { homePath } from '../../web/layout.tsx'
import { loginHtml } from '../../web/pages/login-page.tsx'
import { SESSION_COOKIE } from '../api-caller.ts'
import { Forbidden } from '../errors.ts'
import { fieldProblems } from './field-problems.ts'
import { pageForm } from './page-session.ts'

const LoginForm = z.object({
  username: z.string().trim().min(1, 'enter the user name').max(200),
  password: z.string().min(1, 'enter the password').max(1_000),
})

export interface LoginDeps {
  readonly stores: Stores
  readonly sessionSecret: Uint8Array
  readonly now: () => Date
}

/**
 * Sign-in and sign-out of local accounts (schools without an LMS launch). A sign-in gives the
 * same session as a launch, as the account's person and role; its cookie is first-party (Lax),
 * and Secure when the request came over HTTPS.
 *
 * Guessing is paused in the database (shared by every process): ten failures in fifteen minutes
 * pause a user name, as accounts find it (so " TapHuan.A " counts as "taphuan.a"), and fifty
 * pause a client address. An attempt on a name is counted before its password is checked, so
 * parallel guesses cannot slip past the count; a correct password during a pause is refused too.
 */
export function loginRoutes(deps: LoginDeps): Router {
  const router = Router()
  const lang = (req: Request) => langOf(req.query.lang)

  router.get('/login', (req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    res.type('html').send(loginHtml({ lang: lang(req), t: translator(lang(req)) }))
  })

  router.post('/login', pageForm, async (req, res) => {
    const t = translator(lang(req))
    const parsed = LoginForm.safeParse(req.body)
    if (!parsed.success) {
      // An empty or overlong field: the page again, the user name as typed, the problem at it.
      const typed = (req.body as { username?: unknown } | undefined)?.username
      res
        .status(400)
        .type('html')
        .send(
          loginHtml({
            lang: lang(req),
            t,
            username: typeof typed === 'string' ? typed.slice(0, 1_000) : '',
            problems: fieldProblems(parsed.error.issues, t),
          }),
        )
      return
    }
    const form = parsed.data
    const { throttles } = deps.stores
    const now = deps.now()
    const nameKey = signInNameKey(form.username)
    const addressKey = signInAddressKey(req.ip)
    const paused =
      pauseLeftSec({ pausedUntil: await throttles.pausedUntil([addressKey], now) }, now) ??
      pauseLeftSec(await throttles.countAttempt(nameKey, SIGN_IN_BY_NAME, now), now)
    if (paused !== undefined) {
      res
        .status(429)
        .setHeader('Retry-After', String(paused))
        .type('html')
        .send(
          loginHtml({ lang: lang(req), t, username: form.username, problem: t('login.tooMany') }),
        )
      return
    }
    const candidates = await deps.stores.localAccounts.findByUsername(form.username)
    const account = await passwordMatch(candidates, form.password)
    if (!account) {
      await throttles.countAttempt(addressKey, countedAfterFailure(SIGN_IN_BY_ADDRESS), now)
      for (const candidate of candidates) {
        await deps.stores.audit.record({
          tenantId: candidate.tenantId,
          actor: `login:${form.username}`,
          action: 'login.failed',
          subject: `account:${candidate.id}`,
          details: { ip: req.ip },
        })
      }
      res
        .status(401)
        .type('html')
        .send(
          loginHtml({ lang: lang(req), t, username: form.username, problem: t('login.failed') }),
        )
      return
    }
    await throttles.forgiveAttempt(nameKey)
    await deps.stores.audit.record({
      tenantId: account.tenantId,
      actor: `person:${account.personId}`,
      action: 'login',
      subject: `account:${account.id}`,
      details: { ip: req.ip },
    })
    const gen = await deps.stores.people.sessionGeneration(account.tenantId, account.personId)
    if (gen === undefined) throw new Error(`local account ${account.id} has no person`)
    const token = await signSession(
      { tenantId: account.tenantId, personId: account.personId, role: account.role, gen },
      deps.sessionSecret,
      now,
    )
    res.setHeader('Set-Cookie', sessionCookie(req, token))
    res.redirect(303, `${homePath({ role: account.role })}${lang(req) === 'en' ? '?lang=en' : ''}`)
  })

  // Sign-out ends every session of the person (other tabs, other devices, copied links), not only
  // this browser's cookie. It needs the page form's session, which a cross-site form cannot know.
  router.post('/logout', pageForm, async (req, res) => {
    const token = (req.body as { session?: unknown } | undefined)?.session
    if (typeof token !== 'string' || !token) {
      throw new Forbidden('the form did not carry the session: reload the page and try again')
    }
    const session = await verifySession(token, deps.sessionSecret, deps.now()).catch(
      (err: unknown) => {
        // An expired or forged session has nothing to end: the browser is signed out all the same.
        if (err instanceof SessionInvalid) return undefined
        throw err
      },
    )
    if (session) await endSessions(deps.stores, session, req.ip)
    res.setHeader('Set-Cookie', sessionCookie(req, '', 0))
    res.redirect(303, '/login')
  })

  return router
}

/** Signs a person out everywhere (every session of theirs ends), noting it in the audit log. */
export async function endSessions(
  stores: Stores,
  session: Session,
  ip: string | undefined,
): Promise<void> {
  const current = await stores.people.sessionGeneration(session.tenantId, session.personId)
  // A session ended already (another sign-out) must not end the newer ones.
  if (current !== session.gen) return
  await stores.transaction(async (tx) => {
    await tx.people.endSessions(session.tenantId, session.personId)
    await tx.audit.record({
      tenantId: session.tenantId,
      actor: `person:${session.personId}`,
      action: 'logout',
      subject: `person:${session.personId}`,
      details: { ip },
    })
  })
}

/** The account (of those with the user name) whose password this is, or undefined. */
async function passwordMatch(
  candidates: readonly LocalAccount[],
  password: string,
): Promise<LocalAccount | undefined> {
  for (const candidate of candidates) {
    if (await verifyPassword(password, candidate.passwordHash)) return candidate
  }
  return undefined
}

/** The Set-Cookie of a local sign-in's session (an empty token and no age: its removal). */
export function sessionCookie(
  req: Pick<Request, 'secure'>,
  token: string,
  maxAge = SESSION_TTL_SEC,
): string {
  return serializeCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge,
  })
}
