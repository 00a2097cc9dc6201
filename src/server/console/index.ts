import { Router } from 'express'
import { pageForm } from '../pages/page-session.ts'
import type { ConsoleDeps } from './console-context.ts'
import { consoleLoginRoutes } from './console-login-routes.ts'
import { consoleSession } from './console-session.ts'
import { consoleTenantRoutes } from './tenants-section.ts'
import { consolePlatformRoutes } from './platforms-section.ts'
import { consoleTokenRoutes } from './tokens-section.ts'
import { consoleAccountRoutes } from './accounts-section.ts'
import { consoleRosterRoutes, consoleRosterUpload } from './roster-section.ts'
import { consoleKeyRoutes } from './keys-section.ts'
import { consoleSourceRoutes } from './sources-section.ts'
import { consoleInferenceRoutes } from './inference-section.ts'
import { consoleDataRoutes } from './data-section.ts'

export type { ConsoleDeps } from './console-context.ts'

/**
 * The web console under /admin: an admin token's holder (the whole installation) or a district's
 * manager (their district and the tenants under it). Every route but sign-in is behind the
 * console session, which also checks every POST's form token.
 */
export function consoleRoutes(deps: ConsoleDeps): Router {
  const router = Router()
  router.use(consoleLoginRoutes(deps))
  // A multipart upload carries its form token in its body: read before the console session.
  router.use(consoleRosterUpload(deps))
  router.use(pageForm, consoleSession(deps))
  router.get('/', (req, res) => {
    res.redirect(303, `/admin/tenants${req.query.lang === 'en' ? '?lang=en' : ''}`)
  })
  router.use(consoleTenantRoutes(deps))
  router.use(consolePlatformRoutes(deps))
  router.use(consoleTokenRoutes(deps))
  router.use(consoleAccountRoutes(deps))
  router.use(consoleRosterRoutes(deps))
  router.use(consoleKeyRoutes(deps))
  router.use(consoleSourceRoutes(deps))
  router.use(consoleInferenceRoutes(deps))
  router.use(consoleDataRoutes(deps))
  return router
}
