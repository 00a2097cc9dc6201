import { Router } from 'express'
import { z } from 'zod'
import { translator } from '../../web/i18n.ts'
import { consoleLoginHtml } from '../../web/console/console-login-page.tsx'
import { endSessions, sessionCookie } from '../pages/login-routes.ts'
import { pageForm } from '../pages/page-session.ts'
import { TooManyAttempts } from '../errors.ts'
import { verifyAdminToken } from '../require-admin.ts'
import { consoleOf, type ConsoleDeps } from './console-context.ts'
import {
  consoleCookie,
  consoleLang,
  consoleSession,
  signConsoleSession,
} from './console-session.ts'

const LoginForm = z.object({ token: z.string().trim().max(1_000).default('') })

/**
 * Signing in to the console with an admin token (its secret pasted once; the cookie then carries
 * only the token's id), and signing out. Wrong tokens count against the client's address, as on
 * the admin API.
 */
export function consoleLoginRoutes(deps: ConsoleDeps): Router {
  const router = Router()

  router.get('/login', (req, res) => {
    const lang = consoleLang(req)
    res.setHeader('Cache-Control', 'no-store')
    res.type('html').send(consoleLoginHtml({ lang, t: translator(lang) }))
  })

  router.post('/login', pageForm, async (req, res) => {
    const lang = consoleLang(req)
    const t = translator(lang)
    const refuse = (status: number, problem: string) => {
      res.status(status).type('html').send(consoleLoginHtml({ lang, t, problem }))
    }
    const parsed = LoginForm.safeParse(req.body ?? {})
    const secret = parsed.success ? parsed.data.token : ''
    if (!secret) return refuse(400, t('console.login.required'))
    let token
    try {
      token = await verifyAdminToken(
        { adminTokens: deps.stores.adminTokens, throttles: deps.stores.throttles, now: deps.now },
        secret,
        req.ip,
      )
    } catch (err) {
      if (!(err instanceof TooManyAttempts)) throw err
      res.setHeader('Retry-After', String(err.retryAfterSec))
      return refuse(429, t('console.login.tooMany'))
    }
    if (!token) return refuse(401, t('console.login.invalid'))
    await deps.stores.audit.record({
      actor: `admin-token:${token.name}`,
      action: 'console.login',
      subject: `admin-token:${token.id}`,
      details: { ip: req.ip },
    })
    const cookie = await signConsoleSession(token.id, deps.sessionSecret, deps.now())
    res.setHeader('Set-Cookie', consoleCookie(req, cookie))
    res.redirect(303, `/admin/tenants${lang === 'en' ? '?lang=en' : ''}`)
  })

  // Signing out needs the console's form token, which a cross-site form cannot know.
  router.post('/logout', pageForm, consoleSession(deps), async (req, res) => {
    const { actor, lang } = consoleOf(res)
    const cookies = [consoleCookie(req, '', 0)]
    if (actor.session) {
      await endSessions(deps.stores, actor.session, req.ip)
      cookies.push(sessionCookie(req, '', 0))
    } else {
      await deps.stores.audit.record({
        actor: actor.auditActor,
        action: 'console.logout',
        subject: `admin-token:${actor.adminTokenId ?? ''}`,
        details: { ip: req.ip },
      })
    }
    res.setHeader('Set-Cookie', cookies)
    const to = actor.session ? '/login' : '/admin/login'
    res.redirect(303, `${to}${lang === 'en' ? '?lang=en' : ''}`)
  })

  return router
}
