import type { Activity, AuditEntryInput, Stores } from '../store/index.ts'
import { UNPLACED_LINK_KEPT_MS } from '../store/course-store.ts'
import { targetOf } from './tag-service.ts'

/** Who removes what no one placed, as the audit log names it. */
export const MAINTENANCE_ACTOR = 'maintenance'

/** Activities looked at per transaction. */
export const EXPIRE_BATCH = 200

/**
 * Removes, in one transaction, up to `limit` activities Deep Linking made more than
 * UNPLACED_LINK_KEPT_MS before `now` that no launch has bound (the teacher cancelled in the LMS,
 * so nothing will ever launch them), with their tags: each removal audited, the people the tags'
 * evidence named queued for inference. Answers how many activities went; call again while it
 * answers `limit`.
 */
export async function expireUnplacedLinks(
  stores: Stores,
  now: Date,
  limit = EXPIRE_BATCH,
): Promise<number> {
  return stores.transaction(async (tx) => {
    const links = await tx.courses.listUnplacedLinks(
      new Date(now.getTime() - UNPLACED_LINK_KEPT_MS),
      limit,
    )
    for (const [tenantId, ofTenant] of byTenant(links)) {
      const activityIds = ofTenant.map((a) => a.id)
      const tags = await tx.tags.listTagsOfActivities(tenantId, activityIds)
      // Before the tags go: their evidence goes with them.
      await tx.inference.enqueueForTags(
        tenantId,
        tags.map((t) => t.id),
      )
      const reason = `the link was never launched within ${UNPLACED_LINK_KEPT_MS / 86_400_000} days of being made (cancelled in the LMS)`
      const entries: AuditEntryInput[] = [
        ...tags.map((tag) => ({
          tenantId,
          actor: MAINTENANCE_ACTOR,
          action: 'tags.remove',
          subject: `tag:${tag.id}`,
          details: {
            target: targetOf(tag),
            competencyIds: tag.competencyIds,
            rule: tag.rule,
            reason,
          },
        })),
        ...ofTenant.map((activity) => ({
          tenantId,
          actor: MAINTENANCE_ACTOR,
          action: 'activity.expired',
          subject: `activity:${activity.id}`,
          details: {
            ...(activity.iri !== undefined && { iri: activity.iri }),
            ...(activity.name !== undefined && { name: activity.name }),
            ...(activity.contextId !== undefined && { contextId: activity.contextId }),
            createdAt: activity.createdAt.toISOString(),
            tagIds: tags.filter((t) => t.activityId === activity.id).map((t) => t.id),
            reason,
          },
        })),
      ]
      await tx.audit.recordAll(entries)
      await tx.courses.removeActivities(tenantId, activityIds)
    }
    return links.length
  })
}

function byTenant(activities: readonly Activity[]): Map<string, Activity[]> {
  const found = new Map<string, Activity[]>()
  for (const a of activities) {
    const list = found.get(a.tenantId)
    if (list) list.push(a)
    else found.set(a.tenantId, [a])
  }
  return found
}
