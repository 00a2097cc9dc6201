import type { Logger } from 'pino'
import type { Evaluation } from '../evaluation/evaluate-person.ts'
import { evaluatePerson } from '../evaluation/evaluate-person.ts'
import { loadTenantContext, type TenantContext } from '../evaluation/tenant-context.ts'
import type { InferenceModel } from '../inference/index.ts'
import type { WriteBackEnv } from '../evaluation/write-back.ts'
import type { Stores } from '../store/index.ts'
import { type Loop, startLoop } from './loop.ts'

export interface InferenceWorkerOptions {
  /** How often to look at the queue when nothing wakes the worker. */
  readonly tickMs: number
  /** People taken off the queue per transaction. */
  readonly batchSize: number
}

export const DEFAULT_INFERENCE_OPTIONS: InferenceWorkerOptions = { tickMs: 1_000, batchSize: 50 }

/** A running inference worker; `wake` asks for a pass now (new statements were committed). */
export interface InferenceWorker extends Loop {
  wake(): void
}

/**
 * Drains the inference queue: takes people off it and evaluates them in one transaction per
 * batch, so a crash or error puts the batch back on the queue. Runs until the queue is empty.
 */
export function startInferenceWorker(
  deps: {
    readonly stores: Stores
    /** The inference model of the frameworks in force. */
    readonly model: () => InferenceModel
    readonly logger: Logger
    /** When given, level changes queue their progress statements. */
    readonly writeBack?: () => WriteBackEnv
    /** Told of every person evaluated (counts, level changes), after the commit. */
    readonly onEvaluated?: (tenantId: string, evaluations: readonly Evaluation[]) => void
  },
  options: InferenceWorkerOptions = DEFAULT_INFERENCE_OPTIONS,
): InferenceWorker {
  const loop = startLoop(async () => {
    try {
      for (;;) {
        const done = await deps.stores.transaction(async (stores) => {
          const queued = await stores.inference.takeQueued(options.batchSize)
          const model = deps.model()
          const writeBack = deps.writeBack?.()
          const contexts = new Map<string, TenantContext>()
          const byTenant = new Map<string, Evaluation[]>()
          for (const { tenantId, personId } of queued) {
            let context = contexts.get(tenantId)
            if (!context)
              contexts.set(tenantId, (context = await loadTenantContext(stores, tenantId)))
            const evaluation = await evaluatePerson(stores, model, context, personId, writeBack)
            const list = byTenant.get(tenantId)
            if (list) list.push(evaluation)
            else byTenant.set(tenantId, [evaluation])
          }
          return { taken: queued.length, byTenant }
        })
        for (const [tenantId, evaluations] of done.byTenant)
          deps.onEvaluated?.(tenantId, evaluations)
        if (done.taken < options.batchSize) break
      }
    } catch (err) {
      deps.logger.error({ err }, 'inference pass failed; the people stay queued')
    }
  }, options.tickMs)
  return { ...loop, wake: () => void loop.runOnce() }
}
