import type { Logger } from 'pino'
import { type Evaluation, evaluatePeople } from '../evaluation/evaluate-people.ts'
import { loadTenantContext } from '../evaluation/tenant-context.ts'
import type { InferenceModel } from '../inference/index.ts'
import type { WriteBackEnv } from '../evaluation/write-back.ts'
import type { FailedEvaluation, QueuedPerson, Stores } from '../store/index.ts'
import { type Loop, startLoop, wakeEvery } from './loop.ts'

export interface InferenceWorkerOptions {
  /** How often to look at the queue when nothing wakes the worker. */
  readonly tickMs: number
  /** People taken off the queue per transaction. */
  readonly batchSize: number
  /** Batches worked at once, each in its own transaction (default 2). */
  readonly loops?: number
}

const DEFAULT_LOOPS = 2

/**
 * The least time between passes that wakes start: a person's profile follows their statements
 * within about this, and a stream of commits costs a pass per gap rather than one per commit.
 */
export const WAKE_GAP_MS = 100

export const DEFAULT_INFERENCE_OPTIONS: InferenceWorkerOptions = { tickMs: 1_000, batchSize: 500 }

/** The longest a person whose evaluation keeps failing waits between tries. */
export const MAX_SET_ASIDE_MS = 6 * 3_600_000

/** The longest error message kept with a set-aside person. */
const MAX_ERROR_LENGTH = 500

/** How long a person waits after a failed evaluation: 1 min, doubling per failure in a row. */
export function setAsideFor(failuresBefore: number): number {
  return Math.min(MAX_SET_ASIDE_MS, 60_000 * 2 ** Math.min(failuresBefore, 20))
}

/** A running inference worker. */
export interface InferenceWorker extends Loop {
  /** A pass that starts after this call, so it sees everything committed before it. */
  runOnce(): Promise<void>
  /** News (statements committed): a pass follows soon, at most one per WAKE_GAP_MS. */
  wake(): void
}

/** The evaluation of some people of a tenant, as `evaluatePeople` does it. */
export type EvaluatePeople = typeof evaluatePeople

/**
 * Drains the inference queue: takes people off it and evaluates them in one transaction per
 * batch, so a crash puts the batch back on the queue. When a batch fails, the next one is taken
 * with each person in a savepoint of their own: the others are saved, and a person whose
 * evaluation fails is set aside with a backoff (see `setAsideFor`) instead of failing every
 * batch, of every tenant, on every tick. Runs until no one is due.
 */
export function startInferenceWorker(
  deps: {
    readonly stores: Stores
    /** The inference model of the frameworks in force. */
    readonly model: () => InferenceModel
    readonly logger: Logger
    /**
     * When given, level changes queue their progress statements. Undefined from it means they
     * cannot be written yet (no profile IRI): nobody is evaluated until they can, for a change
     * saved without its statement would never be written.
     */
    readonly writeBack?: () => Promise<WriteBackEnv | undefined>
    /** Told of every person evaluated (counts, level changes), after the commit. */
    readonly onEvaluated?: (tenantId: string, evaluations: readonly Evaluation[]) => void
    /** The clock deciding who is due and until when a person is set aside; default the system's. */
    readonly now?: () => Date
    /** Evaluates people of a tenant; default `evaluatePeople` (tests put a failing one in). */
    readonly evaluate?: EvaluatePeople
  },
  options: InferenceWorkerOptions = DEFAULT_INFERENCE_OPTIONS,
): InferenceWorker {
  const now = deps.now ?? (() => new Date())
  const evaluate = deps.evaluate ?? evaluatePeople

  /** Takes a batch and evaluates it; `isolate`: each person in a savepoint of their own. */
  async function evaluateBatch(stores: Stores, isolate: boolean) {
    const at = now()
    const queued = await stores.inference.takeQueued(options.batchSize, at)
    // The lock that recompute takes too: neither saves levels from a read the other made stale.
    await stores.inference.lockPeople(queued)
    const model = deps.model()
    const byTenant = new Map<string, Evaluation[]>()
    const failed: FailedEvaluation[] = []
    for (const [tenantId, people] of groupByTenant(queued)) {
      const context = await loadTenantContext(stores, tenantId)
      const evaluations: Evaluation[] = []
      if (!isolate) {
        const ids = people.map((p) => p.personId)
        evaluations.push(...(await evaluate(stores, model, context, ids, writeBack)))
      } else {
        for (const person of people) {
          try {
            evaluations.push(
              ...(await stores.transaction((tx) =>
                evaluate(tx, model, context, [person.personId], writeBack),
              )),
            )
          } catch (err) {
            const retryAt = new Date(at.getTime() + setAsideFor(person.attempts))
            failed.push({ person, retryAt, error: describeError(err) })
          }
        }
      }
      if (evaluations.length > 0) byTenant.set(tenantId, evaluations)
    }
    await stores.inference.setAside(failed)
    return { taken: queued.length, byTenant, failed }
  }

  // What write-back needs, found before each pass's transactions (it reads the store).
  let writeBack: WriteBackEnv | undefined
  /** Takes batches one after the other until the queue has no more due. */
  async function drain() {
    try {
      let isolate = false
      for (;;) {
        let done: Awaited<ReturnType<typeof evaluateBatch>>
        try {
          done = await deps.stores.transaction((stores) => evaluateBatch(stores, isolate))
        } catch (err) {
          // Failing even with each person on their own: not a person's doing (the database?).
          if (isolate) throw err
          deps.logger.warn({ err }, 'an inference batch failed; its people are taken one by one')
          isolate = true
          continue
        }
        isolate = false
        for (const { person, retryAt, error } of done.failed) {
          deps.logger.error(
            {
              tenantId: person.tenantId,
              personId: person.personId,
              attempts: person.attempts + 1,
              retryAt,
              error,
            },
            'evaluating a person failed; set aside until the retry time',
          )
        }
        for (const [tenantId, evaluations] of done.byTenant)
          deps.onEvaluated?.(tenantId, evaluations)
        if (done.taken < options.batchSize) break
      }
    } catch (err) {
      deps.logger.error({ err }, 'inference pass failed; the people stay queued')
    }
  }

  const loop = startLoop(async () => {
    try {
      writeBack = deps.writeBack && (await deps.writeBack())
    } catch (err) {
      deps.logger.error({ err }, 'inference pass failed; the people stay queued')
      return
    }
    if (deps.writeBack && !writeBack) return
    // Batches in flight at once: while one is worked out here, another is read or saved by the
    // database. Their people never overlap (takeQueued skips rows another has locked).
    await Promise.all(Array.from({ length: options.loops ?? DEFAULT_LOOPS }, drain))
  }, options.tickMs)
  const waker = wakeEvery(loop, WAKE_GAP_MS)
  return {
    // A pass that starts now or right after the one in progress, which may have taken the queue
    // before the caller's statements were committed.
    runOnce: loop.runAfter,
    wake: waker.wake,
    stop: () => {
      waker.stop()
      return loop.stop()
    },
  }
}

/** Queued people by tenant, each tenant in the order its first person was taken. */
function groupByTenant(queued: readonly QueuedPerson[]): Map<string, QueuedPerson[]> {
  const byTenant = new Map<string, QueuedPerson[]>()
  for (const person of queued) {
    const list = byTenant.get(person.tenantId)
    if (list) list.push(person)
    else byTenant.set(person.tenantId, [person])
  }
  return byTenant
}

/** An error in one line for the queue row: its code when it has one, and its message, capped. */
function describeError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  const message = err instanceof Error ? err.message : String(err)
  const line = typeof code === 'string' ? `${code}: ${message}` : message
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line
}
