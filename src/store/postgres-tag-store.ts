import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import { activities, tags } from './schema/index.ts'
import type { Tag, TagRuleData, TagStore } from './tag-store.ts'
import { listedAsPlaced } from './unplaced-links.ts'

type TagRow = typeof tags.$inferSelect
type ActivityRow = typeof activities.$inferSelect

/** The tag store on PostgreSQL. */
export function postgresTagStore(db: Db): TagStore {
  async function select(where: SQL | undefined): Promise<Tag[]> {
    const rows = await db
      .select({ tag: tags, activity: activities })
      .from(tags)
      .leftJoin(
        activities,
        and(eq(activities.tenantId, tags.tenantId), eq(activities.id, tags.activityId)),
      )
      .where(where)
      .orderBy(asc(tags.createdAt), asc(tags.id))
    return rows.map(({ tag, activity }) => tagRowToTag(tag, activity))
  }

  return {
    async createTag(tenantId, input) {
      if (input.activityId !== undefined) {
        const [activity] = await db
          .select({ id: activities.id })
          .from(activities)
          .where(and(eq(activities.tenantId, tenantId), eq(activities.id, input.activityId)))
        if (!activity) throw new StoreNotFound(`activity ${input.activityId} does not exist`)
      }
      const [row] = await db
        .insert(tags)
        .values({
          tenantId,
          activityId: input.activityId,
          activityPrefix: input.activityPrefix,
          competencyIds: [...input.competencyIds],
          rule: input.rule ?? {},
          createdBy: input.createdBy,
        })
        .returning({ id: tags.id })
      return (await select(and(eq(tags.tenantId, tenantId), eq(tags.id, row!.id))))[0]!
    },

    async updateTag(tenantId, tagId, changes) {
      const updated = await db
        .update(tags)
        .set({
          ...(changes.competencyIds && { competencyIds: [...changes.competencyIds] }),
          ...(changes.rule && { rule: changes.rule }),
          updatedAt: sql`now()`,
        })
        .where(and(eq(tags.tenantId, tenantId), eq(tags.id, tagId)))
        .returning({ id: tags.id })
      if (updated.length === 0) return undefined
      return (await select(and(eq(tags.tenantId, tenantId), eq(tags.id, tagId))))[0]
    },

    async removeTag(tenantId, tagId) {
      const removed = await db
        .delete(tags)
        .where(and(eq(tags.tenantId, tenantId), eq(tags.id, tagId)))
        .returning({ id: tags.id })
      return removed.length > 0
    },

    async getTag(tenantId, tagId) {
      return (await select(and(eq(tags.tenantId, tenantId), eq(tags.id, tagId))))[0]
    },

    listTags(tenantId, filter = {}) {
      return select(
        and(
          eq(tags.tenantId, tenantId),
          listedAsPlaced(),
          filter.activityId === undefined ? undefined : eq(tags.activityId, filter.activityId),
          filter.contextId === undefined ? undefined : eq(activities.contextId, filter.contextId),
          filter.competencyId === undefined
            ? undefined
            : sql`${filter.competencyId} = any(${tags.competencyIds})`,
        ),
      )
    },

    listTagsOfActivities(tenantId, activityIds) {
      if (activityIds.length === 0) return Promise.resolve([])
      return select(and(eq(tags.tenantId, tenantId), inArray(tags.activityId, [...activityIds])))
    },
  }
}

function tagRowToTag(row: TagRow, activity: ActivityRow | null): Tag {
  return {
    tenantId: row.tenantId,
    id: row.id,
    ...(row.activityId !== null && { activityId: row.activityId }),
    ...(row.activityPrefix !== null && { activityPrefix: row.activityPrefix }),
    ...(activity && {
      activity: {
        ...(activity.iri !== null && { iri: activity.iri }),
        ...(activity.resourceLinkId !== null && { resourceLinkId: activity.resourceLinkId }),
        ...(activity.name !== null && { name: activity.name }),
        ...(activity.contextId !== null && { contextId: activity.contextId }),
      },
    }),
    competencyIds: row.competencyIds,
    rule: row.rule as TagRuleData,
    createdBy: row.createdBy ?? undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
