import { type ComponentResult, inferLevels, type InferenceModel } from '../inference/index.ts'
import { enqueueScores } from './gradebook.ts'
import type { ComponentLevel, Evidence, LevelInput, Stores } from '../store/index.ts'
import { evaluatePeople } from './evaluate-people.ts'
import { levelsToSave } from './levels-to-save.ts'
import { coreOverrides } from './overrides.ts'
import { loadTenantContext } from './tenant-context.ts'
import { enqueueLevelChanges, type PersonChanges, type WriteBackEnv } from './write-back.ts'

/** Batches saving at once (levels only). */
const SAVES_AT_ONCE = 2

/** People worked out between turns of the event loop (a save and a read go on meanwhile). */
const YIELD_EVERY = 50

/** How a recompute went. */
export interface RecomputeResult {
  readonly people: number
  /** Components whose saved level or explanation changed. */
  readonly levelsSaved: number
}

export interface RecomputeOptions {
  /**
   * Levels only, from the evidence kept (after a settings or override change); otherwise
   * evidence too, from the statements (after tag changes, or to rebuild everything).
   */
  readonly fromEvidence?: boolean
  /** People per transaction. */
  readonly batchSize?: number
  /** When given, level changes queue their progress statements. */
  readonly writeBack?: WriteBackEnv
  /** Told after each batch: people done of the tenant's total. */
  readonly onProgress?: (done: number, total: number) => void
  /**
   * Levels only: told of each batch's people once their evidence and levels are read, before
   * the levels worked out from them are saved (tests race an inference save here).
   */
  readonly onRead?: (personIds: readonly string[]) => Promise<void>
}

/**
 * Works out every person of a tenant again, a batch per transaction (a crash leaves the
 * batches before it done; running it again is safe).
 */
export async function recomputeTenant(
  stores: Stores,
  model: InferenceModel,
  tenantId: string,
  options: RecomputeOptions = {},
): Promise<RecomputeResult> {
  const batchSize = options.batchSize ?? (options.fromEvidence ? 2_000 : 200)
  const total = await stores.people.countPeople(tenantId)
  const context = await loadTenantContext(stores, tenantId)
  const overrides = options.fromEvidence
    ? await stores.inference.currentOverridesOfTenant(tenantId)
    : undefined
  let done = 0
  let levelsSaved = 0
  options.onProgress?.(0, total)
  if (overrides) {
    // Levels only. Each batch is read and saved in one transaction that first takes its people's
    // evaluation locks, as the inference worker does for its batch: a level the worker saves
    // meanwhile is saved either before the batch is read (and so read), or after the batch is
    // saved (and worked out then from the evidence of then), never overwritten by a level worked
    // out from evidence read before it. For throughput, the next batch is read while this one is
    // worked out, and two batches save at once (a save is PostgreSQL's work, and the saves of
    // people apart do not wait on each other): a batch's save waits for the one two before it. A
    // failed batch stops the recompute; the batches before it are kept, and the one beside it
    // may be.
    const workOut = async (
      ids: readonly string[],
      range: { readonly after: string | undefined; readonly last: string },
      hasRead: () => void,
      before: Promise<void>,
      previous: Promise<void>,
    ) => {
      const count = await stores.transaction(async (tx) => {
        await tx.inference.lockPeople(ids.map((personId) => ({ tenantId, personId })))
        const evidence = await tx.progress.findEvidenceInRange(tenantId, range)
        const levels = await tx.progress.findLevelsInRange(tenantId, range)
        hasRead()
        await options.onRead?.(ids)
        const { save, changed, rescored } = await levelsOfBatch(ids, evidence, levels)
        await before
        const saved = await tx.progress.saveLevelsOfPeople(tenantId, save)
        if (options.writeBack) {
          // Levels and their progress statements commit together.
          await enqueueLevelChanges(tx, options.writeBack, tenantId, changed, new Date())
          // Gradebook columns follow too (their scores depend on the levels just saved).
          for (const [id, results] of rescored) {
            const components = new Set(save.get(id)!.map((l) => l.componentId))
            await enqueueScores(tx, model, context, id, results, components)
          }
        }
        return saved
      })
      levelsSaved += count
      // Progress is told in batch order (the one before may still be saving beside this one),
      // and not past a batch that failed.
      if (
        !(await previous.then(
          () => true,
          () => false,
        ))
      )
        return
      done += ids.length
      options.onProgress?.(done, total)
    }
    const levelsOfBatch = async (
      ids: readonly string[],
      evidence: Map<string, Evidence[]>,
      levels: Map<string, ComponentLevel[]>,
    ) => {
      const save = new Map<string, LevelInput[]>()
      const changed = new Map<string, PersonChanges>()
      const rescored = new Map<string, ComponentResult[]>()
      for (const [i, id] of ids.entries()) {
        // Now and then the event loop turns, so that the save and the read in flight go on.
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((done) => setImmediate(done))
        const saved = levels.get(id) ?? []
        const results = inferLevels(model, {
          evidence: evidence.get(id) ?? [],
          rules: context.rules,
          overrides: coreOverrides(overrides.get(id) ?? []),
          settings: context.settings,
          include: saved.map((l) => l.componentId),
        })
        const toSave = levelsToSave(results, saved, {
          trackCriteria: context.settings.writeDescriptors,
        })
        if (toSave.save.length > 0) save.set(id, toSave.save)
        if (toSave.save.length > 0 && context.graded.length > 0) rescored.set(id, results)
        const reached = context.settings.writeDescriptors ? toSave.reached : []
        if (toSave.changes.length + reached.length > 0) {
          changed.set(id, { changes: toSave.changes, reached, overrides: overrides.get(id) ?? [] })
        }
      }
      return { save, changed, rescored }
    }

    let after: string | undefined
    let failure: { readonly err: unknown } | undefined
    const inFlight: Promise<void>[] = []
    while (!failure) {
      const ids = await stores.people.listPersonIds(tenantId, { after, limit: batchSize })
      if (ids.length === 0) break
      const range = { after, last: ids.at(-1)! }
      after = range.last
      let hasRead!: () => void
      const read = new Promise<void>((resolve) => (hasRead = resolve))
      const batch = workOut(
        ids,
        range,
        hasRead,
        inFlight.at(-SAVES_AT_ONCE) ?? Promise.resolve(),
        inFlight.at(-1) ?? Promise.resolve(),
      )
      batch.catch((err: unknown) => void (failure ??= { err }))
      inFlight.push(batch)
      // The next batch is read once this one has been (or has failed), and the oldest batch
      // is saved: at most SAVES_AT_ONCE batches worked out or saving, and one read.
      await Promise.race([read, batch.catch(() => undefined)])
      if (inFlight.length > SAVES_AT_ONCE) await inFlight.shift()!.catch(() => undefined)
    }
    await Promise.allSettled(inFlight)
    if (failure) throw failure.err
    return { people: done, levelsSaved }
  }
  let after: string | undefined
  for (;;) {
    const ids = await stores.people.listPersonIds(tenantId, { after, limit: batchSize })
    if (ids.length === 0) break
    after = ids.at(-1)
    levelsSaved += await stores.transaction(async (tx) => {
      // The lock the inference worker takes: one of them works a person out at a time.
      await tx.inference.lockPeople(ids.map((personId) => ({ tenantId, personId })))
      const evaluations = await evaluatePeople(tx, model, context, ids, options.writeBack)
      return evaluations.reduce((sum, e) => sum + e.savedLevels, 0)
    })
    done += ids.length
    options.onProgress?.(done, total)
  }
  return { people: done, levelsSaved }
}
