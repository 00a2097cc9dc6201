import type { Override } from '../inference/index.ts'
import type { OverrideRecord } from '../store/index.ts'

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
