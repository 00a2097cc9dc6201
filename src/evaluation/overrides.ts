import type { Override } from '../inference/index.ts'
import type { OverrideInput, OverrideRecord, Stores } from '../store/index.ts'

/** Stored verdicts as inference reads them (clears never reach here: they withdraw a verdict). */
export function coreOverrides(records: readonly OverrideRecord[]): Override[] {
  return records.flatMap((r): Override[] => {
    const common = { reason: r.reason, by: r.actor, at: r.createdAt }
    switch (r.action) {
      case 'confirm':
      case 'reject':
        return [{ kind: 'criterion', criterionId: r.targetId, verdict: r.action, ...common }]
      case 'set-level':
        return [{ kind: 'level', componentId: r.targetId, level: r.level, ...common }]
      case 'clear':
        return []
    }
  })
}

/** A trainer's verdict to record: on a criterion, or a component's level. */
export type Verdict = Omit<OverrideInput, 'actor' | 'level'> & { readonly level?: string | null }

/**
 * Records a trainer's verdicts on one person in one transaction: each with its audit entry, and
 * the person queued so their levels are worked out again. Returns the saved verdicts.
 */
export async function recordVerdicts(
  stores: Stores,
  tenantId: string,
  personId: string,
  verdicts: readonly Verdict[],
  actor: string,
): Promise<OverrideRecord[]> {
  return stores.transaction(async (tx) => {
    const saved: OverrideRecord[] = []
    for (const verdict of verdicts) {
      const record = await tx.inference.addOverride(tenantId, personId, {
        ...verdict,
        level: verdict.action === 'set-level' ? (verdict.level ?? null) : null,
        actor,
      })
      await tx.audit.record({
        tenantId,
        actor,
        action: `overrides.${verdict.action}`,
        subject: `person:${personId}`,
        details: { targetId: verdict.targetId, level: record.level, reason: verdict.reason },
      })
      saved.push(record)
    }
    await tx.inference.enqueue(tenantId, [personId])
    return saved
  })
}
