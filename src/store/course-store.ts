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
  readonly createdAt: Date
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
  readonly iri?: string
  readonly resourceLinkId?: string
  readonly name?: string
  readonly type?: string
}

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
   * context or none, newest first.
   */
  listActivities(tenantId: string, contextId?: string): Promise<Activity[]>
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
  /** A person's roles in a course; undefined when they never launched there. */
  getMemberRoles(
    tenantId: string,
    contextId: string,
    personId: string,
  ): Promise<string[] | undefined>
}
