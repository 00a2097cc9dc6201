/** Whose pupils a class view lists. */
export type PupilGroup =
  /** The learners of a course (a class course, TT02.NH). */
  | { readonly kind: 'course'; readonly contextId: string }
  /**
   * The school's people assessed against a learners' table (`assessedAgainst`), of one class
   * when given (the roster's class, else the class course's).
   */
  | {
      readonly kind: 'table'
      readonly audience: string
      /** The school's default table, for people with no table of their own. */
      readonly defaultAudience: string
      readonly className?: string
    }

/** Whose people the staff heat-map lists. */
export type StaffGroup =
  /** The learners of a course (`learnsIn`). */
  | { readonly kind: 'course'; readonly contextId: string }
  /** The school's staff (`isStaff`), of one unit of its roster when given. */
  | { readonly kind: 'staff'; readonly unit?: string }

/** A pupil of a class view (or a person of the staff heat-map), with their levels on one table. */
export interface ClassPupil {
  readonly personId: string
  readonly name?: string
  readonly givenName?: string
  readonly familyName?: string
  readonly email?: string
  /** Mã học sinh, from the roster. */
  readonly pupilCode?: string
  /** The effective grade (khối): the roster's, else the class course's. */
  readonly grade?: number
  /** The effective class (lớp): the roster's, else the class course's. */
  readonly className?: string
  /** Level code by component ID of the table asked for (absent: no level). */
  readonly levels: ReadonlyMap<string, string | null>
}

/** A page of a class: how many pupils in all, and those of the page. */
export interface PupilPage {
  readonly total: number
  readonly pupils: readonly ClassPupil[]
}

/** Pupils by class, and the staff heat-map's people, paged in the database. */
export interface ClassStore {
  /**
   * The pupils of `group` from `offset` (at most `limit`), by class, name and id, each with their
   * levels on the components whose ID starts with `table` (TT02.NH).
   */
  listPupils(
    tenantId: string,
    group: PupilGroup,
    page: { readonly table: string; readonly limit: number; readonly offset: number },
  ): Promise<PupilPage>
  /**
   * The people of the staff heat-map from `offset` (at most `limit`), by name (in Vietnamese
   * order where the database has that collation) and id, each with their levels on the
   * components whose ID starts with `table`.
   */
  listStaff(
    tenantId: string,
    group: StaffGroup,
    page: { readonly table: string; readonly limit: number; readonly offset: number },
  ): Promise<PupilPage>
  /** The classes of the school's people assessed against `audience`, in order. */
  listClasses(tenantId: string, audience: string, defaultAudience: string): Promise<string[]>
}
