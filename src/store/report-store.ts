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

/** Counts for reports, read from people and the level history. */
export interface ReportStore {
  tallies(
    tenantId: string,
    query: TallyQuery,
  ): Promise<{ staff: StaffCount[]; levels: LevelCount[] }>
  /** How many people a tenant has per unit ('' for none), by unit. */
  staffByUnit(tenantId: string): Promise<{ unit: string; staff: number }[]>
  /** The units (schools) people of the tenant belong to, by name. */
  listUnits(tenantId: string): Promise<string[]>
}
