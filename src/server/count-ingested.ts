import type { Counter } from 'prom-client'
import type { StatementPipeline } from '../pipeline/statement-pipeline.ts'

/** The pipeline, counting every newly stored statement by source for /metrics. */
export function countIngested(
  pipeline: StatementPipeline,
  ingested: Counter<'source'>,
): StatementPipeline {
  return {
    ...pipeline,
    statementsAccepted: async (tenantId, statements) => {
      const bySource = { push: 0, pull: 0, progress: 0 }
      for (const s of statements) bySource[s.source]++
      for (const [source, n] of Object.entries(bySource)) if (n > 0) ingested.inc({ source }, n)
      await pipeline.statementsAccepted(tenantId, statements)
    },
  }
}
