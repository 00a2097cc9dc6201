import { type Response, Router } from 'express'
import { z } from 'zod'
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../../accounts/password.ts'
import { signSession } from '../../../lti/session.ts'
import { passwordPersonKey } from '../../throttle/throttle-keys.ts'
import { PASSWORD_BY_PERSON, pauseLeftSec } from '../../throttle/throttle-policy.ts'
import type { LocalAccount, Stores } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import { href, type PageContext } from '../../web/page-context.ts'
import {
  type PasswordField,
  PasswordPage,
  type PasswordPageProps,
} from '../../web/pages/password-page.tsx'
import { NotFound } from '../errors.ts'
import { fieldProblems } from './field-problems.ts'
import { sessionCookie } from './login-routes.ts'
import { pageOf } from './page-session.ts'

const PasswordForm = z.object({
  current: z.string().max(1_000, 'at most 1000 characters').default(''),
  next: z.string().max(1_000, 'at most 1000 characters').default(''),
  repeat: z.string().max(1_000, 'at most 1000 characters').default(''),
})

/**
 * A local account's own pages: the password change. An LMS launch has no account of NLS's, so
 * these pages are not found for it.
 */
export function accountPages(deps: {
  readonly stores: Stores
  readonly sessionSecret: Uint8Array
  readonly now: () => Date
}): Router {
  const router = Router()

  /** The local account the session signed in with (enabled), or 404. */
  async function accountOf(page: PageContext): Promise<LocalAccount> {
    const { tenantId, personId, platformId } = page.session
    const account =
      platformId === undefined
        ? (await deps.stores.localAccounts.listAccounts(tenantId)).find(
            (a) => a.personId === personId && !a.disabledAt,
          )
        : undefined
    if (!account) throw new NotFound(page.t('password.noAccount'))
    return account
  }

  const send = (res: Response, status: number, props: Omit<PasswordPageProps, 'ctx'>) => {
    res
      .status(status)
      .type('html')
      .send(renderPage(PasswordPage, { ctx: pageOf(res), ...props }))
  }

  router.get('/password', async (req, res) => {
    const page = pageOf(res)
    await accountOf(page)
    const saved = req.query.saved !== undefined
    send(res, 200, saved ? { notice: page.t('password.saved') } : {})
  })

  router.post('/password', async (req, res) => {
    const page = pageOf(res)
    const account = await accountOf(page)
    const parsed = PasswordForm.safeParse(req.body)
    if (!parsed.success) {
      // An overlong field: said at the field (passwords are never sent back into a page).
      const problems = fieldProblems(parsed.error.issues, page.t)
      return send(res, 400, {
        problems: Object.fromEntries(problems.map((p) => [p.field, p.message])),
      })
    }
    const form = parsed.data
    // Counted before the current password is checked, in the database (every process's tries
    // add up); a right one is taken back.
    const now = deps.now()
    const key = passwordPersonKey(account.personId)
    const count = await deps.stores.throttles.countAttempt(key, PASSWORD_BY_PERSON, now)
    if (pauseLeftSec(count, now) !== undefined) {
      return send(res, 429, { problem: page.t('password.tooMany') })
    }
    const problems: Partial<Record<PasswordField, string>> = {}
    if (form.next.length < MIN_PASSWORD_LENGTH) {
      problems.next = page.t('password.tooShort', { count: MIN_PASSWORD_LENGTH })
    } else if (form.next === form.current) {
      problems.next = page.t('password.same')
    }
    if (form.repeat !== form.next) problems.repeat = page.t('password.mismatch')
    if (!(await verifyPassword(form.current, account.passwordHash))) {
      problems.current = page.t('password.wrong')
      await deps.stores.audit.record({
        tenantId: account.tenantId,
        actor: `person:${account.personId}`,
        action: 'account.password.failed',
        subject: `account:${account.id}`,
        details: { ip: req.ip },
      })
      return send(res, 401, { problems })
    }
    await deps.stores.throttles.forgiveAttempt(key)
    if (Object.keys(problems).length > 0) return send(res, 400, { problems })
    const passwordHash = await hashPassword(form.next)
    // The new password ends every session of the person (one opened with the old password may be
    // someone else's); this browser gets a new one.
    const gen = await deps.stores.transaction(async (tx) => {
      await tx.localAccounts.setPassword(account.tenantId, account.username, passwordHash)
      await tx.audit.record({
        tenantId: account.tenantId,
        actor: `person:${account.personId}`,
        action: 'account.password',
        subject: `account:${account.id}`,
        details: { ip: req.ip },
      })
      return tx.people.endSessions(account.tenantId, account.personId)
    })
    const token = await signSession(
      { ...page.session, gen: gen ?? page.session.gen + 1 },
      deps.sessionSecret,
      now,
    )
    res.setHeader('Set-Cookie', sessionCookie(req, token))
    res.redirect(303, href({ ...page, token }, '/app/password', { saved: '1' }))
  })

  return router
}
