import { serialize as serializeCookie } from 'cookie'
import { type Request, Router } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import { z } from 'zod'
import { verifyPassword } from '../../accounts/password.ts'
import { SESSION_TTL_SEC, signSession } from '../../../lti/session.ts'
import type { Stores } from '../../store/index.ts'
import { langOf, translator } from '../../web/i18n.ts'
import { homePath } from '../../web/layout.tsx'
import { loginHtml } from '../../web/pages/login-page.tsx'
import { SESSION_COOKIE } from '../api-caller.ts'
import { parseInput } from '../parse-input.ts'
import { pageForm } from './page-session.ts'

const LoginForm = z.object({
  username: z.string().trim().min(1, 'enter the user name').max(200),
  password: z.string().min(1, 'enter the password').max(1_000),
})

/** Failed sign-ins allowed per user name and address before a pause. */
const ATTEMPTS = 10
const WINDOW_MS = 15 * 60_000

export interface LoginDeps {
  readonly stores: Stores
  readonly sessionSecret: Uint8Array
  readonly now: () => Date
}

/**
 * Sign-in and sign-out of local accounts (schools without an LMS launch). A sign-in gives the
 * same session as a launch, as the account's person and role; its cookie is first-party (Lax),
 * and Secure when the request came over HTTPS.
 */
export function loginRoutes(deps: LoginDeps): Router {
  const router = Router()
  const lang = (req: Request) => langOf(req.query.lang)
  const limiter = rateLimit({
    windowMs: WINDOW_MS,
    limit: ATTEMPTS,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) =>
      `${ipKeyGenerator(req.ip ?? '')}|${String((req.body as { username?: unknown })?.username ?? '')}`,
    handler: (req, res) => {
      const t = translator(lang(req))
      res
        .status(429)
        .type('html')
        .send(loginHtml({ lang: lang(req), t, problem: t('login.tooMany') }))
    },
  })

  router.get('/login', (req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    res.type('html').send(loginHtml({ lang: lang(req), t: translator(lang(req)) }))
  })

  router.post('/login', pageForm, limiter, async (req, res) => {
    const t = translator(lang(req))
    const form = parseInput(LoginForm, req.body, 'body')
    const candidates = await deps.stores.localAccounts.findByUsername(form.username)
    let account
    for (const candidate of candidates) {
      if (await verifyPassword(form.password, candidate.passwordHash)) {
        account = candidate
        break
      }
    }
    if (!account) {
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
    await deps.stores.audit.record({
      tenantId: account.tenantId,
      actor: `person:${account.personId}`,
      action: 'login',
      subject: `account:${account.id}`,
      details: { ip: req.ip },
    })
    const token = await signSession(
      { tenantId: account.tenantId, personId: account.personId, role: account.role },
      deps.sessionSecret,
      deps.now(),
    )
    res.setHeader(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/',
        maxAge: SESSION_TTL_SEC,
      }),
    )
    res.redirect(303, `${homePath({ role: account.role })}${lang(req) === 'en' ? '?lang=en' : ''}`)
  })

  router.post('/logout', (req, res) => {
    res.setHeader(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, '', {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/',
        maxAge: 0,
      }),
    )
    res.redirect(303, '/login')
  })

  return router
}
