import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import { excluded } from './excluded.ts'
import { activities, tags } from './schema/index.ts'
import type { ActivityTag, Tag, TagRule, TagStore } from './tag-store.ts'

type TagRow = typeof tags.$inferSelect

// IDs sort by their bytes, whatever the database's collation (PGlite's is C, a server's may not be).
const byCompetency = asc(sql`${tags.competencyId} collate "C"`)

/** The tag store on PostgreSQL. */
export function postgresTagStore(db: Db): TagStore {
  return {
    async addTags(tenantId, activityId, input) {
      const [activity] = await db
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)))
      if (!activity) throw new StoreNotFound(`activity ${activityId} does not exist`)
      // One row per competency: ON CONFLICT DO UPDATE cannot touch a row twice in one statement.
      const byId = new Map(input.map((tag) => [tag.competencyId, tag]))
      if (byId.size === 0) return []
      const rows = await db
        .insert(tags)
        .values(
          [...byId.values()].map(({ competencyId, rule, createdBy }) => ({
            tenantId,
            activityId,
            competencyId,
            rule: rule ?? {},
            createdBy,
          })),
        )
        .onConflictDoUpdate({
          target: [tags.tenantId, tags.activityId, tags.competencyId],
          set: { rule: excluded(tags.rule) },
        })
        .returning()
      const saved = new Map(rows.map((row) => [row.competencyId, tagRowToTag(row)]))
      return [...byId.keys()].map((competencyId) => saved.get(competencyId)!)
    },

    async removeTag(tenantId, tagId) {
      const removed = await db
        .delete(tags)
        .where(and(eq(tags.tenantId, tenantId), eq(tags.id, tagId)))
        .returning({ id: tags.id })
      return removed.length > 0
    },

    async listTagsForActivity(tenantId, activityId) {
      const rows = await db
        .select()
        .from(tags)
        .where(and(eq(tags.tenantId, tenantId), eq(tags.activityId, activityId)))
        .orderBy(byCompetency)
      return rows.map(tagRowToTag)
    },

    async findTagsForActivityIris(tenantId, iris) {
      if (iris.length === 0) return []
      const rows = await db
        .select({ tag: tags, iri: activities.iri })
        .from(tags)
        .innerJoin(
          activities,
          and(eq(activities.tenantId, tenantId), eq(activities.id, tags.activityId)),
        )
        .where(and(eq(tags.tenantId, tenantId), inArray(activities.iri, [...iris])))
        .orderBy(asc(sql`${activities.iri} collate "C"`), byCompetency)
      return rows.map(({ tag, iri }): ActivityTag => ({ ...tagRowToTag(tag), activityIri: iri! }))
    },

    async listTagsForContext(tenantId, contextId) {
      const rows = await db
        .select({ tag: tags })
        .from(tags)
        .innerJoin(
          activities,
          and(eq(activities.tenantId, tenantId), eq(activities.id, tags.activityId)),
        )
        .where(and(eq(tags.tenantId, tenantId), eq(activities.contextId, contextId)))
        .orderBy(asc(activities.createdAt), asc(activities.id), byCompetency)
      return rows.map(({ tag }) => tagRowToTag(tag))
    },
  }
}

function tagRowToTag(row: TagRow): Tag {
  return {
    tenantId: row.tenantId,
    id: row.id,
    activityId: row.activityId,
    competencyId: row.competencyId,
    rule: row.rule as TagRule,
    createdBy: row.createdBy ?? undefined,
    createdAt: row.createdAt,
  }
}
