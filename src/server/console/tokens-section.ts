import { type Response, Router } from 'express'
import { z } from 'zod'
import { StoreConflict } from '../../store/errors.ts'
import { renderPage } from '../../web/layout.tsx'
import { TokensPage, type TokensPageProps } from '../../web/console/tokens-page.tsx'
import { parseInput } from '../parse-input.ts'
import { consoleOf, type ConsoleDeps, requireAdminToken } from './console-context.ts'
import { consoleCookie } from './console-session.ts'

const TokenName = z.object({ name: z.string().trim().min(1).max(100) })
const TokenParams = z.object({ id: z.uuid() })
const Notice = z.object({ revoked: z.string().optional() })

/**
 * Admin tokens, for the holders of one only (they reach the whole installation): list, make one
 * (its secret shown once, never kept in clear), revoke one. Revoking one's own signs one out.
 */
export function consoleTokenRoutes(deps: ConsoleDeps): Router {
  const router = Router()
  const { adminTokens } = deps.stores
  router.use('/tokens', (_req, res, next) => {
    requireAdminToken(consoleOf(res).actor)
    next()
  })

  const render = async (
    res: Response,
    status: number,
    props: Omit<TokensPageProps, 'ctx' | 'tokens'> = {},
  ) => {
    const tokens = await adminTokens.listTokens()
    res
      .status(status)
      .type('html')
      .send(renderPage(TokensPage, { ctx: consoleOf(res), tokens, ...props }))
  }

  router.get('/tokens', async (req, res) => {
    const ctx = consoleOf(res)
    const { revoked } = Notice.safeParse(req.query).data ?? {}
    const name = (await adminTokens.listTokens()).find((x) => x.id === revoked)?.name
    await render(res, 200, name ? { notice: ctx.t('console.tokens.revoked', { name }) } : {})
  })

  router.post('/tokens', async (req, res) => {
    const ctx = consoleOf(res)
    const typed = (req.body as Record<string, unknown>).name
    const name = typeof typed === 'string' ? typed : ''
    const parsed = TokenName.safeParse({ name })
    const problem = ctx.t('console.tokens.nameProblem')
    if (!parsed.success) return render(res, 400, { name, problem })
    try {
      const created = await adminTokens.createToken(parsed.data.name, ctx.actor.auditActor)
      // The secret is on this page only: a redirect would have to carry it in its URL.
      await render(res, 201, { created: { name: created.token.name, secret: created.secret } })
    } catch (err) {
      if (!(err instanceof StoreConflict)) throw err
      await render(res, 409, { name, problem })
    }
  })

  router.post('/tokens/:id/revoke', async (req, res) => {
    const ctx = consoleOf(res)
    const { id } = parseInput(TokenParams, req.params, 'params')
    const token = await adminTokens.revokeToken(id, ctx.actor.auditActor)
    if (token.id === ctx.actor.adminTokenId) {
      res.setHeader('Set-Cookie', consoleCookie(req, '', 0))
      res.redirect(303, `/admin/login${ctx.lang === 'en' ? '?lang=en' : ''}`)
      return
    }
    const query = new URLSearchParams({ revoked: token.id })
    if (ctx.lang !== 'vi') query.set('lang', ctx.lang)
    res.redirect(303, `/admin/tokens?${query}`)
  })

  return router
}
