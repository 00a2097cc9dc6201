import { createHash } from 'node:crypto'
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import type { DocumentKey, DocumentScope, DocumentStore, StoredDocument } from './document-store.ts'
import { queryPrepared } from './query-rows.ts'
import { xapiDocuments } from './schema/index.ts'

const d = xapiDocuments

/** A document's SHA-1 in lower-case hex: its ETag (Communication §3.1). */
const sha1Of = (contents: Buffer) => createHash('sha1').update(contents).digest('hex')

function inScope(tenantId: string, scope: DocumentScope): SQL {
  return and(
    eq(d.tenantId, tenantId),
    eq(d.resource, scope.resource),
    eq(d.activityId, scope.activityId),
    eq(d.agentKey, scope.agentKey),
    scope.registration === undefined ? undefined : eq(d.registration, scope.registration),
  )!
}

/** A document's key as SQL (raw, so that the prepared statements take it too). */
function keyIs(tenantId: string, key: DocumentKey): SQL {
  return sql`tenant_id = ${tenantId}::uuid and resource = ${key.resource}
    and activity_id = ${key.activityId} and agent_key = ${key.agentKey}
    and registration = ${key.registration} and document_id = ${key.documentId}`
}

interface DocumentRow {
  readonly contents: Buffer | Uint8Array
  readonly content_type: string
  readonly sha1: string
  readonly updated_at: Date | string
}

function fromRow(row: DocumentRow): StoredDocument {
  return {
    contents: Buffer.isBuffer(row.contents) ? row.contents : Buffer.from(row.contents),
    contentType: row.content_type,
    sha1: row.sha1,
    updatedAt: new Date(row.updated_at),
  }
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
      // A wrapper reads its State on every launch: a prepared statement, planned once.
      const [row] = await queryPrepared<DocumentRow>(
        db,
        'nls_document_get',
        sql`select contents, content_type, sha1, updated_at from xapi_documents
            where ${keyIs(tenantId, key)}`,
      )
      return row && fromRow(row)
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
          const [row] = await tx.select(stored).from(d).where(keyIs(tenantId, key)).for('update')
          const next = decide(row as StoredDocument | undefined)
          const sha1 = sha1Of(next.contents)
          const values = {
            contents: next.contents,
            contentType: next.contentType,
            sha1,
            updatedAt: new Date(),
          }
          if (row) {
            await tx.update(d).set(values).where(keyIs(tenantId, key))
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

    async putDocument(tenantId, key, document, mode) {
      // A wrapper saves its State on every page: one prepared statement, answered on commit.
      const values = {
        contents: document.contents,
        contentType: document.contentType,
        sha1: sha1Of(document.contents),
        updatedAt: new Date(),
      }
      const insert = sql`insert into xapi_documents (tenant_id, resource, activity_id, agent_key,
          registration, document_id, contents, content_type, sha1, updated_at)
        values (${tenantId}::uuid, ${key.resource}, ${key.activityId}, ${key.agentKey},
          ${key.registration}, ${key.documentId}, ${values.contents}::bytea, ${values.contentType},
          ${values.sha1}, ${values.updatedAt.toISOString()}::timestamptz)`
      const written = await queryPrepared<{ one: number }>(
        db,
        `nls_document_${mode}`,
        mode === 'replace'
          ? sql`${insert} on conflict (tenant_id, resource, activity_id, agent_key, registration,
                document_id) do update set contents = excluded.contents,
                content_type = excluded.content_type, sha1 = excluded.sha1,
                updated_at = excluded.updated_at
              returning 1 as one`
          : sql`${insert} on conflict do nothing returning 1 as one`,
      )
      return written.length > 0 ? values : undefined
    },

    deleteDocument(tenantId, key, check) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select(stored).from(d).where(keyIs(tenantId, key)).for('update')
        check(row)
        if (!row) return false
        await tx.delete(d).where(keyIs(tenantId, key))
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
