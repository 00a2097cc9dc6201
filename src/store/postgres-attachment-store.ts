import { and, eq, inArray } from 'drizzle-orm'
import type { AttachmentStore } from './attachment-store.ts'
import type { Db } from './database.ts'
import { xapiAttachments } from './schema/index.ts'

const a = xapiAttachments

export function postgresAttachmentStore(db: Db): AttachmentStore {
  return {
    async saveAttachments(tenantId, attachments) {
      if (attachments.length === 0) return
      const unique = [...new Map(attachments.map((x) => [x.sha2.toLowerCase(), x])).values()]
      await db
        .insert(a)
        .values(
          unique.map((x) => ({
            tenantId,
            sha2: x.sha2.toLowerCase(),
            contentType: x.contentType,
            contents: x.contents,
          })),
        )
        .onConflictDoNothing()
    },

    async getAttachments(tenantId, sha2s) {
      if (sha2s.length === 0) return []
      const wanted = [...new Set(sha2s.map((s) => s.toLowerCase()))]
      return db
        .select({ sha2: a.sha2, contentType: a.contentType, contents: a.contents })
        .from(a)
        .where(and(eq(a.tenantId, tenantId), inArray(a.sha2, wanted)))
    },
  }
}
