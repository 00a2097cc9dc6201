import type { Logger } from 'pino'
import { type Loop, startLoop } from './loop.ts'
import { pullSource, type PullDeps } from '../../statements/pull/pull-source.ts'
import type { LrsSource } from '../store/index.ts'

export interface PullWorkerOptions {
  /** How often to look for sources due. */
  readonly tickMs: number
  /** After a successful run, when to pull again. */
  readonly intervalMs: number
  /** The longest wait after failures (backoff doubles from 10 s up to this). */
  readonly maxBackoffMs: number
  /** Statements per page asked of the upstream LRS. */
  readonly pageSize: number
  /**
   * How long a claimed source stays this process's without progress: another process may take
   * it over after a crash. Every committed page renews it.
   */
  readonly leaseMs: number
  /**
   * Sources claimed at a time: a process pulls these, then claims more at once, so that the
   * processes of an installation share the schools due rather than one taking them all.
   */
  readonly sourcesPerClaim: number
}

export const DEFAULT_PULL_OPTIONS: PullWorkerOptions = {
  tickMs: 5_000,
  intervalMs: 60_000,
  maxBackoffMs: 10 * 60_000,
  pageSize: 500,
  leaseMs: 5 * 60_000,
  sourcesPerClaim: 4,
}

/** A running pull worker: `runOnce` pulls what is due now. */
export type PullWorker = Loop

/** Pulls every tenant's upstream LRS when it is due, with backoff after errors. */
export function startPullWorker(
  deps: Omit<PullDeps, 'pageSize' | 'leaseMs'> & { readonly logger: Logger },
  options: PullWorkerOptions = DEFAULT_PULL_OPTIONS,
): PullWorker {
  return startLoop(async () => {
    try {
      for (;;) {
        const due = await deps.stores.lrsSources.claimDueSources(
          deps.now(),
          options.leaseMs,
          options.sourcesPerClaim,
        )
        await pullEach(due)
        if (due.length < options.sourcesPerClaim) break
      }
    } catch (err) {
      deps.logger.error({ err }, 'pull worker pass failed')
    }
  }, options.tickMs)

  async function pullEach(due: readonly LrsSource[]) {
    for (const source of due) {
      try {
        const run = await pullSource(source, {
          ...deps,
          pageSize: options.pageSize,
          leaseMs: options.leaseMs,
        })
        deps.logger.info({ tenantId: source.tenantId, ...run }, 'pulled upstream LRS')
        await deps.stores.lrsSources.recordRun(source.tenantId, {
          at: deps.now(),
          nextPullAt: new Date(deps.now().getTime() + options.intervalMs),
        })
      } catch (err) {
        const backoff = Math.min(options.maxBackoffMs, 10_000 * 2 ** source.failures)
        deps.logger.warn({ tenantId: source.tenantId, err }, 'pulling upstream LRS failed')
        await deps.stores.lrsSources.recordRun(source.tenantId, {
          at: deps.now(),
          error: describe(err),
          nextPullAt: new Date(deps.now().getTime() + backoff),
        })
      }
    }
  }
}

function describe(err: unknown): string {
  const e = err as { message?: string; response?: { status?: number }; code?: string }
  const status = e.response?.status ? `HTTP ${e.response.status}` : e.code
  return [status, e.message].filter(Boolean).join(': ').slice(0, 500) || String(err)
}
