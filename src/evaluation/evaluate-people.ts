import { type ComponentResult, inferLevels, type InferenceModel } from '../inference/index.ts'
import type { Evidence, EvidenceChange, LevelInput, Stores } from '../store/index.ts'
import { evidenceDiff } from './evidence-diff.ts'
import { enqueueScores } from './gradebook.ts'
import { type LevelChange, levelsToSave } from './levels-to-save.ts'
import { coreOverrides } from './overrides.ts'
import type { TenantContext } from './tenant-context.ts'
import { enqueueLevelChanges, type PersonChanges, type WriteBackEnv } from './write-back.ts'

type PersonEvidence = EvidenceChange['added'][number]

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
 * Works the evidence and levels of some people of one tenant out again from their statements
 * (voided ones left out), the tenant's tags and settings, and trainer overrides; saves what
 * changed. Run it inside the transaction that took the people off the queue, with their
 * evaluation locks held. The same few statements whatever the number of people: one read each of
 * their statements, evidence, verdicts and levels; one write of the evidence that changed, one of
 * the levels that changed, and the progress statements of the level changes. Evaluations in the
 * order of `personIds`, each person once.
 */
export async function evaluatePeople(
  stores: Stores,
  model: InferenceModel,
  context: TenantContext,
  personIds: readonly string[],
  /**
   * When given, each level change queues its progress statement, and each changed component the
   * scores of the graded LTI links tagged with it, in this transaction.
   */
  writeBack?: WriteBackEnv,
): Promise<Evaluation[]> {
  const { tenantId } = context
  const ids = [...new Set(personIds)]
  if (ids.length === 0) return []
  // One after the other: a transaction's queries share its connection.
  const facts = await stores.statements.findFactsForPeople(tenantId, ids, context.filter)
  const kept = await stores.progress.findEvidenceOfPeople(tenantId, ids)
  const overrides = await stores.inference.currentOverridesOfPeople(tenantId, ids)
  const saved = await stores.progress.findLevelsOfPeople(tenantId, ids)

  const change = { added: [] as PersonEvidence[], removed: [] as PersonEvidence[] }
  const withPerson = (personId: string) => (e: Evidence) => ({ ...e, personId })
  const worked = ids.map((personId) => {
    const evidence = context.matcher.evidence(facts.get(personId) ?? [])
    const { added, removed } = evidenceDiff(kept.get(personId) ?? [], evidence)
    change.added.push(...added.map(withPerson(personId)))
    change.removed.push(...removed.map(withPerson(personId)))
    const mine = saved.get(personId) ?? []
    const results = inferLevels(model, {
      evidence,
      rules: context.rules,
      overrides: coreOverrides(overrides.get(personId) ?? []),
      settings: context.settings,
      include: mine.map((l) => l.componentId),
    })
    const toSave = levelsToSave(results, mine, {
      trackCriteria: context.settings.writeDescriptors,
    })
    return { personId, results, ...toSave }
  })

  const counts = await stores.progress.changeEvidence(tenantId, change)
  const save = new Map<string, readonly LevelInput[]>(
    worked.filter((w) => w.save.length > 0).map((w) => [w.personId, w.save]),
  )
  if (save.size > 0) await stores.progress.saveLevelsOfPeople(tenantId, save)
  if (writeBack && context.graded.length > 0) {
    for (const w of worked) await scoreLinks(stores, model, context, w)
  }
  if (writeBack) {
    const changed = new Map<string, PersonChanges>()
    for (const w of worked) {
      const reached = context.settings.writeDescriptors ? w.reached : []
      if (w.changes.length + reached.length === 0) continue
      changed.set(w.personId, {
        changes: w.changes,
        reached,
        overrides: overrides.get(w.personId) ?? [],
      })
    }
    if (changed.size > 0) {
      await enqueueLevelChanges(stores, writeBack, tenantId, changed, new Date())
    }
  }
  return worked.map((w) => ({
    personId: w.personId,
    evidenceAdded: counts.get(w.personId)?.added ?? 0,
    evidenceRemoved: counts.get(w.personId)?.removed ?? 0,
    changes: w.changes,
    savedLevels: w.save.length,
  }))
}

/** Queues a person's scores of the tenant's graded links (see enqueueScores). */
function scoreLinks(
  stores: Stores,
  model: InferenceModel,
  context: TenantContext,
  person: {
    readonly personId: string
    readonly results: readonly ComponentResult[]
    readonly save: readonly LevelInput[]
  },
) {
  const changed = new Set(person.save.map((l) => l.componentId))
  return enqueueScores(stores, model, context, person.personId, person.results, changed)
}
