import type { AudienceEntry, Catalog } from '../../framework/index.ts'

/**
 * The competency tables a person is assessed against: their own (or the roster's) choice and
 * the tables of the courses they learn in, else the school's table (TT18.PT or TT18.MN). A manager
 * has two: the teachers' table and TT18.QL; a pupil in a class course, the learners' TT02.NH. The
 * same rule as `assessedAgainst` (store/staff-people.ts), which counts by it.
 */
export function personTables(
  catalog: Catalog,
  person: { readonly audiences?: readonly string[]; readonly courseAudiences?: readonly string[] },
  schoolAudience: string,
): AudienceEntry[] {
  const found = (ids: readonly string[]) =>
    [...new Set(ids)].flatMap((id) => {
      const entry = catalog.find(id)
      return entry?.kind === 'audience' ? [entry] : []
    })
  const own = found([...(person.audiences ?? []), ...(person.courseAudiences ?? [])])
  if (own.length > 0) return own
  const school = found([schoolAudience])
  return school.length > 0 ? school : catalog.audiences().slice(0, 1)
}

/** A choice of tables: each table alone, and each table a manager's table builds on with it. */
export interface TableChoice {
  /** The audience IDs joined with '+', as a form sends them. */
  readonly value: string
  readonly audiences: readonly AudienceEntry[]
}

/** The choices of tables a person may make, within the frameworks of the school's table. */
export function tableChoices(catalog: Catalog, schoolAudience: string): TableChoice[] {
  const choices: TableChoice[] = []
  const frameworkId = schoolAudience.split('.')[0]
  for (const fw of catalog.frameworks.filter((f) => f.id === frameworkId)) {
    const entries = catalog.audiences(fw.id)
    for (const entry of entries) {
      if (entry.audience.buildsOn.length === 0) {
        choices.push({ value: entry.id, audiences: [entry] })
        continue
      }
      for (const base of entry.audience.buildsOn) {
        const baseEntry = entries.find((e) => e.audience.id === base)
        if (baseEntry) {
          choices.push({ value: `${baseEntry.id}+${entry.id}`, audiences: [baseEntry, entry] })
        }
      }
    }
  }
  return choices
}
