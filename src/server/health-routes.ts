import { Router } from 'express'
import type { Registry } from 'prom-client'

export interface HealthDeps {
  /** Resolves when the database answers. */
  readonly ping: () => Promise<void>
  /** True once shutdown began: the process is finishing its requests and should get no more. */
  readonly draining: () => boolean
  readonly registry: Registry
}

const READY_TIMEOUT_MS = 2_000

/** /healthz (process alive), /readyz (database reachable, not draining), /metrics (Prometheus). */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' })
  })
  router.get('/readyz', async (req, res) => {
    if (deps.draining()) {
      res.status(503).json({ status: 'draining' })
      return
    }
    try {
      await withTimeout(deps.ping(), READY_TIMEOUT_MS)
      res.json({ status: 'ready', database: 'ok' })
    } catch (err) {
      req.log.warn({ err }, 'database not reachable')
      res.status(503).json({ status: 'unavailable', database: (err as Error).message })
    }
  })
  router.get('/metrics', async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics())
  })
  return router
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
