import { and, asc, eq, getTableColumns, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import type { PersonExport } from './person-data-store.ts'
import {
  componentLevels,
  contextMembers,
  contexts,
  evidence,
  identities,
  levelHistory,
  localAccounts,
  overrides,
  people,
  personTargets,
  selfAssessments,
  statements,
  xapiAttachments,
  xapiDocuments,
} from './schema/index.ts'
import { attachmentHashes } from '../../statements/xapi/index.ts'

/** Bytes as the export gives them: text when the content type is text or JSON, else base64. */
function bytesForExport(contentType: string, contents: Buffer) {
  const textual = /^(text\/|application\/([\w.+-]*\+)?json\b)/i.test(contentType)
  return textual
    ? { contentType, text: contents.toString('utf8') }
    : { contentType, base64: contents.toString('base64') }
}

/**
 * The statements about a person: those matched to them, and those not matched to anyone whose
 * actor is one of the person's xAPI identifiers (statements_person_idx, statements_unmatched_idx).
 */
export function statementsOfPerson(
  tenantId: string,
  personId: string,
  actorKeys: readonly string[],
): SQL {
  const unmatched =
    actorKeys.length === 0
      ? undefined
      : and(
          isNull(statements.personId),
          sql`${statements.actorKey} = any(${sql.param([...actorKeys])}::text[])`,
        )
  return and(eq(statements.tenantId, tenantId), or(eq(statements.personId, personId), unmatched))!
}

/**
 * The xAPI documents (States, Agent Profiles) kept under any of these agent keys. An email's case
 * does not make another person; an account's or an OpenID's does. The key is lowered in the
 * database's own collation: in its column's, "C", lower() knows only the Latin letters of ASCII.
 */
export function documentsOfAgents(tenantId: string, actorKeys: readonly string[]): SQL {
  const mboxes = actorKeys.filter((k) => k.startsWith('mbox:')).map((k) => k.toLowerCase())
  return sql`${xapiDocuments.tenantId} = ${tenantId}
    and (${xapiDocuments.agentKey} = any(${sql.param([...actorKeys])}::text[])
      or (${xapiDocuments.agentKey} like 'mbox:%'
        and lower(${xapiDocuments.agentKey} collate "default") = any(${sql.param(mboxes)}::text[])))`
}

/** The actor keys (see statements/xapi actorKey) of a person's xAPI identifiers. */
export function actorKeysOf(
  rows: readonly Pick<typeof identities.$inferSelect, 'kind' | 'issuer' | 'value'>[],
): string[] {
  const keys: string[] = []
  for (const row of rows) {
    if (row.kind === 'mbox') keys.push(`mbox:${row.value.toLowerCase()}`)
    if (row.kind === 'mbox_sha1sum') keys.push(`mbox_sha1sum:${row.value.toLowerCase()}`)
    if (row.kind === 'openid') keys.push(`openid:${row.value}`)
    if (row.kind === 'account') keys.push(`account:${row.issuer}|${row.value}`)
  }
  return keys
}

/** Reads everything about one person, in one snapshot (a repeatable-read transaction). */
export async function exportPersonData(
  db: Db,
  tenantId: string,
  personId: string,
  now: Date,
): Promise<PersonExport> {
  return db.transaction(
    async (tx) => {
      const mine = (t: { readonly tenantId: PgColumn; readonly personId: PgColumn }) =>
        and(eq(t.tenantId, tenantId), eq(t.personId, personId))
      const [person] = await tx
        .select()
        .from(people)
        .where(and(eq(people.tenantId, tenantId), eq(people.id, personId)))
      if (!person) throw new StoreNotFound(`person ${personId} does not exist`)
      const idRows = await tx
        .select()
        .from(identities)
        .where(mine(identities))
        .orderBy(asc(identities.createdAt))
      const actorKeys = actorKeysOf(idRows)
      const own = await tx
        .select({
          id: statements.id,
          stored: statements.stored,
          voidedBy: statements.voidedBy,
          source: statements.source,
          statement: statements.statement,
        })
        .from(statements)
        .where(statementsOfPerson(tenantId, personId, actorKeys))
        .orderBy(asc(statements.timestamp), asc(statements.id))
      // The password hash stays: it is a secret of the account, not information about the person.
      const { passwordHash, ...accountColumns } = getTableColumns(localAccounts)
      void passwordHash
      return {
        exportedAt: now.toISOString(),
        tenantId,
        person,
        identities: idRows,
        localAccounts: await tx
          .select(accountColumns)
          .from(localAccounts)
          .where(mine(localAccounts)),
        courseMemberships: await tx
          .select({
            contextId: contextMembers.contextId,
            course: contexts.title,
            roles: contextMembers.roles,
            updatedAt: contextMembers.updatedAt,
          })
          .from(contextMembers)
          .leftJoin(
            contexts,
            and(
              eq(contexts.tenantId, contextMembers.tenantId),
              eq(contexts.id, contextMembers.contextId),
            ),
          )
          .where(mine(contextMembers)),
        statements: own,
        // The data of their statements' attachments, kept here by SHA-2.
        statementAttachments: (
          await tx
            .select({
              sha2: xapiAttachments.sha2,
              contentType: xapiAttachments.contentType,
              contents: xapiAttachments.contents,
            })
            .from(xapiAttachments)
            .where(
              and(
                eq(xapiAttachments.tenantId, tenantId),
                sql`${xapiAttachments.sha2} = any(${sql.param(attachmentHashes(own.map((s) => s.statement)))}::text[])`,
              ),
            )
            .orderBy(asc(xapiAttachments.sha2))
        ).map((a) => ({ sha2: a.sha2, ...bytesForExport(a.contentType, a.contents) })),
        xapiDocuments: (
          await tx
            .select()
            .from(xapiDocuments)
            .where(documentsOfAgents(tenantId, actorKeys))
            .orderBy(asc(xapiDocuments.resource), asc(xapiDocuments.documentId))
        ).map(({ contents, contentType, tenantId: _tenant, sha1: _sha1, ...rest }) => ({
          ...rest,
          ...bytesForExport(contentType, contents),
        })),
        evidence: await tx.select().from(evidence).where(mine(evidence)).orderBy(asc(evidence.id)),
        levels: await tx
          .select()
          .from(componentLevels)
          .where(mine(componentLevels))
          .orderBy(asc(componentLevels.componentId)),
        levelHistory: await tx
          .select()
          .from(levelHistory)
          .where(mine(levelHistory))
          .orderBy(asc(levelHistory.id)),
        selfAssessments: await tx
          .select()
          .from(selfAssessments)
          .where(mine(selfAssessments))
          .orderBy(asc(selfAssessments.id)),
        overrides: await tx
          .select()
          .from(overrides)
          .where(mine(overrides))
          .orderBy(asc(overrides.id)),
        targets: await tx
          .select()
          .from(personTargets)
          .where(mine(personTargets))
          .orderBy(asc(personTargets.componentId)),
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}
