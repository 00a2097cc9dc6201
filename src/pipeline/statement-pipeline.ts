import type { StoredStatementInput } from '../store/statement-store.ts'

/**
 * Where accepted statements go after they are committed: inference (descriptor evidence, levels)
 * and, when a tenant has one, forwarding to its upstream LRS. Called once per committed batch.
 */
export interface StatementPipeline {
  /** New statements of a tenant (re-sent ones are not repeated here). */
  statementsAccepted(tenantId: string, statements: readonly StoredStatementInput[]): Promise<void>
  /** Statements of a tenant voided by newly accepted voiding statements. */
  statementsVoided(tenantId: string, ids: readonly string[]): Promise<void>
}

/** A pipeline with no stages. */
export const emptyPipeline: StatementPipeline = {
  statementsAccepted: async () => undefined,
  statementsVoided: async () => undefined,
}
