import type { RequestHandler } from 'express'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { PoolStats } from '../store/database.ts'

/** What the metrics read when scraped. */
export interface MetricsSources {
  readonly databaseKind: string
  readonly poolStats: () => PoolStats
  /** Undelivered outbox messages. */
  readonly outboxDepth: () => Promise<number>
  /** Outbox messages given up (kept for a retry). */
  readonly outboxGivenUp?: () => Promise<number>
  /**
   * People due for inference, the age in seconds of the oldest wait, and people set aside after
   * a failed evaluation.
   */
  readonly inferenceQueue?: () => Promise<{
    count: number
    oldestSeconds: number
    setAside?: number
  }>
  /** Per tenant pulling an upstream LRS: seconds behind (now − cursor) and failures in a row. */
  readonly sourceLags?: () => Promise<{ tenantId: string; lagSeconds?: number; failures: number }[]>
}

/** The process's Prometheus metrics and the instruments the service feeds. */
export interface Metrics {
  readonly registry: Registry
  /** Counts and times every HTTP request by method, route pattern and status. */
  readonly observeRequests: RequestHandler
  /** Counts and times a request answered outside Express (statementsLane), as observeRequests. */
  readonly recordRequest: (labels: RequestLabels, seconds: number) => void
  readonly statementsIngested: Counter<'source'>
  /** People evaluated by inference, and level changes, by direction. */
  readonly peopleEvaluated: Counter
  readonly levelChanges: Counter<'direction'>
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The route label for a request a mounted router answered before any route matched. */
    routeGroup?: string
  }
}

/** How a request is counted and timed. */
export interface RequestLabels {
  readonly method: string
  /** The route pattern, never the raw URL (ids would explode the label set). */
  readonly route: string
  readonly status: string
}

/** Labels requests that a router mounted at `path` answers without a matching route. */
export function routeGroup(path: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.routeGroup = `${path}/*`
    next()
  }
}

/** A fresh registry with NLS's metrics and Node's default process metrics. */
export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'nls_' })

  const labelNames = ['method', 'route', 'status'] as const
  const requests = new Counter({
    name: 'nls_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'nls_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  new Gauge({
    name: 'nls_db_info',
    help: 'The database in use (1 for its kind)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.set({ kind: sources.databaseKind }, 1)
    },
  })
  new Gauge({
    name: 'nls_db_pool_connections',
    help: 'Database connections by state (total, idle, waiting for a connection)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = sources.poolStats()
      this.set({ state: 'total' }, stats.total)
      if (stats.idle !== undefined) this.set({ state: 'idle' }, stats.idle)
      if (stats.waiting !== undefined) this.set({ state: 'waiting' }, stats.waiting)
    },
  })
  new Gauge({
    name: 'nls_outbox_depth',
    help: 'Outbox messages not yet delivered',
    registers: [registry],
    async collect() {
      this.set(await sources.outboxDepth())
    },
  })
  new Gauge({
    name: 'nls_outbox_given_up',
    help: 'Outbox messages given up (refused, or too many attempts); nls outbox retry sends them again',
    registers: [registry],
    async collect() {
      this.set((await sources.outboxGivenUp?.()) ?? 0)
    },
  })
  new Gauge({
    name: 'nls_source_lag_seconds',
    help: "How far pulling each tenant's upstream LRS is behind: now minus the stored time of the last statement pulled",
    labelNames: ['tenant'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const s of (await sources.sourceLags?.()) ?? []) {
        if (s.lagSeconds !== undefined) this.set({ tenant: s.tenantId }, s.lagSeconds)
      }
    },
  })
  new Gauge({
    name: 'nls_source_failures',
    help: 'Failed pulls in a row, per tenant with an upstream LRS',
    labelNames: ['tenant'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const s of (await sources.sourceLags?.()) ?? [])
        this.set({ tenant: s.tenantId }, s.failures)
    },
  })
  new Gauge({
    name: 'nls_inference_queue_depth',
    help: 'People waiting for their evidence and levels to be worked out',
    registers: [registry],
    async collect() {
      this.set((await sources.inferenceQueue?.())?.count ?? 0)
    },
  })
  new Gauge({
    name: 'nls_inference_queue_oldest_seconds',
    help: 'How long the longest-waiting person has been queued for inference',
    registers: [registry],
    async collect() {
      this.set((await sources.inferenceQueue?.())?.oldestSeconds ?? 0)
    },
  })
  new Gauge({
    name: 'nls_inference_set_aside',
    help: 'People whose evaluation failed, set aside until their retry time (nls inference status lists them)',
    registers: [registry],
    async collect() {
      this.set((await sources.inferenceQueue?.())?.setAside ?? 0)
    },
  })
  const peopleEvaluated = new Counter({
    name: 'nls_inference_people_evaluated_total',
    help: 'People whose evidence and levels inference worked out',
    registers: [registry],
  })
  const levelChanges = new Counter({
    name: 'nls_level_changes_total',
    help: 'Component levels that changed, by direction (up, down)',
    labelNames: ['direction'],
    registers: [registry],
  })
  const statementsIngested = new Counter({
    name: 'nls_statements_ingested_total',
    help: 'xAPI statements stored, by how they arrived (push, pull)',
    labelNames: ['source'],
    registers: [registry],
  })
  statementsIngested.inc({ source: 'push' }, 0)
  statementsIngested.inc({ source: 'pull' }, 0)

  // Each method, route and status's counter and histogram, found once (not per request).
  const instruments = new Map<
    string,
    { counted: Counter.Internal; timed: Histogram.Internal<'method' | 'route' | 'status'> }
  >()
  const recordRequest = (labels: RequestLabels, seconds: number) => {
    const key = `${labels.method} ${labels.route} ${labels.status}`
    let found = instruments.get(key)
    if (found === undefined) {
      found = { counted: requests.labels(labels), timed: duration.labels(labels) }
      instruments.set(key, found)
    }
    found.counted.inc()
    found.timed.observe(seconds)
  }
  const observeRequests: RequestHandler = (req, res, next) => {
    const started = performance.now()
    res.on('finish', () => {
      const labels = {
        method: req.method,
        route: routeOf(req.baseUrl, req.route as { path?: unknown } | undefined, res.locals),
        status: String(res.statusCode),
      }
      recordRequest(labels, (performance.now() - started) / 1000)
    })
    next()
  }
  return {
    registry,
    observeRequests,
    recordRequest,
    statementsIngested,
    peopleEvaluated,
    levelChanges,
  }
}

/** The matched route's pattern (never the raw URL: ids would explode the label set). */
function routeOf(
  baseUrl: string,
  route: { path?: unknown } | undefined,
  locals: { routeGroup?: string },
): string {
  if (typeof route?.path === 'string') return `${baseUrl}${route.path}`
  return locals.routeGroup ?? 'unmatched'
}
