import type { RequestListener } from 'node:http'
import express from 'express'
import type { Logger } from 'pino'
import { type XapiDeps, xapiRoutes } from '../../statements/endpoint/xapi-routes.ts'
import { laneError, statementsLane } from '../../statements/endpoint/statements-lane.ts'
import { VerifiedClients } from '../../statements/endpoint/verified-clients.ts'
import type { StatementPipeline } from '../pipeline/statement-pipeline.ts'
import type { Stores } from '../store/index.ts'
import { adminRoutes } from './admin-routes.ts'
import { dataRoutes } from './data-routes.ts'
import { apiRoutes } from './api-routes.ts'
import type { Frameworks } from '../evaluation/frameworks-in-force.ts'
import { NotFound } from './errors.ts'
import { faviconRoutes } from './favicon.ts'
import { handleError } from './handle-error.ts'
import { type LtiDeps, ltiRoutes } from './lti-routes.ts'
import { healthRoutes } from './health-routes.ts'
import { type Metrics, routeGroup } from './metrics.ts'
import { requestLog } from './request-log.ts'
import { framingOrigins } from './framing-origins.ts'
import { securityHeaders } from './security-headers.ts'
import type { TrustProxy } from '../config/config.ts'
import { pageRoutes } from './pages/index.ts'
import { consoleRoutes } from './console/index.ts'
import { loginRoutes } from './pages/login-routes.ts'
import { landingRoute } from './pages/landing-route.ts'

export interface AppDeps {
  readonly logger: Logger
  readonly metrics: Metrics
  readonly ping: () => Promise<void>
  readonly draining: () => boolean
  /** A copy of the embedded database while it serves; absent for a PostgreSQL server. */
  readonly backup?: () => Promise<Blob>
  readonly stores: Stores
  readonly lti: Omit<LtiDeps, 'stores'>
  /** Where accepted xAPI statements go. */
  readonly pipeline: StatementPipeline
  /** The xAPI endpoint's view of the installation (see XapiDeps); defaults when absent. */
  readonly xapi?: Pick<XapiDeps, 'otherWritersLagMs' | 'profileIri' | 'keep' | 'verifiedClients'>
  /** The frameworks in force, and how to wake the inference worker. */
  readonly inference: {
    readonly frameworks: () => Frameworks
    readonly wake: () => void
  }
  /** Proxies believed about client address and scheme (NLS_TRUST_PROXY); none by default. */
  readonly trustProxy?: TrustProxy
}

/**
 * The HTTP application: every route, the request log, metrics and the error edge; statement
 * POSTs of the common case take a lane of their own in front of Express (statementsLane).
 */
export function createApp(deps: AppDeps): RequestListener {
  const app = express()
  const headers = securityHeaders(framingOrigins(deps.stores.platforms))
  const xapi: XapiDeps & { verifiedClients: VerifiedClients } = {
    stores: deps.stores,
    pipeline: deps.pipeline,
    baseUrl: deps.lti.baseUrl,
    now: deps.lti.now,
    ...deps.xapi,
    verifiedClients: deps.xapi?.verifiedClients ?? new VerifiedClients(),
  }
  app.disable('x-powered-by')
  // Behind a TLS proxy, req.secure and req.ip come from X-Forwarded-* of trusted proxies only:
  // the sign-in cookie is then Secure, HSTS sent, and limits keyed by the client's address.
  app.set('trust proxy', deps.trustProxy ?? false)
  app.use(requestLog(deps.logger))
  app.use(headers.handlers)
  app.use(deps.metrics.observeRequests)
  app.use(laneError)
  // The LRS endpoint first: a school's statements are most of the requests, and each router
  // mounted before it is one more a request passes through.
  app.use('/xapi', routeGroup('/xapi'), xapiRoutes(xapi))
  app.use(
    healthRoutes({ ping: deps.ping, draining: deps.draining, registry: deps.metrics.registry }),
  )
  app.use(faviconRoutes())
  app.use(ltiRoutes({ ...deps.lti, stores: deps.stores }))
  app.use(
    '/admin',
    routeGroup('/admin'),
    consoleRoutes({
      stores: deps.stores,
      sessionSecret: deps.lti.sessionSecret,
      now: deps.lti.now,
      baseUrl: deps.lti.baseUrl,
      ...(deps.backup && { backup: deps.backup }),
    }),
  )
  app.use(
    '/api/admin',
    routeGroup('/api/admin'),
    express.json({ limit: '1mb' }),
    adminRoutes({ ...deps.stores, baseUrl: deps.lti.baseUrl, now: deps.lti.now }),
  )
  app.use(
    '/api/admin',
    dataRoutes({
      adminTokens: deps.stores.adminTokens,
      throttles: deps.stores.throttles,
      audit: deps.stores.audit,
      personData: deps.stores.personData,
      ...(deps.backup && { backup: deps.backup }),
      now: deps.lti.now,
    }),
  )
  app.use(
    '/api',
    routeGroup('/api'),
    express.json({ limit: '1mb' }),
    apiRoutes({
      stores: deps.stores,
      frameworks: deps.inference.frameworks,
      wake: deps.inference.wake,
      sessionSecret: deps.lti.sessionSecret,
      now: deps.lti.now,
    }),
  )
  app.use(
    landingRoute({
      stores: deps.stores,
      sessionSecret: deps.lti.sessionSecret,
      now: deps.lti.now,
    }),
  )
  app.use(
    loginRoutes({
      stores: deps.stores,
      sessionSecret: deps.lti.sessionSecret,
      now: deps.lti.now,
    }),
  )
  app.use(
    '/app',
    routeGroup('/app'),
    pageRoutes({
      stores: deps.stores,
      frameworks: deps.inference.frameworks,
      wake: deps.inference.wake,
      sessionSecret: deps.lti.sessionSecret,
      now: deps.lti.now,
    }),
  )
  app.use((req, _res, next) => next(new NotFound(`no route for ${req.method} ${req.path}`)))
  app.use(handleError)
  return statementsLane({
    app,
    logger: deps.logger,
    recordRequest: deps.metrics.recordRequest,
    securityHeaders: headers.forRequest,
    xapi,
  })
}
