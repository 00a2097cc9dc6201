import { type InferenceModel, inferLevels, type InferenceSettings } from '../inference/index.ts'

/**
 * The level a person's ticks give a component, by the same rule as inference (the tenant's
 * required share, cumulative levels): each ticked criterion counts as met, nothing else does.
 */
export function selfAssessedLevel(
  model: InferenceModel,
  componentId: string,
  ticked: readonly string[],
  settings?: InferenceSettings,
): string | null {
  const at = new Date(0)
  const [result] = inferLevels(model, {
    evidence: [],
    rules: new Map(),
    overrides: ticked.map((criterionId) => ({
      kind: 'criterion' as const,
      criterionId,
      verdict: 'confirm' as const,
      reason: 'self-assessment',
      at,
    })),
    ...(settings && { settings }),
    componentIds: [componentId],
  })
  return result?.level ?? null
}

/** How a self-assessed level stands to the inferred one. */
export type Agreement = 'agree' | 'higher' | 'lower'

/** Compares level ranks (0 for no level): the self-assessment against the inferred level. */
export function agreement(selfRank: number, inferredRank: number): Agreement {
  return selfRank === inferredRank ? 'agree' : selfRank > inferredRank ? 'higher' : 'lower'
}

/**
 * The answers a saved form gives: per component shown, its ticked criteria, where they differ
 * from the latest answer (a component never answered and left blank gives none).
 */
export function changedAnswers(
  shown: readonly { readonly componentId: string; readonly criteria: readonly string[] }[],
  ticked: ReadonlySet<string>,
  latest: ReadonlyMap<string, readonly string[] | undefined>,
): { componentId: string; criteria: string[] }[] {
  return shown.flatMap(({ componentId, criteria }) => {
    const now = criteria.filter((id) => ticked.has(id))
    const before = latest.get(componentId)
    // Never answered and nothing ticked: nothing to say yet.
    if (!latest.has(componentId) && now.length === 0) return []
    const same =
      before !== undefined && before.length === now.length && now.every((id) => before.includes(id))
    return same ? [] : [{ componentId, criteria: now }]
  })
}
