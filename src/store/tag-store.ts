/** Which statements about the activity count (verbs, minimum score…); inference interprets it. */
export type TagRuleData = Readonly<Record<string, unknown>>

/**
 * A trainer's statement that statements about an activity evidence competencies: descriptor IDs
 * (TT18.PT.1.1.CB.2) or components at a level (TT18.PT.1.1.CB). The activity is a known one
 * (`activityId`) or every activity whose IRI starts with `activityPrefix`.
 */
export interface Tag {
  readonly tenantId: string
  readonly id: string
  readonly activityId?: string
  readonly activityPrefix?: string
  /** The tagged activity's xAPI id, LTI resource link, name and course, when it has them. */
  readonly activity?: {
    readonly iri?: string
    readonly resourceLinkId?: string
    readonly name?: string
    readonly contextId?: string
  }
  readonly competencyIds: readonly string[]
  readonly rule: TagRuleData
  /** The person who tagged the activity. */
  readonly createdBy?: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A tag to add: exactly one of `activityId` and `activityPrefix`. */
export interface TagInput {
  readonly activityId?: string
  readonly activityPrefix?: string
  readonly competencyIds: readonly string[]
  readonly rule?: TagRuleData
  readonly createdBy?: string
}

/** What a change to a tag may replace. */
export interface TagChanges {
  readonly competencyIds?: readonly string[]
  readonly rule?: TagRuleData
}

/** Which tags to list. */
export interface TagFilter {
  readonly activityId?: string
  /** Tags of the activities of a course (prefix tags are not bound to a course). */
  readonly contextId?: string
  /** Tags naming this competency ID. */
  readonly competencyId?: string
}

/** The tags trainers put on activities. */
export interface TagStore {
  /** Adds a tag. Throws StoreNotFound for an unknown activity. */
  createTag(tenantId: string, input: TagInput): Promise<Tag>
  /** Replaces a tag's competencies or rule; undefined when there is no such tag. */
  updateTag(tenantId: string, tagId: string, changes: TagChanges): Promise<Tag | undefined>
  /** Removes a tag, and with it the evidence it matched; false when there was none. */
  removeTag(tenantId: string, tagId: string): Promise<boolean>
  getTag(tenantId: string, tagId: string): Promise<Tag | undefined>
  /**
   * A tenant's tags (all, or those the filter names), oldest first. Tags of activities listed as
   * placed only: not those of a Deep Linking activity no launch bound a day after it was made
   * (see CourseStore.listActivities).
   */
  listTags(tenantId: string, filter?: TagFilter): Promise<Tag[]>
  /** Every tag of these activities, placed or not, oldest first (before removing them). */
  listTagsOfActivities(tenantId: string, activityIds: readonly string[]): Promise<Tag[]>
}
