import { type ComponentResult, inferLevels, type InferenceModel } from '../inference/index.ts'
import { enqueueScores } from './gradebook.ts'
import type { LevelInput, Stores } from '../store/index.ts'
import { evaluatePerson } from './evaluate-person.ts'
import { levelsToSave } from './levels-to-save.ts'
import { coreOverrides } from './overrides.ts'
import { loadTenantContext } from './tenant-context.ts'
import { enqueueLevelChanges, type PersonChanges, type WriteBackEnv } from './write-back.ts'

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
    // Levels only: each batch is read while the one before is worked out, and saved while the
    // next one is (one statement per batch, so no transaction is needed for it to be whole; at
    // most one save in flight; a failed one stops the recompute, the batches before it kept).
    const read = async (after: string | undefined) => {
      const ids = await stores.people.listPersonIds(tenantId, { after, limit: batchSize })
      if (ids.length === 0) return undefined
      const range = { after, last: ids.at(-1)! }
      const [evidence, levels] = await Promise.all([
        stores.progress.findEvidenceInRange(tenantId, range),
        stores.progress.findLevelsInRange(tenantId, range),
      ])
      return { ids, evidence, levels }
    }
    let next = read(undefined)
    let saving: Promise<void> = Promise.resolve()
    for (;;) {
      const batch = await next
      if (!batch) break
      next = read(batch.ids.at(-1))
      // A failed read is thrown where it is awaited, not reported as unhandled meanwhile.
      next.catch(() => undefined)
      const save = new Map<string, LevelInput[]>()
      const changed = new Map<string, PersonChanges>()
      const rescored = new Map<string, ComponentResult[]>()
      for (const [i, id] of batch.ids.entries()) {
        // Now and then the event loop turns, so that the save and the read in flight go on.
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((done) => setImmediate(done))
        const saved = batch.levels.get(id) ?? []
        const results = inferLevels(model, {
          evidence: batch.evidence.get(id) ?? [],
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
      await saving
      // Levels and their progress statements commit together.
      saving = stores
        .transaction(async (tx) => {
          const count = await tx.progress.saveLevelsOfPeople(tenantId, save)
          if (options.writeBack) {
            await enqueueLevelChanges(tx, options.writeBack, tenantId, changed, new Date())
            // Gradebook columns follow too (their scores depend on the levels just saved).
            for (const [id, results] of rescored) {
              const components = new Set(save.get(id)!.map((l) => l.componentId))
              await enqueueScores(tx, model, context, id, results, components)
            }
          }
          return count
        })
        .then((count) => {
          levelsSaved += count
          done += batch.ids.length
          options.onProgress?.(done, total)
        })
      saving.catch(() => undefined)
    }
    await saving
    return { people: done, levelsSaved }
  }
  let after: string | undefined
  for (;;) {
    const ids = await stores.people.listPersonIds(tenantId, { after, limit: batchSize })
    if (ids.length === 0) break
    after = ids.at(-1)
    levelsSaved += await stores.transaction(async (tx) => {
      let saved = 0
      for (const id of ids) {
        saved += (await evaluatePerson(tx, model, context, id, options.writeBack)).savedLevels
      }
      return saved
    })
    done += ids.length
    options.onProgress?.(done, total)
  }
  return { people: done, levelsSaved }
}
