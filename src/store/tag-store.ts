/** Which statements about the activity count (verbs, minimum score…); tagging interprets it. */
export type TagRule = Readonly<Record<string, unknown>>

/**
 * A trainer's statement that an activity evidences a competency: a descriptor ID
 * (TT18.PT.1.1.CB.2) or a component at a level (TT18.PT.1.1.CB).
 */
export interface Tag {
  readonly tenantId: string
  readonly id: string
  readonly activityId: string
  readonly competencyId: string
  readonly rule: TagRule
  /** The person who tagged the activity. */
  readonly createdBy?: string
  readonly createdAt: Date
}

/** A tag to add; no rule means `{}`, any statement about the activity. */
export interface TagInput {
  readonly competencyId: string
  readonly rule?: TagRule
  readonly createdBy?: string
}

/** A tag with the xAPI Activity id of its activity, to match statements by their object. */
export interface ActivityTag extends Tag {
  readonly activityIri: string
}

/** The tags trainers put on activities. */
export interface TagStore {
  /**
   * Tags an activity with competencies; re-adding a competency replaces its rule and keeps its
   * creator. Throws StoreNotFound for an unknown activity. Returns the tags in input order.
   */
  addTags(tenantId: string, activityId: string, tags: readonly TagInput[]): Promise<Tag[]>
  /** Removes a tag, and with it the evidence it matched; false when there was none. */
  removeTag(tenantId: string, tagId: string): Promise<boolean>
  /** The tags of an activity, by competency ID. */
  listTagsForActivity(tenantId: string, activityId: string): Promise<Tag[]>
  /** The tags of the activities with these xAPI Activity ids, by IRI then competency ID. */
  findTagsForActivityIris(tenantId: string, iris: readonly string[]): Promise<ActivityTag[]>
  /** The tags of every activity of a context, by activity then competency ID. */
  listTagsForContext(tenantId: string, contextId: string): Promise<Tag[]>
}
