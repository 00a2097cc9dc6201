import type { Counter } from 'prom-client'
import type { StatementStore } from '../store/statement-store.ts'

/** The statement store, counting every newly stored statement by source for /metrics. */
export function observeStatements(
  store: StatementStore,
  ingested: Counter<'source'>,
): StatementStore {
  return {
    ...store,
    insertStatements: async (tenantId, statements) => {
      const result = await store.insertStatements(tenantId, statements)
      const inserted = new Set(result.inserted)
      const bySource = { push: 0, pull: 0 }
      for (const s of statements) {
        if (inserted.delete(s.id.toLowerCase())) bySource[s.source]++
      }
      for (const [source, n] of Object.entries(bySource)) if (n > 0) ingested.inc({ source }, n)
      return result
    },
  }
}
