import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { excluded } from './excluded.ts'
import { queryRows } from './query-rows.ts'
import type { ComponentLevel, Evidence, ProgressStore, SelfAssessment } from './progress-store.ts'
import { componentLevels, evidence, selfAssessments } from './schema/index.ts'
import { countReviewQueue, reviewQueue } from './postgres-review-queue.ts'
import { orNotFound } from './or-not-found.ts'
import { personTargets, setPersonTargets } from './postgres-person-targets.ts'
import { changeEvidence, evidenceOfPeople, packedEvidence } from './postgres-evidence-of-people.ts'
import { pgTextArray } from './sql-values.ts'

type EvidenceRow = typeof evidence.$inferSelect
type ComponentLevelRow = typeof componentLevels.$inferSelect
type SelfAssessmentRow = typeof selfAssessments.$inferSelect

// Rows per INSERT: 6 bind parameters each, under PostgreSQL's 65,535 per query.
const EVIDENCE_PER_INSERT = 5_000

// IDs sort by their bytes, whatever the database's collation.
const byteOrder = (column: typeof componentLevels.componentId | typeof evidence.competencyId) =>
  asc(sql`${column} collate "C"`)

/** The progress store on PostgreSQL. */
export function postgresProgressStore(db: Db): ProgressStore {
  return {
    async insertEvidence(tenantId, personId, input) {
      let inserted = 0
      for (let start = 0; start < input.length; start += EVIDENCE_PER_INSERT) {
        const rows = await orNotFound(
          `person ${personId}, or a tag or statement of the evidence,`,
          db
            .insert(evidence)
            .values(
              input.slice(start, start + EVIDENCE_PER_INSERT).map((e) => ({
                tenantId,
                personId,
                competencyId: e.competencyId,
                statementId: e.statementId,
                tagId: e.tagId,
                observedAt: e.observedAt,
              })),
            )
            .onConflictDoNothing({
              target: [
                evidence.tenantId,
                evidence.personId,
                evidence.competencyId,
                evidence.statementId,
                evidence.tagId,
              ],
            })
            .returning({ id: evidence.id }),
        )
        inserted += rows.length
      }
      return inserted
    },

    async replaceEvidence(tenantId, personId, input) {
      const batch = JSON.stringify(
        input.map((e) => ({
          competency_id: e.competencyId,
          statement_id: e.statementId,
          tag_id: e.tagId,
          observed_at: e.observedAt.toISOString(),
        })),
      )
      // One statement: what is gone is deleted and what is new inserted against one snapshot.
      const [counts] = await orNotFound(
        `person ${personId}, or a tag or statement of the evidence,`,
        queryRows<{ added: number; removed: number }>(
          db,
          sql`with input as (
                select * from jsonb_to_recordset(${batch}::jsonb)
                  as r(competency_id text, statement_id uuid, tag_id uuid, observed_at timestamptz)
              ),
              removed as (
                delete from evidence e
                where e.tenant_id = ${tenantId}::uuid and e.person_id = ${personId}::uuid
                  and not exists (select 1 from input i where i.competency_id = e.competency_id
                    and i.statement_id = e.statement_id and i.tag_id = e.tag_id)
                returning 1
              ),
              added as (
                insert into evidence (tenant_id, person_id, competency_id, statement_id, tag_id,
                  observed_at)
                select ${tenantId}::uuid, ${personId}::uuid, competency_id, statement_id, tag_id,
                  observed_at
                from input
                on conflict (tenant_id, person_id, competency_id, statement_id, tag_id) do nothing
                returning 1
              )
              select (select count(*) from added)::int as added,
                (select count(*) from removed)::int as removed`,
        ),
      )
      return counts!
    },

    findEvidenceInRange: (tenantId, { after, last }) =>
      packedEvidence(
        db,
        tenantId,
        sql`person_id <= ${last}::uuid
          ${after === undefined ? sql`` : sql`and person_id > ${after}::uuid`}`,
      ),

    findEvidenceOfPeople: (tenantId, personIds) => evidenceOfPeople(db, tenantId, personIds),
    changeEvidence: (tenantId, change) => changeEvidence(db, tenantId, change),

    async saveLevelsOfPeople(tenantId, levels) {
      const records = [...levels].flatMap(([personId, list]) =>
        [...new Map(list.map((l) => [l.componentId, l])).values()].map((l) => ({ personId, l })),
      )
      if (records.length === 0) return 0
      // A column per parameter, as arrays: far cheaper for PostgreSQL to read than a JSON list
      // of records when a recompute saves tens of thousands of levels at once.
      const column = (value: (r: (typeof records)[number]) => string | null) =>
        pgTextArray(records.map(value))
      await orNotFound(
        'a person of the levels',
        db.execute(
          sql`insert into component_levels (tenant_id, person_id, component_id, level,
                inferred_level, evidence_count, change_seq, framework_version, reasons)
              select ${tenantId}::uuid, r.*
              from unnest(${column((r) => r.personId)}::uuid[],
                ${column((r) => r.l.componentId)}::text[], ${column((r) => r.l.level)}::text[],
                ${column((r) => r.l.inferredLevel)}::text[],
                ${column((r) => String(r.l.evidenceCount))}::int[],
                ${column((r) => String(r.l.changeSeq))}::int[],
                ${column((r) => r.l.frameworkVersion)}::text[],
                ${column((r) => JSON.stringify(r.l.reasons ?? []))}::jsonb[]) as r
              on conflict (tenant_id, person_id, component_id) do update set
                level = excluded.level, inferred_level = excluded.inferred_level,
                evidence_count = excluded.evidence_count, change_seq = excluded.change_seq,
                framework_version = excluded.framework_version, reasons = excluded.reasons,
                updated_at = now()`,
        ),
      )
      return records.length
    },

    async findLevelsInRange(tenantId, { after, last }) {
      // As findEvidenceInRange: one row per person, the levels packed as JSON.
      const rows = await queryRows<{ person_id: string; levels: string }>(
        db,
        sql`select person_id, json_agg(json_build_array(component_id, level, inferred_level,
                evidence_count, change_seq, framework_version, reasons,
                (extract(epoch from updated_at) * 1000)::float8))::text as levels
            from component_levels
            where tenant_id = ${tenantId}::uuid and person_id <= ${last}::uuid
              ${after === undefined ? sql`` : sql`and person_id > ${after}::uuid`}
            group by person_id`,
      )
      const found = new Map<string, ComponentLevel[]>()
      for (const r of rows) {
        const packed = JSON.parse(r.levels) as [
          string,
          string | null,
          string | null,
          number,
          number,
          string,
          unknown,
          number,
        ][]
        found.set(
          r.person_id,
          packed.map(
            ([
              componentId,
              level,
              inferredLevel,
              evidenceCount,
              changeSeq,
              frameworkVersion,
              reasons,
              at,
            ]) => ({
              personId: r.person_id,
              componentId,
              level,
              inferredLevel,
              evidenceCount,
              changeSeq,
              frameworkVersion,
              reasons,
              updatedAt: new Date(at),
            }),
          ),
        )
      }
      return found
    },

    async findEvidence(tenantId, personId) {
      const rows = await db
        .select()
        .from(evidence)
        .where(and(eq(evidence.tenantId, tenantId), eq(evidence.personId, personId)))
        .orderBy(asc(evidence.observedAt), byteOrder(evidence.competencyId), asc(evidence.id))
      return rows.map(evidenceRowToEvidence)
    },

    async saveLevels(tenantId, personId, levels) {
      // One row per component: ON CONFLICT DO UPDATE cannot touch a row twice in one statement.
      const byComponent = new Map(levels.map((l) => [l.componentId, l]))
      if (byComponent.size === 0) return
      await orNotFound(
        `person ${personId}`,
        db
          .insert(componentLevels)
          .values(
            [...byComponent.values()].map((l) => ({
              tenantId,
              personId,
              componentId: l.componentId,
              level: l.level,
              inferredLevel: l.inferredLevel,
              evidenceCount: l.evidenceCount,
              changeSeq: l.changeSeq,
              frameworkVersion: l.frameworkVersion,
              reasons: l.reasons,
            })),
          )
          .onConflictDoUpdate({
            target: [
              componentLevels.tenantId,
              componentLevels.personId,
              componentLevels.componentId,
            ],
            set: {
              level: excluded(componentLevels.level),
              inferredLevel: excluded(componentLevels.inferredLevel),
              evidenceCount: excluded(componentLevels.evidenceCount),
              changeSeq: excluded(componentLevels.changeSeq),
              frameworkVersion: excluded(componentLevels.frameworkVersion),
              reasons: excluded(componentLevels.reasons),
              updatedAt: sql`now()`,
            },
          }),
      )
    },

    async findLevels(tenantId, personId) {
      const rows = await db
        .select()
        .from(componentLevels)
        .where(and(eq(componentLevels.tenantId, tenantId), eq(componentLevels.personId, personId)))
        .orderBy(byteOrder(componentLevels.componentId))
      return rows.map(componentLevelRowToLevel)
    },

    async findLevelsOfPeople(tenantId, personIds) {
      const byPerson = new Map<string, ComponentLevel[]>()
      if (personIds.length === 0) return byPerson
      const rows = await db
        .select()
        .from(componentLevels)
        .where(
          and(
            eq(componentLevels.tenantId, tenantId),
            inArray(componentLevels.personId, [...personIds]),
          ),
        )
        .orderBy(componentLevels.personId, byteOrder(componentLevels.componentId))
      for (const row of rows) {
        const list = byPerson.get(row.personId) ?? []
        list.push(componentLevelRowToLevel(row))
        byPerson.set(row.personId, list)
      }
      return byPerson
    },

    reviewQueue: (tenantId, options) => reviewQueue(db, tenantId, options),
    countReviewQueue: (tenantId, personIds) => countReviewQueue(db, tenantId, personIds),

    async findLevelsForComponent(tenantId, componentId) {
      const rows = await db
        .select()
        .from(componentLevels)
        .where(
          and(eq(componentLevels.tenantId, tenantId), eq(componentLevels.componentId, componentId)),
        )
        .orderBy(asc(componentLevels.personId))
      return rows.map(componentLevelRowToLevel)
    },

    async addSelfAssessment(tenantId, personId, answer) {
      const { componentId, level, criteria, note, assessedAt } = answer
      const [row] = await orNotFound(
        `person ${personId}`,
        db
          .insert(selfAssessments)
          .values({
            tenantId,
            personId,
            componentId,
            level,
            criteria: criteria && [...criteria],
            note,
            assessedAt,
          })
          .returning(),
      )
      return selfAssessmentRowToSelfAssessment(row!)
    },

    async latestSelfAssessments(tenantId, personId) {
      const rows = await db
        .selectDistinctOn([selfAssessments.componentId])
        .from(selfAssessments)
        .where(and(eq(selfAssessments.tenantId, tenantId), eq(selfAssessments.personId, personId)))
        .orderBy(
          selfAssessments.componentId,
          desc(selfAssessments.assessedAt),
          desc(selfAssessments.id),
        )
      return rows
        .map(selfAssessmentRowToSelfAssessment)
        .sort((a, b) =>
          a.componentId < b.componentId ? -1 : a.componentId > b.componentId ? 1 : 0,
        )
    },

    personTargets: (tenantId, personId) => personTargets(db, tenantId, personId),
    setPersonTargets: (tenantId, personId, targets) =>
      setPersonTargets(db, tenantId, personId, targets),
  }
}

function evidenceRowToEvidence(row: EvidenceRow): Evidence {
  return {
    competencyId: row.competencyId,
    statementId: row.statementId,
    tagId: row.tagId,
    observedAt: row.observedAt,
  }
}

function componentLevelRowToLevel(row: ComponentLevelRow): ComponentLevel {
  return {
    personId: row.personId,
    componentId: row.componentId,
    level: row.level,
    inferredLevel: row.inferredLevel,
    evidenceCount: row.evidenceCount,
    changeSeq: row.changeSeq,
    frameworkVersion: row.frameworkVersion,
    reasons: row.reasons,
    updatedAt: row.updatedAt,
  }
}

function selfAssessmentRowToSelfAssessment(row: SelfAssessmentRow): SelfAssessment {
  return {
    id: row.id,
    personId: row.personId,
    componentId: row.componentId,
    level: row.level,
    ...(row.criteria && { criteria: row.criteria }),
    note: row.note ?? undefined,
    assessedAt: row.assessedAt,
  }
}
