/**
 * A training programme: an LMS course of a school (its tags are those on the course's
 * activities), or a school's tag set (the tags on activities whose IRI, or whose activity
 * prefix, starts with `prefix`: a school without an LMS course, e.g. K12Online).
 */
export type Programme =
  | { readonly tenantId: string; readonly contextId: string }
  | { readonly tenantId: string; readonly prefix: string }

/** A course with tags, as the list of programmes shows it. */
export interface ProgrammeCourse {
  readonly tenantId: string
  readonly contextId: string
  readonly externalId: string
  readonly title?: string
  readonly label?: string
}

/** A course and how many take part in it (evidence from its tags, or a Learner of it). */
export interface ListedCourse extends ProgrammeCourse {
  readonly participants: number
}

/** A programme's component, with the levels that reach the programme's target on it. */
export interface ComponentTarget {
  readonly componentId: string
  readonly reaching: readonly string[]
}

/** The criterion (descriptor ID, or level without descriptors) a tag's competency ID stands for. */
export interface CriterionOf {
  readonly competencyId: string
  readonly criterionId: string
}

export interface EffectQuery {
  readonly programme: Programme
  /** Everything as of this instant: evidence observed before it, levels held at it. */
  readonly until: Date
  readonly targets: readonly ComponentTarget[]
  readonly criteria: readonly CriterionOf[]
}

/** How many participants held `before` and then `after` on a component (not both none). */
export interface LevelTransition {
  readonly componentId: string
  readonly before: string | null
  readonly after: string | null
  readonly count: number
}

/** A programme's raw counts (see src/reports/programme-effect.ts for what they mean). */
export interface ProgrammeCounts {
  readonly participants: number
  readonly started: number
  readonly transitions: readonly LevelTransition[]
  /** Participants holding a reaching level on every component, before their start and after. */
  readonly reachedBefore: number
  readonly reachedAfter: number
  /** Distinct (participant, criterion) pairs newly evidenced through the programme. */
  readonly criteriaNewlyMet: number
}

/** What training programmes changed: their courses, tags, participants and levels. */
export interface ProgrammeStore {
  /** The courses with tags of these schools, by title, a page of them, with the total. */
  listCourses(
    tenantIds: readonly string[],
    page: { readonly limit: number; readonly offset: number },
  ): Promise<{ courses: ListedCourse[]; total: number }>
  /** The course with this id among these schools' (tagged or not), or undefined. */
  findCourse(tenantIds: readonly string[], contextId: string): Promise<ProgrammeCourse | undefined>
  /** The distinct competency IDs the programme's tags name. */
  competencyIds(programme: Programme): Promise<string[]>
  /** The programme's counts, as of `until`. */
  effect(query: EffectQuery): Promise<ProgrammeCounts>
}
