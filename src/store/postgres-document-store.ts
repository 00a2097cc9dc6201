import { createHash } from 'node:crypto'
import { and, asc, eq, gt, type SQL } from 'drizzle-orm'
import type { Db } from './database.ts'
import type { DocumentKey, DocumentScope, DocumentStore, StoredDocument } from './document-store.ts'
import { xapiDocuments } from './schema/index.ts'

const d = xapiDocuments

function inScope(tenantId: string, scope: DocumentScope): SQL {
  return and(
    eq(d.tenantId, tenantId),
    eq(d.resource, scope.resource),
    eq(d.activityId, scope.activityId),
    eq(d.agentKey, scope.agentKey),
    scope.registration === undefined ? undefined : eq(d.registration, scope.registration),
  )!
}

function isKey(tenantId: string, key: DocumentKey): SQL {
  return and(inScope(tenantId, key), eq(d.documentId, key.documentId))!
}

const stored = {
  contents: d.contents,
  contentType: d.contentType,
  sha1: d.sha1,
  updatedAt: d.updatedAt,
}

export function postgresDocumentStore(db: Db): DocumentStore {
  return {
    async getDocument(tenantId, key) {
      const [row] = await db.select(stored).from(d).where(isKey(tenantId, key))
      return row
    },

    async listDocumentIds(tenantId, scope, since) {
      const rows = await db
        .select({ id: d.documentId, updatedAt: d.updatedAt })
        .from(d)
        .where(and(inScope(tenantId, scope), since && gt(d.updatedAt, since)))
        .orderBy(asc(d.documentId))
      const newest = rows.reduce<Date | undefined>(
        (max, r) => (max === undefined || r.updatedAt > max ? r.updatedAt : max),
        undefined,
      )
      // A State's id may be under several registrations: each once.
      return { ids: [...new Set(rows.map((r) => r.id))], ...(newest && { updatedAt: newest }) }
    },

    writeDocument(tenantId, key, decide) {
      return db.transaction(async (tx) => {
        // A document created meanwhile by another writer is read again under its lock.
        for (;;) {
          const [row] = await tx.select(stored).from(d).where(isKey(tenantId, key)).for('update')
          const next = decide(row as StoredDocument | undefined)
          const sha1 = createHash('sha1').update(next.contents).digest('hex')
          const values = {
            contents: next.contents,
            contentType: next.contentType,
            sha1,
            updatedAt: new Date(),
          }
          if (row) {
            await tx.update(d).set(values).where(isKey(tenantId, key))
            return values
          }
          const inserted = await tx
            .insert(d)
            .values({ tenantId, ...key, ...values })
            .onConflictDoNothing()
            .returning({ id: d.documentId })
          if (inserted.length > 0) return values
        }
      })
    },

    deleteDocument(tenantId, key, check) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select(stored).from(d).where(isKey(tenantId, key)).for('update')
        check(row)
        if (!row) return false
        await tx.delete(d).where(isKey(tenantId, key))
        return true
      })
    },

    async deleteDocuments(tenantId, scope) {
      const rows = await db
        .delete(d)
        .where(inScope(tenantId, scope))
        .returning({ id: d.documentId })
      return rows.length
    },
  }
}
