/** Staff of a unit, and how many held a level on every component. */
export interface StaffCount {
  readonly unit: string
  readonly staff: number
  readonly everyComponent: number
}

/** Staff of a unit holding a level of a component. */
export interface LevelCount {
  readonly unit: string
  readonly componentId: string
  readonly level: string
  readonly count: number
}

export interface TallyQuery {
  /** The table reported (TT18.PT): staff are the people assessed against it. */
  readonly audience: string
  /** The tenant's default table, for people who chose none. */
  readonly defaultAudience: string
  readonly componentIds: readonly string[]
  /** Levels as held at this instant (from the level history). */
  readonly at: Date
  /** Only this unit (school); all units when left out. */
  readonly unit?: string
}

/** A school of a district as its counts need it: the tenant and its default table. */
export interface ReportSchool {
  readonly tenantId: string
  readonly defaultAudience: string
}

/** A part of a node's report: its name, its schools, and whether its roster units show. */
export interface TallyPart {
  readonly unit: string
  readonly schools: readonly ReportSchool[]
  readonly byUnit: boolean
}

/**
 * Counts for reports, read from people and the level history. Staff are the people on a school's
 * roster (`isStaff` in staff-people.ts), never a sign-in account alone.
 */
export interface ReportStore {
  tallies(
    tenantId: string,
    query: TallyQuery,
  ): Promise<{ staff: StaffCount[]; levels: LevelCount[] }>
  /**
   * The counts of several schools taken together (a district's total, unit ''), each person once:
   * someone on the rosters of two schools (the same email) is counted with the school that had
   * them first (the oldest person record), and with the levels held there.
   */
  districtTallies(
    schools: readonly ReportSchool[],
    query: Omit<TallyQuery, 'defaultAudience' | 'unit'>,
  ): Promise<{ staff: StaffCount[]; levels: LevelCount[] }>
  /**
   * The counts of a node's parts in one statement: each part's schools taken together (each
   * person once within a part, as districtTallies), as the part's unit; with `byUnit`, a part's
   * people of a roster unit as `<part> — <unit>`.
   */
  partTallies(
    parts: readonly TallyPart[],
    query: Omit<TallyQuery, 'defaultAudience' | 'unit'>,
  ): Promise<{ staff: StaffCount[]; levels: LevelCount[] }>
  /** How many staff a tenant has per competency table (audience ID), chosen or by default. */
  staffByTable(tenantId: string, defaultAudience: string): Promise<Map<string, number>>
  /** How many staff a tenant has per unit ('' for none), by unit. */
  staffByUnit(tenantId: string): Promise<{ unit: string; staff: number }[]>
  /** The units (schools) people of the tenant belong to, by name. */
  listUnits(tenantId: string): Promise<string[]>
}
