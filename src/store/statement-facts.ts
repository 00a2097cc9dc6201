import { sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import type { FactsFilter, StatementFactsRow } from './statement-store.ts'
import { pgTextArray, prefixPatterns } from './sql-values.ts'

/** Where a cmi5 statement names its session (cmi5 §9.6.3.1), as a path for `#>>`. */
const CMI5_SESSION_PATH =
  '{context,extensions,https://w3id.org/xapi/cmi5/context/extensions/sessionid}'

/**
 * What inference reads of the statements of these people that are not voided and pass the
 * filter, by person (each one's oldest `timestamp` first; people with none left out), in one
 * query: the inference worker reads a whole batch of people at once.
 */
export async function factsOfPeople(
  db: Db,
  tenantId: string,
  personIds: readonly string[],
  { verbs, iris, prefixes }: FactsFilter,
): Promise<Map<string, StatementFactsRow[]>> {
  const found = new Map<string, StatementFactsRow[]>()
  if (personIds.length === 0) return found
  if (verbs.length === 0 || (iris.length === 0 && prefixes.length === 0)) return found
  const rows = await queryRows<{
    person_id: string
    id: string
    verb_id: string
    activity_iri: string | null
    parent_iris: string[]
    attempt: string | null
    timestamp: string | Date
    success: boolean | null
    completion: boolean | null
    score: Record<string, unknown> | null
  }>(
    db,
    // The people's statements through statements_person_idx; then the tree and the prefixes
    // (rare, course-wide) on those rows alone.
    sql`select person_id, id, verb_id, activity_iri, timestamp, success, completion,
          array(select t from unnest(activity_tree) t
            where t is distinct from split_part(activity_iri, '#', 1)) as parent_iris,
          coalesce(statement #>> ${CMI5_SESSION_PATH}, registration::text) as attempt,
          statement->'result'->'score' as score
        from statements
        where tenant_id = ${tenantId}::uuid
          and person_id = any(${pgTextArray([...new Set(personIds)])}::uuid[])
          and voided_by is null and verb_id = any(${pgTextArray(verbs)}::text[])
          and (activity_tree && ${pgTextArray(iris)}::text[]
            or exists (select 1 from unnest(activity_tree) t
              where t like any(${pgTextArray(prefixPatterns(prefixes))}::text[])))
        order by person_id, timestamp, id`,
  )
  for (const r of rows) {
    const facts: StatementFactsRow = {
      id: r.id,
      verbId: r.verb_id,
      ...(r.activity_iri !== null && { activityIri: r.activity_iri }),
      parentIris: r.parent_iris,
      ...(r.attempt !== null && { attempt: r.attempt }),
      timestamp: new Date(r.timestamp),
      ...(r.score !== null && { score: scoreOf(r.score) }),
      ...(r.success !== null && { success: r.success }),
      ...(r.completion !== null && { completion: r.completion }),
    }
    const list = found.get(r.person_id)
    if (list) list.push(facts)
    else found.set(r.person_id, [facts])
  }
  return found
}

/** The numbers of a statement's `result.score`. */
function scoreOf(score: Record<string, unknown>): StatementFactsRow['score'] {
  const pick = (key: string) => (typeof score[key] === 'number' ? { [key]: score[key] } : {})
  return { ...pick('raw'), ...pick('min'), ...pick('max'), ...pick('scaled') }
}
