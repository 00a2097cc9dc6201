import type { TargetGroup } from '../plans/plan.ts'

/** One target of a plan asked of a node's schools, at an instant. */
export interface TargetQuery {
  /** The node's parts (the nodes directly under it), each with the schools it adds up. */
  readonly parts: readonly { readonly partId: string; readonly tenantIds: readonly string[] }[]
  /** Every school of the node (its total). */
  readonly tenantIds: readonly string[]
  readonly group: TargetGroup
  /**
   * Per entry the target names (a component, or for exposure a domain), the component IDs that
   * satisfy it (any one of them); every entry must be met.
   */
  readonly components: readonly (readonly string[])[]
  /** The level codes that meet the target (its minimum level and those above). */
  readonly accepted: readonly string[]
  /**
   * Attainment (left out): a level held at `at`. Exposure: evidence (a statement matched by a
   * tag) of the component at an accepted level, observed from `since` until `at`.
   */
  readonly exposure?: { readonly since: Date }
  /** Levels held at this instant count, and people known before it. */
  readonly at: Date
}

/** A group's size and how many of it meet a target. */
export interface GroupFigure {
  readonly group: number
  readonly met: number
}

/** A target's figures: per part (parts with nobody in the group are left out) and in total. */
export interface TargetFigures {
  readonly parts: readonly (GroupFigure & { readonly partId: string })[]
  readonly total: GroupFigure
}

/** A person of a target's group who does not meet it. */
export interface MissingPerson {
  readonly personId: string
  readonly tenantId: string
  /** The school's name. */
  readonly school: string
  readonly name: string | undefined
  readonly email: string | undefined
  readonly position: string | undefined
  readonly schoolLevel: string | undefined
  readonly unit: string | undefined
}

/** A page of the people still missing, and how many there are in all. */
export interface MissingPage {
  readonly count: number
  readonly people: readonly MissingPerson[]
}

/**
 * Plan targets against the people of a node's schools. A person on the rosters of several
 * schools (one email) counts once in a part and once in the total: as the record of the school
 * that had them first.
 */
export interface TargetStore {
  /** The group's size and those meeting the target, per part and in total, in one query. */
  figures(query: TargetQuery): Promise<TargetFigures>
  /**
   * The people of the group who do not meet the target, of one part (or of the whole node),
   * ordered by school then name, a page at a time.
   */
  missing(
    query: TargetQuery,
    page: { readonly partId?: string; readonly limit: number; readonly offset: number },
  ): Promise<MissingPage>
  /** How many staff of these schools have no position (and so are in no staff group). */
  withoutPosition(tenantIds: readonly string[]): Promise<number>
}
