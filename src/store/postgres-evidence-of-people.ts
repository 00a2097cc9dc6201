import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { orNotFound } from './or-not-found.ts'
import type { Evidence, EvidenceChange } from './progress-store.ts'
import { queryRows } from './query-rows.ts'
import { pgTextArray } from './sql-values.ts'

/**
 * The evidence of the people a condition picks (on `evidence`, e.g. a person range), by person
 * (people with none left out), in one query. Millions of rows are read this way: PostgreSQL
 * packs each person's evidence as one JSON array (parsed natively here, far cheaper than a row
 * per piece), a statement once with the competencies it evidences through a tag (a statement
 * evidences several: its text and time are sent and parsed once), times as epoch ms.
 */
export async function packedEvidence(
  db: Db,
  tenantId: string,
  people: SQL,
): Promise<Map<string, Evidence[]>> {
  const rows = await queryRows<{ person_id: string; evidence: string }>(
    db,
    sql`select person_id, json_agg(json_build_array(statement_id, tag_id, at, competencies))::text
          as evidence
        from (select person_id, statement_id, tag_id, (extract(epoch from observed_at) * 1000)::float8 as at,
                json_agg(competency_id) as competencies
              from evidence
              where tenant_id = ${tenantId}::uuid and ${people}
              group by person_id, statement_id, tag_id, observed_at) s
        group by person_id`,
  )
  const found = new Map<string, Evidence[]>()
  for (const r of rows) {
    const evidence: Evidence[] = []
    const packed = JSON.parse(r.evidence) as [string, string, number, string[]][]
    for (const [statementId, tagId, at, competencies] of packed) {
      // One Date for the statement's pieces (evidence is read-only).
      const observedAt = new Date(at)
      for (const competencyId of competencies) {
        evidence.push({ competencyId, statementId, tagId, observedAt })
      }
    }
    found.set(r.person_id, evidence)
  }
  return found
}

/** The evidence of these people, by person (people with none left out), in one query. */
export async function evidenceOfPeople(
  db: Db,
  tenantId: string,
  personIds: readonly string[],
): Promise<Map<string, Evidence[]>> {
  if (personIds.length === 0) return new Map()
  return packedEvidence(
    db,
    tenantId,
    sql`person_id = any(${pgTextArray([...new Set(personIds)])}::uuid[])`,
  )
}

/**
 * Removes and adds evidence of many people in one statement (a piece kept already is not added
 * twice); how many rows each person got and lost (people with neither left out).
 */
export async function changeEvidence(
  db: Db,
  tenantId: string,
  change: EvidenceChange,
): Promise<Map<string, { added: number; removed: number }>> {
  const counts = new Map<string, { added: number; removed: number }>()
  const { added, removed } = change
  if (added.length === 0 && removed.length === 0) return counts
  // Each list as parallel arrays, one parameter each; a part with nothing to do is left out (a
  // join with an empty list could still be planned as a scan of the table).
  const keys = (list: EvidenceChange['added']) => sql`unnest(
    ${pgTextArray(list.map((e) => e.personId))}::uuid[],
    ${pgTextArray(list.map((e) => e.competencyId))}::text[],
    ${pgTextArray(list.map((e) => e.statementId))}::uuid[],
    ${pgTextArray(list.map((e) => e.tagId))}::uuid[],
    ${pgTextArray(list.map((e) => e.observedAt.toISOString()))}::timestamptz[])
    as r(person_id, competency_id, statement_id, tag_id, observed_at)`
  const deleted =
    removed.length === 0
      ? sql`select null::uuid as person_id where false`
      : sql`delete from evidence e using ${keys(removed)}
          where e.tenant_id = ${tenantId}::uuid and e.person_id = r.person_id
            and e.competency_id = r.competency_id and e.statement_id = r.statement_id
            and e.tag_id = r.tag_id
          returning e.person_id`
  const inserted =
    added.length === 0
      ? sql`select null::uuid as person_id where false`
      : sql`insert into evidence (tenant_id, person_id, competency_id, statement_id, tag_id,
            observed_at)
          select ${tenantId}::uuid, r.person_id, r.competency_id, r.statement_id, r.tag_id,
            r.observed_at
          from ${keys(added)}
          on conflict (tenant_id, person_id, competency_id, statement_id, tag_id) do nothing
          returning person_id`
  const rows = await orNotFound(
    'a person, or a tag or statement of the evidence,',
    queryRows<{ person_id: string; added: number; removed: number }>(
      db,
      sql`with removed as (${deleted}), added as (${inserted})
          select person_id, count(*) filter (where added)::int as added,
            count(*) filter (where not added)::int as removed
          from (select person_id, true as added from added
                union all select person_id, false from removed) c
          group by person_id`,
    ),
  )
  for (const r of rows) counts.set(r.person_id, { added: r.added, removed: r.removed })
  return counts
}
