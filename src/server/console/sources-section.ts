import { type Response, Router } from 'express'
import { z } from 'zod'
import type { FormProblem } from '../../web/form-problems.tsx'
import { consoleHref } from '../../web/console/console-layout.tsx'
import {
  type SourceForm,
  SourcesPage,
  type SourcesPageProps,
} from '../../web/console/sources-page.tsx'
import { renderPage } from '../../web/layout.tsx'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { chosenTenant, queriedTenant } from './chosen-tenant.ts'
import {
  type ConsoleContext,
  type ConsoleDeps,
  consoleOf,
  mayManageTenant,
} from './console-context.ts'

const SourcesQuery = z.object({
  tenant: z.uuid('must be a tenant id (a UUID)').optional(),
  done: z.enum(['saved', 'removed']).optional(),
})
const TenantBody = z.object({ tenant: z.uuid('must be a tenant id (a UUID)') })
const text = z.string().optional().default('')
/** The form as typed: each field is checked after, to show it again with its problem. */
const SourceBody = TenantBody.extend({
  endpoint: text,
  username: text,
  password: text,
  pull: z.string().optional(),
  forward: z.string().optional(),
})

/** An upstream LRS's xAPI base URL, kept ending in `/` (resources are resolved against it). */
const Endpoint = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .transform((u) => (u.endsWith('/') ? u : `${u}/`))
const Credential = z.string().min(1).max(500)

/**
 * Checks the LRS form: the input to save, or the problems at their fields (in the page's
 * language). Pure.
 */
export function checkSourceForm(
  t: ConsoleContext['t'],
  form: SourceForm,
):
  | {
      readonly input: {
        endpoint: string
        username: string
        password: string
        pull: boolean
        forward: boolean
      }
    }
  | { readonly problems: FormProblem[] } {
  const endpoint = Endpoint.safeParse(form.endpoint.trim())
  const username = Credential.safeParse(form.username.trim())
  const password = Credential.safeParse(form.password)
  const problems: FormProblem[] = [
    ...(endpoint.success
      ? []
      : [{ field: 'endpoint', message: t('consoleSources.problem.endpoint') }]),
    ...(username.success
      ? []
      : [{ field: 'username', message: t('consoleSources.problem.username') }]),
    ...(password.success
      ? []
      : [{ field: 'password', message: t('consoleSources.problem.password') }]),
  ]
  if (!endpoint.success || !username.success || !password.success) return { problems }
  return {
    input: {
      endpoint: endpoint.data,
      username: username.data,
      password: password.data,
      pull: form.pull,
      forward: form.forward,
    },
  }
}

/**
 * The LRS sources section (/admin/sources?tenant=): a tenant's upstream LRS, which NLS pulls
 * statements from (and may forward to), as `nls sources` keeps it: list, set, remove. Its
 * credentials are never shown back once saved. Audited by the store as the console's actor. For
 * an admin token's holder (any tenant) or a district's manager (their tenants).
 */
export function consoleSourceRoutes(deps: ConsoleDeps): Router {
  const router = Router()
  const { lrsSources } = deps.stores

  router.get('/sources', async (req, res) => {
    const ctx = consoleOf(res)
    const query = parseInput(SourcesQuery, req.query, 'query')
    const tenant = queriedTenant(ctx, query.tenant)
    const notice = query.done && ctx.t(`consoleSources.${query.done}`)
    await send(res, deps, { tenant, ...(notice && { notice }) })
  })

  router.post('/sources', async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(SourceBody, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    const form: SourceForm = {
      endpoint: body.endpoint,
      username: body.username,
      password: body.password,
      pull: body.pull !== undefined,
      forward: body.forward !== undefined,
    }
    const checked = checkSourceForm(ctx.t, form)
    if ('problems' in checked) {
      return send(res.status(400), deps, { tenant, form: { ...form, problems: checked.problems } })
    }
    await lrsSources.setSource(tenant.id, checked.input, ctx.actor.auditActor)
    res.redirect(303, consoleHref(ctx, '/admin/sources', { tenant: tenant.id, done: 'saved' }))
  })

  router.post('/sources/remove', async (req, res) => {
    const ctx = consoleOf(res)
    const tenant = chosenTenant(ctx, parseInput(TenantBody, req.body, 'body').tenant)
    if (!(await lrsSources.removeSource(tenant.id, ctx.actor.auditActor))) {
      throw new NotFound(ctx.t('consoleSources.problem.none'))
    }
    res.redirect(303, consoleHref(ctx, '/admin/sources', { tenant: tenant.id, done: 'removed' }))
  })

  return router
}

async function send(
  res: Response,
  deps: ConsoleDeps,
  props: Omit<SourcesPageProps, 'ctx' | 'sources'>,
): Promise<void> {
  const ctx = consoleOf(res)
  // The credentials stay in the store: the page never carries them once saved.
  const sources = (await deps.stores.lrsSources.listSources())
    .filter((s) => mayManageTenant(ctx.actor, s.tenantId))
    .map(({ password: _password, username: _username, ...shown }) => shown)
  res.type('html').send(renderPage(SourcesPage, { ctx, sources, ...props }))
}
