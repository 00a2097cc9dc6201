import type { Evidence } from '../store/index.ts'

/** What makes a piece of evidence itself (the evidence table's unique key, less the person). */
const keyOf = (e: Evidence) => `${e.competencyId}\u0000${e.statementId}\u0000${e.tagId}`

/**
 * What turns a person's kept evidence into `fresh`: the pieces to add (new keys, once each) and
 * those to remove (keys no longer there). A piece is the same by competency, statement and tag.
 */
export function evidenceDiff(
  kept: readonly Evidence[],
  fresh: readonly Evidence[],
): { added: Evidence[]; removed: Evidence[] } {
  const keptKeys = new Set(kept.map(keyOf))
  const freshKeys = new Set<string>()
  const added: Evidence[] = []
  for (const e of fresh) {
    const key = keyOf(e)
    if (freshKeys.has(key)) continue
    freshKeys.add(key)
    if (!keptKeys.has(key)) added.push(e)
  }
  return { added, removed: kept.filter((e) => !freshKeys.has(keyOf(e))) }
}
