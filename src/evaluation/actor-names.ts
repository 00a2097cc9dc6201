import type { PeopleStore } from '../store/index.ts'
import { isUuid } from '../store/is-uuid.ts'

/** The people whose decisions are recorded as `person:<id>` (a trainer's verdict, a tag). */
const PERSON = 'person:'

/**
 * The name to show for each actor of recorded decisions: a person's name for `person:<id>`, read
 * for all of them in one query; the actor itself where no name is known (a person the LMS did not
 * share a name of, an admin token, the command line).
 */
export async function actorNames(
  people: Pick<PeopleStore, 'getPeople'>,
  tenantId: string,
  actors: Iterable<string>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const actor of actors) names.set(actor, actor)
  const ids = [...names.keys()]
    .filter((a) => a.startsWith(PERSON))
    .map((a) => a.slice(PERSON.length))
    .filter(isUuid)
  if (ids.length === 0) return names
  for (const person of await people.getPeople(tenantId, ids)) {
    const joined = [person.familyName, person.givenName].filter(Boolean).join(' ')
    const name = person.name ?? (joined || undefined)
    if (name !== undefined) names.set(`${PERSON}${person.id}`, name)
  }
  return names
}
