import { inferLevels, type InferenceModel } from '../inference/index.ts'
import type { LevelInput, Stores } from '../store/index.ts'
import { evaluatePerson } from './evaluate-person.ts'
import { levelsToSave } from './levels-to-save.ts'
import { coreOverrides } from './overrides.ts'
import { loadTenantContext } from './tenant-context.ts'

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
  let after: string | undefined
  options.onProgress?.(0, total)
  for (;;) {
    const ids = await stores.people.listPersonIds(tenantId, { after, limit: batchSize })
    if (ids.length === 0) break
    after = ids.at(-1)
    levelsSaved += await stores.transaction(async (tx) => {
      if (!overrides) {
        let saved = 0
        for (const id of ids) {
          const evaluation = await evaluatePerson(tx, model, context, id)
          saved += evaluation.savedLevels
        }
        return saved
      }
      const [evidence, levels] = await Promise.all([
        tx.progress.findEvidenceOfPeople(tenantId, ids),
        tx.progress.findLevelsOfPeople(tenantId, ids),
      ])
      const save = new Map<string, LevelInput[]>()
      for (const id of ids) {
        const saved = levels.get(id) ?? []
        const results = inferLevels(model, {
          evidence: evidence.get(id) ?? [],
          rules: context.rules,
          overrides: coreOverrides(overrides.get(id) ?? []),
          settings: context.settings,
          include: saved.map((l) => l.componentId),
        })
        const changed = levelsToSave(results, saved).save
        if (changed.length > 0) save.set(id, changed)
      }
      return tx.progress.saveLevelsOfPeople(tenantId, save)
    })
    done += ids.length
    options.onProgress?.(done, total)
  }
  return { people: done, levelsSaved }
}
