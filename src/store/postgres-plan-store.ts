import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from './database.ts'
import { isUuid } from './is-uuid.ts'
import type { FiledReport, FiledReportSummary, PlanStore, StoredPlan } from './plan-store.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { filedReports, plans } from './schema/index.ts'

/** Plans and filed reports in PostgreSQL. */
export function postgresPlanStore(db: Db): PlanStore {
  return {
    savePlan: (tenantId, plan, actor) =>
      db.transaction(async (tx) => {
        const [before] = await tx
          .select({ id: plans.id })
          .from(plans)
          .where(and(eq(plans.tenantId, tenantId), eq(plans.code, plan.code)))
        const values = { ...plan, importedBy: actor, importedAt: new Date() }
        const [row] = await tx
          .insert(plans)
          .values({ tenantId, ...values })
          .onConflictDoUpdate({ target: [plans.tenantId, plans.code], set: values })
          .returning()
        await insertAuditEntry(tx, {
          tenantId,
          actor,
          action: before ? 'plan.replace' : 'plan.import',
          subject: `plan:${row!.id}`,
          details: { code: plan.code, name: plan.name },
        })
        return { plan: planOf(row!), replaced: before !== undefined }
      }),

    async listPlans(tenantIds) {
      if (tenantIds.length === 0) return []
      const rows = await db
        .select()
        .from(plans)
        .where(inArray(plans.tenantId, [...tenantIds]))
        .orderBy(asc(plans.code), asc(plans.id))
      return rows.map(planOf)
    },

    async getPlan(tenantIds, id) {
      if (tenantIds.length === 0 || !isUuid(id)) return undefined
      const [row] = await db
        .select()
        .from(plans)
        .where(and(inArray(plans.tenantId, [...tenantIds]), eq(plans.id, id)))
      return row && planOf(row)
    },

    deletePlan: (tenantId, id, actor) =>
      db.transaction(async (tx) => {
        if (!isUuid(id)) return false
        const [row] = await tx
          .delete(plans)
          .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)))
          .returning({ code: plans.code })
        if (!row) return false
        await insertAuditEntry(tx, {
          tenantId,
          actor,
          action: 'plan.delete',
          subject: `plan:${id}`,
          details: { code: row.code },
        })
        return true
      }),

    fileReport: (report) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(filedReports)
          .values({
            tenantId: report.tenantId,
            planCode: report.planCode ?? null,
            period: report.period,
            filedBy: report.filedBy,
            filedByName: report.filedByName ?? null,
            filedAt: report.filedAt,
            rule: report.rule,
            snapshot: report.snapshot,
            csv: report.csv,
            xlsx: report.xlsx.toString('base64'),
          })
          .returning()
        await insertAuditEntry(tx, {
          tenantId: report.tenantId,
          actor: report.filedBy,
          action: 'report.file',
          subject: `filed-report:${row!.id}`,
          details: { period: report.period, plan: report.planCode ?? null },
        })
        return summaryOf(row!)
      }),

    async listFiled(tenantId, limit) {
      const rows = await db
        .select({
          tenantId: filedReports.tenantId,
          id: filedReports.id,
          planCode: filedReports.planCode,
          period: filedReports.period,
          filedBy: filedReports.filedBy,
          filedByName: filedReports.filedByName,
          filedAt: filedReports.filedAt,
          rule: filedReports.rule,
        })
        .from(filedReports)
        .where(eq(filedReports.tenantId, tenantId))
        .orderBy(desc(filedReports.filedAt), desc(filedReports.id))
        .limit(limit)
      return rows.map(summaryOf)
    },

    async getFiled(tenantId, id): Promise<FiledReport | undefined> {
      if (!isUuid(id)) return undefined
      const [row] = await db
        .select()
        .from(filedReports)
        .where(and(eq(filedReports.tenantId, tenantId), eq(filedReports.id, id)))
      if (!row) return undefined
      return {
        ...summaryOf(row),
        snapshot: row.snapshot,
        csv: row.csv,
        xlsx: Buffer.from(row.xlsx, 'base64'),
      }
    },
  }
}

function planOf(row: typeof plans.$inferSelect): StoredPlan {
  return {
    tenantId: row.tenantId,
    id: row.id,
    code: row.code,
    name: row.name,
    document: row.document,
    importedBy: row.importedBy,
    importedAt: row.importedAt,
  }
}

function summaryOf(
  row: Pick<
    typeof filedReports.$inferSelect,
    'tenantId' | 'id' | 'planCode' | 'period' | 'filedBy' | 'filedByName' | 'filedAt' | 'rule'
  >,
): FiledReportSummary {
  return {
    tenantId: row.tenantId,
    id: row.id,
    planCode: row.planCode ?? undefined,
    period: row.period,
    filedBy: row.filedBy,
    filedByName: row.filedByName ?? undefined,
    filedAt: row.filedAt,
    rule: row.rule,
  }
}
