/** A plan as stored: the checked document (src/plans/plan.ts, Plan) and who imported it. */
export interface StoredPlan {
  readonly tenantId: string
  readonly id: string
  readonly code: string
  readonly name: string
  /** The plan as checked when imported; read it back through the Plan schema. */
  readonly document: unknown
  readonly importedBy: string
  readonly importedAt: Date
}

/** What importing a plan did: stored it new, or replaced the plan of the same code. */
export interface PlanSaved {
  readonly plan: StoredPlan
  readonly replaced: boolean
}

/** File summaries of a filed report (what a list shows, without its files). */
export interface FiledReportSummary {
  readonly tenantId: string
  readonly id: string
  readonly planCode: string | undefined
  readonly period: string
  readonly filedBy: string
  readonly filedByName: string | undefined
  readonly filedAt: Date
  readonly rule: unknown
}

/** A filed report whole: its snapshot and its files as first made. */
export interface FiledReport extends FiledReportSummary {
  /** The figures as filed (src/reports/filed-report.ts). */
  readonly snapshot: unknown
  readonly csv: string
  /** The XLSX workbook's bytes. */
  readonly xlsx: Buffer
}

/** What filing a report takes. */
export interface NewFiledReport {
  readonly tenantId: string
  readonly planCode?: string
  readonly period: string
  readonly filedBy: string
  readonly filedByName?: string
  /** The instant the snapshot was taken at (the snapshot's own, so both say the same). */
  readonly filedAt: Date
  readonly rule: unknown
  readonly snapshot: unknown
  readonly csv: string
  readonly xlsx: Buffer
}

/**
 * Organisations' plans and the reports they filed. Each change is audited. A filed report is
 * never changed: filing again for the same period adds a newer one.
 */
export interface PlanStore {
  /** Stores a plan, replacing the tenant's plan of the same code. */
  savePlan(
    tenantId: string,
    plan: { readonly code: string; readonly name: string; readonly document: unknown },
    actor: string,
  ): Promise<PlanSaved>
  /** The plans of these tenants (a node and those above it), by code. */
  listPlans(tenantIds: readonly string[]): Promise<StoredPlan[]>
  /** A plan of one of these tenants, or undefined. */
  getPlan(tenantIds: readonly string[], id: string): Promise<StoredPlan | undefined>
  /** Deletes a tenant's plan; false when it has none of that id. */
  deletePlan(tenantId: string, id: string, actor: string): Promise<boolean>
  /** Files a report (audited as `report.file`). */
  fileReport(report: NewFiledReport): Promise<FiledReportSummary>
  /** A tenant's filed reports, newest first (at most `limit`). */
  listFiled(tenantId: string, limit: number): Promise<FiledReportSummary[]>
  /** One filed report of a tenant, with its files, or undefined. */
  getFiled(tenantId: string, id: string): Promise<FiledReport | undefined>
}
