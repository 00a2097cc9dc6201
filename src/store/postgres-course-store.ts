import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, notInArray, sql } from 'drizzle-orm'
import type { Activity, Context, CourseStore } from './course-store.ts'
import type { Db } from './database.ts'
import { StoreConflict, StoreNotFound } from './errors.ts'
import { excludedOrKept, keptOrExcluded } from './excluded.ts'
import { activities, contextMembers, contexts } from './schema/index.ts'
import { membersOf, peopleIn, refreshCourseFacts } from './course-facts.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'
import { listedAsPlaced, unplacedLinkRow } from './unplaced-links.ts'
import { learnsIn } from './staff-people.ts'

type ContextRow = typeof contexts.$inferSelect
type ActivityRow = typeof activities.$inferSelect

/** How many of a tenant's activities a listing without a context gives. */
const TENANT_ACTIVITIES = 500

/** The course store on PostgreSQL. */
export function postgresCourseStore(db: Db): CourseStore {
  return {
    async upsertContext(tenantId, { deploymentId, externalId, title, label }) {
      const [row] = await db
        .insert(contexts)
        .values({ tenantId, deploymentId, externalId, title, label })
        .onConflictDoUpdate({
          target: [contexts.tenantId, contexts.deploymentId, contexts.externalId],
          set: { title: excludedOrKept(contexts.title), label: excludedOrKept(contexts.label) },
        })
        .returning()
      return contextRowToContext(row!)
    },

    async upsertActivity(tenantId, activity) {
      const { contextId, iri, resourceLinkId, name, type, keepContext = false } = activity
      if (iri === undefined && resourceLinkId === undefined) {
        throw new TypeError('an activity needs an iri or a resourceLinkId')
      }
      if (contextId !== undefined) {
        const [context] = await db
          .select({ id: contexts.id })
          .from(contexts)
          .where(and(eq(contexts.tenantId, tenantId), eq(contexts.id, contextId)))
        if (!context) throw new StoreNotFound(`context ${contextId} does not exist`)
      }
      // Keyed by the IRI when there is one; a key given fills a missing key, never replaces one.
      const key = iri !== undefined ? activities.iri : activities.resourceLinkId
      const insert = (q: Db) =>
        q
          .insert(activities)
          .values({ tenantId, contextId, iri, resourceLinkId, name, type })
          .onConflictDoUpdate({
            target: [activities.tenantId, key],
            targetWhere: isNotNull(key),
            set: {
              resourceLinkId: keptOrExcluded(activities.resourceLinkId),
              contextId: (keepContext ? keptOrExcluded : excludedOrKept)(activities.contextId),
              name: excludedOrKept(activities.name),
              type: excludedOrKept(activities.type),
            },
          })
          .returning()
      if (iri === undefined || resourceLinkId === undefined) {
        return activityRowToActivity((await insert(db))[0]!)
      }
      try {
        // With both keys the resource link may be another activity's. The insert then fails, and
        // a transaction (a savepoint in the caller's) keeps a caller's transaction usable.
        const [row] = await db.transaction((tx) => insert(tx))
        return activityRowToActivity(row!)
      } catch (err) {
        if (sqlState(err) !== SQLSTATE.uniqueViolation) throw err
      }
      // The resource link is another activity's (an LTI launch saw it before any statement did):
      // give that activity the IRI, if it has none yet and no other activity has it.
      try {
        const [row] = await db.transaction((tx) =>
          tx
            .update(activities)
            .set({
              iri,
              contextId:
                keepContext && contextId !== undefined
                  ? sql`coalesce(${activities.contextId}, ${contextId}::uuid)`
                  : contextId,
              name,
              type,
            })
            .where(
              and(
                eq(activities.tenantId, tenantId),
                eq(activities.resourceLinkId, resourceLinkId),
                isNull(activities.iri),
              ),
            )
            .returning(),
        )
        if (row) return activityRowToActivity(row)
      } catch (err) {
        if (sqlState(err) !== SQLSTATE.uniqueViolation) throw err
      }
      throw new StoreConflict(`resource link ${resourceLinkId} belongs to another activity`)
    },

    async findActivityByIri(tenantId, iri) {
      const [row] = await db
        .select()
        .from(activities)
        .where(and(eq(activities.tenantId, tenantId), eq(activities.iri, iri)))
      return row && activityRowToActivity(row)
    },

    async getActivity(tenantId, activityId) {
      const [row] = await db
        .select()
        .from(activities)
        .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)))
      return row && activityRowToActivity(row)
    },

    async getContext(tenantId, contextId) {
      const [row] = await db
        .select()
        .from(contexts)
        .where(and(eq(contexts.tenantId, tenantId), eq(contexts.id, contextId)))
      return row && contextRowToContext(row)
    },

    async setLineItems(tenantId, contextId, { platformId, lineItemsUrl }) {
      await db
        .update(contexts)
        .set({ platformId, lineItemsUrl })
        .where(and(eq(contexts.tenantId, tenantId), eq(contexts.id, contextId)))
    },

    async setMemberships(tenantId, contextId, { platformId, membershipsUrl }) {
      await db
        .update(contexts)
        .set({ platformId, membershipsUrl })
        .where(and(eq(contexts.tenantId, tenantId), eq(contexts.id, contextId)))
    },

    async setRoster(tenantId, contextId, keptPersonIds, at) {
      const kept = [...keptPersonIds]
      const removed = await db
        .delete(contextMembers)
        .where(
          and(
            eq(contextMembers.tenantId, tenantId),
            eq(contextMembers.contextId, contextId),
            kept.length > 0 ? notInArray(contextMembers.personId, kept) : undefined,
          ),
        )
        .returning({ personId: contextMembers.personId })
      if (removed.length > 0) {
        await refreshCourseFacts(db, tenantId, peopleIn(removed.map((r) => r.personId)))
      }
      await db
        .update(contexts)
        .set({ rosterSyncedAt: at })
        .where(and(eq(contexts.tenantId, tenantId), eq(contexts.id, contextId)))
    },

    async listMembers(tenantId, contextId) {
      return db
        .select({ personId: contextMembers.personId, roles: contextMembers.roles })
        .from(contextMembers)
        .where(and(eq(contextMembers.tenantId, tenantId), eq(contextMembers.contextId, contextId)))
        .orderBy(contextMembers.personId)
    },

    async setLineItem(tenantId, activityId, { platformId, lineItemUrl }) {
      await db
        .update(activities)
        .set({ platformId, lineItemUrl })
        .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)))
    },

    async listGradedActivities(tenantId) {
      const rows = await db
        .select()
        .from(activities)
        .where(and(eq(activities.tenantId, tenantId), isNotNull(activities.lineItemUrl)))
        .orderBy(asc(activities.id))
      return rows.map(activityRowToActivity)
    },

    async setMemberRoles(tenantId, contextId, personId, roles) {
      await db
        .insert(contextMembers)
        .values({ tenantId, contextId, personId, roles: [...roles] })
        .onConflictDoUpdate({
          target: [contextMembers.tenantId, contextMembers.contextId, contextMembers.personId],
          set: { roles: [...roles], updatedAt: sql`now()` },
        })
      await refreshCourseFacts(db, tenantId, peopleIn([personId]))
    },

    async setMembersRoles(tenantId, contextId, members) {
      // One row may be written once in a statement: a person given twice keeps the last roles.
      const last = new Map(members.map((m) => [m.personId, m.roles]))
      if (last.size === 0) return
      const rows = [...last].map(([person_id, roles]) => ({ person_id, roles }))
      await db.execute(sql`
        insert into context_members (tenant_id, context_id, person_id, roles)
        select ${tenantId}::uuid, ${contextId}::uuid, m.person_id, m.roles
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(person_id uuid, roles text[])
        on conflict (tenant_id, context_id, person_id) do update set
          roles = excluded.roles, updated_at = now()`)
      await refreshCourseFacts(db, tenantId, peopleIn([...last.keys()]))
    },

    async setCourseTable(tenantId, contextId, { audience, grade }) {
      const [row] = await db
        .update(contexts)
        .set({ audience, grade })
        .where(and(eq(contexts.tenantId, tenantId), eq(contexts.id, contextId)))
        .returning()
      if (!row) throw new StoreNotFound(`context ${contextId} does not exist`)
      await refreshCourseFacts(db, tenantId, membersOf(tenantId, contextId))
      return contextRowToContext(row)
    },

    async getMemberRoles(tenantId, contextId, personId) {
      const [row] = await db
        .select({ roles: contextMembers.roles })
        .from(contextMembers)
        .where(
          and(
            eq(contextMembers.tenantId, tenantId),
            eq(contextMembers.contextId, contextId),
            eq(contextMembers.personId, personId),
          ),
        )
      return row?.roles
    },

    async listMemberRoles(tenantId, contextIds, personId) {
      if (contextIds.length === 0) return new Map()
      const rows = await db
        .select({ contextId: contextMembers.contextId, roles: contextMembers.roles })
        .from(contextMembers)
        .where(
          and(
            eq(contextMembers.tenantId, tenantId),
            inArray(contextMembers.contextId, [...new Set(contextIds)]),
            eq(contextMembers.personId, personId),
          ),
        )
      return new Map(rows.map((r) => [r.contextId, r.roles]))
    },

    async listLearnerCourses(tenantId, personId) {
      const rows = await db
        .select({ context: contexts })
        .from(contextMembers)
        .innerJoin(
          contexts,
          and(
            eq(contexts.tenantId, contextMembers.tenantId),
            eq(contexts.id, contextMembers.contextId),
          ),
        )
        .where(
          and(
            eq(contextMembers.tenantId, tenantId),
            eq(contextMembers.personId, personId),
            learnsIn(sql`${contextMembers}`),
          ),
        )
        .orderBy(asc(contexts.createdAt), asc(contexts.id))
      return rows.map((r) => contextRowToContext(r.context))
    },

    async listActivities(tenantId, contextId) {
      if (contextId === undefined) {
        const rows = await db
          .select()
          .from(activities)
          .where(and(eq(activities.tenantId, tenantId), listedAsPlaced()))
          .orderBy(desc(activities.createdAt), desc(activities.id))
          .limit(TENANT_ACTIVITIES)
        return rows.map(activityRowToActivity)
      }
      const rows = await db
        .select()
        .from(activities)
        .where(
          and(
            eq(activities.tenantId, tenantId),
            eq(activities.contextId, contextId),
            listedAsPlaced(),
          ),
        )
        .orderBy(asc(activities.createdAt), asc(activities.id))
      return rows.map(activityRowToActivity)
    },

    async listUnplacedLinks(madeBefore, limit) {
      const rows = await db
        .select()
        .from(activities)
        .where(and(unplacedLinkRow(), lt(activities.createdAt, madeBefore)))
        .orderBy(asc(activities.createdAt), asc(activities.id))
        .limit(limit)
        .for('update', { skipLocked: true })
      return rows.map(activityRowToActivity)
    },

    async removeActivities(tenantId, activityIds) {
      if (activityIds.length === 0) return 0
      const removed = await db
        .delete(activities)
        .where(and(eq(activities.tenantId, tenantId), inArray(activities.id, [...activityIds])))
        .returning({ id: activities.id })
      return removed.length
    },
  }
}

function contextRowToContext(row: ContextRow): Context {
  return {
    tenantId: row.tenantId,
    id: row.id,
    deploymentId: row.deploymentId,
    externalId: row.externalId,
    title: row.title ?? undefined,
    label: row.label ?? undefined,
    platformId: row.platformId ?? undefined,
    lineItemsUrl: row.lineItemsUrl ?? undefined,
    membershipsUrl: row.membershipsUrl ?? undefined,
    rosterSyncedAt: row.rosterSyncedAt ?? undefined,
    ...(row.audience !== null && { audience: row.audience }),
    ...(row.grade !== null && { grade: row.grade }),
    createdAt: row.createdAt,
  }
}

function activityRowToActivity(row: ActivityRow): Activity {
  return {
    tenantId: row.tenantId,
    id: row.id,
    contextId: row.contextId ?? undefined,
    iri: row.iri ?? undefined,
    resourceLinkId: row.resourceLinkId ?? undefined,
    name: row.name ?? undefined,
    type: row.type ?? undefined,
    platformId: row.platformId ?? undefined,
    lineItemUrl: row.lineItemUrl ?? undefined,
    createdAt: row.createdAt,
  }
}
