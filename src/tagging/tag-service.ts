import type { Catalog } from '../../framework/index.ts'
import type { Stores, Tag } from '../store/index.ts'
import { TagInvalid, TagNotFound } from './errors.ts'
import { checkCompetencies, type NewTag, type TagChange } from './tag-input.ts'

/** Who changes tags, as the audit log names them (person:<id>, admin-token:<name>, cli). */
export interface TagActor {
  readonly actor: string
  /** The person, when a launched trainer acts. */
  readonly personId?: string
}

/** Where a tag is made: on a course's page, its new activities are the course's. */
export interface TagPlace {
  /**
   * The course (context): an activity the tag names by IRI or resource link that has no course
   * yet gets this one; one already in a course keeps its own.
   */
  readonly contextId?: string
  /**
   * Called with each tag made, in the caller's transaction: throwing refuses the tag (the
   * transaction rolls back). A course's trainer tags only the course's activities, which is known
   * once an activity named by IRI is found or made.
   */
  readonly accept?: (tag: Tag) => void
}

/**
 * Adds a tag in the caller's transaction, audited, and queues for inference everyone with
 * statements about the tagged activities. Throws TagInvalid naming each bad competency ID.
 */
export async function createTag(
  stores: Stores,
  catalog: Catalog,
  tenantId: string,
  input: NewTag,
  who: TagActor,
  place: TagPlace = {},
): Promise<Tag> {
  const { ids, problems } = checkCompetencies(catalog, input.competencyIds)
  if (problems.length > 0) throw new TagInvalid(problems)
  const activityId =
    input.activityId ??
    (input.activityIri !== undefined || input.resourceLinkId !== undefined
      ? (
          await stores.courses.upsertActivity(tenantId, {
            iri: input.activityIri,
            resourceLinkId: input.resourceLinkId,
            name: input.activityName,
            ...(place.contextId !== undefined && {
              contextId: place.contextId,
              keepContext: true,
            }),
          })
        ).id
      : undefined)
  const tag = await stores.tags.createTag(tenantId, {
    activityId,
    activityPrefix: input.activityPrefix,
    competencyIds: ids,
    rule: input.rule ?? {},
    createdBy: who.personId,
  })
  place.accept?.(tag)
  await requeue(stores, tenantId, tag)
  await stores.audit.record({
    tenantId,
    actor: who.actor,
    action: 'tags.create',
    subject: `tag:${tag.id}`,
    details: { target: targetOf(tag), competencyIds: tag.competencyIds, rule: tag.rule },
  })
  return tag
}

/**
 * Changes a tag's competencies or rule, audited; the people its old evidence named and the
 * people with statements about its activities are queued for inference.
 */
export async function updateTag(
  stores: Stores,
  catalog: Catalog,
  tenantId: string,
  tagId: string,
  change: TagChange,
  who: TagActor,
): Promise<Tag> {
  let competencyIds: string[] | undefined
  if (change.competencyIds) {
    const checked = checkCompetencies(catalog, change.competencyIds)
    if (checked.problems.length > 0) throw new TagInvalid(checked.problems)
    competencyIds = checked.ids
  }
  const before = await stores.tags.getTag(tenantId, tagId)
  if (!before) throw new TagNotFound(tagId)
  await stores.inference.enqueueForTag(tenantId, tagId)
  const tag = (await stores.tags.updateTag(tenantId, tagId, {
    ...(competencyIds && { competencyIds }),
    ...(change.rule && { rule: change.rule }),
  }))!
  await requeue(stores, tenantId, tag)
  await stores.audit.record({
    tenantId,
    actor: who.actor,
    action: 'tags.update',
    subject: `tag:${tag.id}`,
    details: {
      before: { competencyIds: before.competencyIds, rule: before.rule },
      after: { competencyIds: tag.competencyIds, rule: tag.rule },
    },
  })
  return tag
}

/** Removes a tag, audited; the people its evidence named are queued for inference. */
export async function removeTag(
  stores: Stores,
  tenantId: string,
  tagId: string,
  who: TagActor,
): Promise<void> {
  const tag = await stores.tags.getTag(tenantId, tagId)
  if (!tag) throw new TagNotFound(tagId)
  await stores.inference.enqueueForTag(tenantId, tagId)
  await stores.tags.removeTag(tenantId, tagId)
  await stores.audit.record({
    tenantId,
    actor: who.actor,
    action: 'tags.remove',
    subject: `tag:${tag.id}`,
    details: { target: targetOf(tag), competencyIds: tag.competencyIds, rule: tag.rule },
  })
}

/** What a tag points at: an IRI prefix, or an activity (by its IRI, resource link, or both). */
export interface TagTarget {
  readonly activityPrefix?: string
  readonly activityId?: string
  readonly activityIri?: string
  readonly resourceLinkId?: string
}

/** What a tag points at, for the audit log and exports. */
export function targetOf(tag: Tag): TagTarget {
  if (tag.activityPrefix !== undefined) return { activityPrefix: tag.activityPrefix }
  return {
    activityId: tag.activityId!,
    ...(tag.activity?.iri !== undefined && { activityIri: tag.activity.iri }),
    ...(tag.activity?.resourceLinkId !== undefined && {
      resourceLinkId: tag.activity.resourceLinkId,
    }),
  }
}

async function requeue(stores: Stores, tenantId: string, tag: Tag): Promise<void> {
  await stores.inference.enqueueForActivities(tenantId, {
    iris: tag.activity?.iri !== undefined ? [tag.activity.iri] : [],
    prefixes: tag.activityPrefix !== undefined ? [tag.activityPrefix] : [],
  })
}
