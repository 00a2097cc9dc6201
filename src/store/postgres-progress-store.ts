import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import { excluded } from './excluded.ts'
import type { ComponentLevel, Evidence, ProgressStore, SelfAssessment } from './progress-store.ts'
import { componentLevels, evidence, selfAssessments } from './schema/index.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'

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

    async addSelfAssessment(tenantId, personId, { componentId, level, note, assessedAt }) {
      const [row] = await orNotFound(
        `person ${personId}`,
        db
          .insert(selfAssessments)
          .values({ tenantId, personId, componentId, level, note, assessedAt })
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
  }
}

/** Runs a write; a missing row it refers to (`what`) becomes StoreNotFound. */
async function orNotFound<T>(what: string, write: PromiseLike<T>): Promise<T> {
  try {
    return await write
  } catch (err) {
    if (sqlState(err) !== SQLSTATE.foreignKeyViolation) throw err
    throw new StoreNotFound(`${what} does not exist`, { cause: err })
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
    note: row.note ?? undefined,
    assessedAt: row.assessedAt,
  }
}
