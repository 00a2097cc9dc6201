import { inferLevels, type InferenceModel } from '../inference/index.ts'
import type { Stores } from '../store/index.ts'
import { type LevelChange, levelsToSave } from './levels-to-save.ts'
import { enqueueScores } from './gradebook.ts'
import { coreOverrides } from './overrides.ts'
import { enqueueLevelChanges, type WriteBackEnv } from './write-back.ts'
import type { TenantContext } from './tenant-context.ts'

/** What evaluating a person changed. */
export interface Evaluation {
  readonly personId: string
  readonly evidenceAdded: number
  readonly evidenceRemoved: number
  readonly changes: readonly LevelChange[]
  /** Components whose saved level or explanation changed. */
  readonly savedLevels: number
}

/**
 * Works a person's evidence and levels out again from their statements (voided ones left out),
 * the tenant's tags and settings, and trainer overrides; saves what changed. Run it inside the
 * transaction that took the person off the queue.
 */
export async function evaluatePerson(
  stores: Stores,
  model: InferenceModel,
  context: TenantContext,
  personId: string,
  /**
   * When given, each level change queues its progress statement, and each changed component the
   * scores of the graded LTI links tagged with it, in this transaction.
   */
  writeBack?: WriteBackEnv,
): Promise<Evaluation> {
  const { tenantId } = context
  const facts = await stores.statements.findFactsForPerson(tenantId, personId, context.filter)
  const evidence = context.matcher.evidence(facts)
  const { added, removed } = await stores.progress.replaceEvidence(tenantId, personId, evidence)
  const [overrides, saved] = await Promise.all([
    stores.inference.currentOverrides(tenantId, personId),
    stores.progress.findLevels(tenantId, personId),
  ])
  const results = inferLevels(model, {
    evidence,
    rules: context.rules,
    overrides: coreOverrides(overrides),
    settings: context.settings,
    include: saved.map((l) => l.componentId),
  })
  const { save, changes, reached } = levelsToSave(results, saved, {
    trackCriteria: context.settings.writeDescriptors,
  })
  const reachedToWrite = context.settings.writeDescriptors ? reached : []
  if (save.length > 0) await stores.progress.saveLevels(tenantId, personId, save)
  if (writeBack && context.graded.length > 0) {
    await enqueueScores(
      stores,
      model,
      context,
      personId,
      results,
      new Set(save.map((l) => l.componentId)),
    )
  }
  if (writeBack && changes.length + reachedToWrite.length > 0) {
    await enqueueLevelChanges(
      stores,
      writeBack,
      tenantId,
      new Map([[personId, { changes, reached: reachedToWrite, overrides }]]),
      new Date(),
    )
  }
  return {
    personId,
    evidenceAdded: added,
    evidenceRemoved: removed,
    changes,
    savedLevels: save.length,
  }
}
