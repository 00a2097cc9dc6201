/** A course of a tenant: an LTI context (LTI 1.3 Core §5.4.1, the `context` claim). */
export interface Context {
  readonly tenantId: string
  readonly id: string
  /** The LTI `deployment_id` the context was seen under; '' when it did not come from LTI. */
  readonly deploymentId: string
  /** The LMS's own id of the context (the claim's `id`, Moodle's course id). */
  readonly externalId: string
  readonly title?: string
  readonly label?: string
  /** The platform and its AGS line items container for the course, once a launch shared them. */
  readonly platformId?: string
  readonly lineItemsUrl?: string
  /** The course's NRPS membership service, once a launch shared it. */
  readonly membershipsUrl?: string
  /** When the roster was last read from the LMS. */
  readonly rosterSyncedAt?: Date
  /** The competency table the course develops (TT02.NH, TT18.PT); absent: the school's default. */
  readonly audience?: string
  /** The grade (khối) of a pupils' class. */
  readonly grade?: number
  readonly createdAt: Date
}

/** What a trainer sets of a course: its table and, for a pupils' class, its grade. */
export interface CourseTable {
  /** An audience ID (TT02.NH); null: the school's default table. */
  readonly audience: string | null
  /** Khối, 1–12; null: none (the roster's grades stand alone). */
  readonly grade: number | null
}

/** A member of a course and their roles there. */
export interface Member {
  readonly personId: string
  readonly roles: readonly string[]
}

/** A context as an LMS describes it; a title or label left out keeps the stored one. */
export interface ContextInput {
  readonly deploymentId: string
  readonly externalId: string
  readonly title?: string
  readonly label?: string
}

/** Something learners do: an xAPI activity (by IRI) and, when launched by LTI, its resource link. */
export interface Activity {
  readonly tenantId: string
  readonly id: string
  readonly contextId?: string
  /** The xAPI Activity id (xAPI 1.0.3 §4.1.4.1), e.g. https://lms.example/mod/quiz/view.php?id=12. */
  readonly iri?: string
  /** The LTI `resource_link.id` (LTI 1.3 Core §5.3.5). */
  readonly resourceLinkId?: string
  readonly name?: string
  /** The xAPI activity type IRI. */
  readonly type?: string
  /** The LTI platform and AGS line item where this link's scores go, when it has one. */
  readonly platformId?: string
  readonly lineItemUrl?: string
  readonly createdAt: Date
}

/**
 * An activity as seen in a launch or a statement. It is keyed by `iri` when given, else by
 * `resourceLinkId`; one of them is required. A key given fills a missing one but never replaces
 * a stored one; other fields left out keep the stored ones.
 */
export interface ActivityInput {
  readonly contextId?: string
  /**
   * `contextId` only fills a missing context: an activity already in a course stays there (a tag
   * made on a course page). By default a context given replaces the stored one (a launch says
   * where the link is now).
   */
  readonly keepContext?: boolean
  readonly iri?: string
  readonly resourceLinkId?: string
  readonly name?: string
  readonly type?: string
}

/** The IRI prefix of the NLS activities Deep Linking makes: `urn:nls:link:<link key>`. */
export const LINK_ACTIVITY_IRI_PREFIX = 'urn:nls:link:'

/**
 * How long an activity Deep Linking made is listed before a launch binds it: the teacher may
 * still be saving the link in the LMS. After that it is not listed as placed (a Cancel in Moodle
 * leaves it behind), until its first launch.
 */
export const UNPLACED_LINK_LISTED_MS = 24 * 3_600_000

/** After this an activity Deep Linking made that no launch bound is removed with its tags. */
export const UNPLACED_LINK_KEPT_MS = 7 * 24 * 3_600_000

/** Courses (contexts) and their activities. */
export interface CourseStore {
  /** The context with this deployment and external id, created or updated. */
  upsertContext(tenantId: string, context: ContextInput): Promise<Context>
  /**
   * The activity with this IRI (or resource link), created or updated; throws TypeError without
   * either key, StoreNotFound for an unknown context and StoreConflict when the IRI and the
   * resource link belong to two different activities.
   */
  upsertActivity(tenantId: string, activity: ActivityInput): Promise<Activity>
  /** The activity with this xAPI Activity id, or undefined. */
  findActivityByIri(tenantId: string, iri: string): Promise<Activity | undefined>
  /** The activity with this id, or undefined. */
  getActivity(tenantId: string, activityId: string): Promise<Activity | undefined>
  /**
   * The activities of a context, oldest first; without a context, the tenant's latest 500 of any
   * context or none, newest first. Placed activities only: one Deep Linking made that no launch
   * has bound is left out once UNPLACED_LINK_LISTED_MS have passed (by the database's clock,
   * which stamped it).
   */
  listActivities(tenantId: string, contextId?: string): Promise<Activity[]>
  /**
   * Of every tenant, up to `limit` activities Deep Linking made before `madeBefore` that no launch
   * has bound, oldest first, locked for the caller's transaction (others skip them).
   */
  listUnplacedLinks(madeBefore: Date, limit: number): Promise<Activity[]>
  /** Removes activities of a tenant, and with them their tags (and the tags' evidence). */
  removeActivities(tenantId: string, activityIds: readonly string[]): Promise<number>
  /** The context with this id, or undefined. */
  getContext(tenantId: string, contextId: string): Promise<Context | undefined>
  /** Records the course's AGS line items container (from a launch's AGS claim). */
  setLineItems(
    tenantId: string,
    contextId: string,
    gradebook: { readonly platformId: string; readonly lineItemsUrl: string },
  ): Promise<void>
  /** Records the course's NRPS membership service (from a launch's NRPS claim). */
  setMemberships(
    tenantId: string,
    contextId: string,
    service: { readonly platformId: string; readonly membershipsUrl: string },
  ): Promise<void>
  /** After reading the roster: the course's members are those kept, read at `at`. */
  setRoster(
    tenantId: string,
    contextId: string,
    keptPersonIds: readonly string[],
    at: Date,
  ): Promise<void>
  /** The members of a course with their roles. */
  listMembers(tenantId: string, contextId: string): Promise<Member[]>
  /** Records where an activity's scores go (from a launch's AGS claim). */
  setLineItem(
    tenantId: string,
    activityId: string,
    gradebook: { readonly platformId: string; readonly lineItemUrl: string },
  ): Promise<void>
  /** Activities with a line item, by id (those whose tags may be graded). */
  listGradedActivities(tenantId: string): Promise<Activity[]>
  /** A person's roles in a course, as their latest launch there said (replacing earlier ones). */
  setMemberRoles(
    tenantId: string,
    contextId: string,
    personId: string,
    roles: readonly string[],
  ): Promise<void>
  /**
   * The roles of many members of a course at once (its NRPS roster), each as setMemberRoles sets
   * one's, in one statement; their course facts follow once for all. A person given twice keeps
   * the roles given last.
   */
  setMembersRoles(tenantId: string, contextId: string, members: readonly Member[]): Promise<void>
  /**
   * Sets a course's table and grade; its members' tables and grade follow (store/course-facts.ts).
   * Throws StoreNotFound when there is no such course.
   */
  setCourseTable(tenantId: string, contextId: string, table: CourseTable): Promise<Context>
  /** A person's roles in a course; undefined when they never launched there. */
  getMemberRoles(
    tenantId: string,
    contextId: string,
    personId: string,
  ): Promise<string[] | undefined>
  /** A person's roles in each of these courses they launched in, by course id, in one query. */
  listMemberRoles(
    tenantId: string,
    contextIds: readonly string[],
    personId: string,
  ): Promise<Map<string, string[]>>
  /** The courses a person learns in (store/staff-people.ts `learnsIn`), oldest first. */
  listLearnerCourses(tenantId: string, personId: string): Promise<Context[]>
}
