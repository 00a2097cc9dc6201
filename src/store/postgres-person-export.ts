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
} from './schema/index.ts'

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
        statements: await tx
          .select({
            id: statements.id,
            stored: statements.stored,
            voidedBy: statements.voidedBy,
            source: statements.source,
            statement: statements.statement,
          })
          .from(statements)
          .where(statementsOfPerson(tenantId, personId, actorKeysOf(idRows)))
          .orderBy(asc(statements.timestamp), asc(statements.id)),
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
