import { createHash, randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import {
  anonymiseStatement,
  type AnonymousAccount,
  ERASED_HOME_PAGE,
  type PersonMarks,
} from '../privacy/anonymise-statement.ts'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import type { ErasureSummary } from './person-data-store.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { actorKeysOf, documentsOfAgents, statementsOfPerson } from './postgres-person-export.ts'
import { actorKey, attachmentHashes } from '../../statements/xapi/index.ts'
import { queryRows } from './query-rows.ts'
import { identities, localAccounts, people, statements } from './schema/index.ts'
import { normaliseEmail } from '../accounts/email.ts'

/** Statements anonymised per transaction: a person may have tens of thousands. */
export const ERASE_BATCH = 500

/** Details of audit entries that name a person rather than say what was done. */
const PERSONAL_DETAILS = ['username', 'ip', 'name', 'email']

/** Tables whose rows about the person are deleted, children before their parents. */
const PERSON_TABLES = [
  'evidence',
  'component_levels',
  'level_history',
  'self_assessments',
  'person_targets',
  'overrides',
  'inference_queue',
  'context_members',
  'outbox',
  'local_accounts',
  'identities',
] as const

/** Erases one person (see PersonDataStore.erasePerson). */
export async function erasePersonData(
  db: Db,
  tenantId: string,
  personId: string,
  actor: string,
): Promise<ErasureSummary> {
  const [person] = await db
    .select()
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.id, personId)))
  if (!person) throw new StoreNotFound(`person ${personId} does not exist`)
  const idRows = await db
    .select()
    .from(identities)
    .where(and(eq(identities.tenantId, tenantId), eq(identities.personId, personId)))
  const accounts = await db
    .select({ id: localAccounts.id })
    .from(localAccounts)
    .where(and(eq(localAccounts.tenantId, tenantId), eq(localAccounts.personId, personId)))
  const marks = marksOf(idRows, person.email)
  const actorKeys = actorKeysOf(idRows)
  // One account for all the person's statements, so that counts of distinct learners of an
  // activity stay what they were; nothing links it back to the person.
  const anonymous: AnonymousAccount = { homePage: ERASED_HOME_PAGE, name: randomUUID() }
  const anonymousKey = anonymousActorKey(anonymous)
  /** The SHA-2s of the attachments of the person's statements. */
  const attachments = new Set<string>()

  // The person's own statements, a batch per transaction; each batch leaves the set it is
  // chosen from (person_id cleared, actor key changed), so a rerun resumes where one stopped.
  let statementsAnonymised = 0
  for (;;) {
    const done = await db.transaction((tx) =>
      anonymiseOwnBatch(tx, tenantId, personId, actorKeys, marks, anonymous, attachments),
    )
    statementsAnonymised += done
    if (done < ERASE_BATCH) break
  }
  const mentionsAnonymised = await anonymiseMentions(db, tenantId, marks, anonymous)

  const rowsDeleted: Record<string, number> = {}
  await db.transaction(async (tx) => {
    // A statement matched to the person since the batches above is anonymised with the rest.
    for (;;) {
      const late = await anonymiseOwnBatch(
        tx,
        tenantId,
        personId,
        actorKeys,
        marks,
        anonymous,
        attachments,
      )
      statementsAnonymised += late
      if (late < ERASE_BATCH) break
    }
    const subjects = [`person:${personId}`, ...accounts.map((a) => `account:${a.id}`)]
    await tx.execute(sql`update audit_log
      set details = details - ${sql.param(PERSONAL_DETAILS)}::text[]
      where tenant_id = ${tenantId}
        and (subject = any(${sql.param(subjects)}::text[]) or actor = ${`person:${personId}`})
        and details ?| ${sql.param(PERSONAL_DETAILS)}::text[]`)
    const subs = idRows.filter((r) => r.kind === 'lti').map((r) => r.value)
    if (subs.length > 0) {
      rowsDeleted.score_timestamps = await count(
        tx,
        sql`delete from score_timestamps where tenant_id = ${tenantId}
          and user_id = any(${sql.param(subs)}::text[]) returning 1`,
      )
    }
    // The person's xAPI documents (States, Agent Profiles), kept under their agent identifiers.
    if (actorKeys.length > 0) {
      rowsDeleted.xapi_documents = await count(
        tx,
        sql`delete from xapi_documents where ${documentsOfAgents(tenantId, actorKeys)} returning 1`,
      )
    }
    // Their statements' attachment data, unless a statement of someone else names it too. One
    // read of the tenant's statements finds those whose text holds one of the hashes; which of
    // them name it as an attachment is attachmentHashes's to say.
    if (attachments.size > 0) {
      const hashes = [...attachments]
      const mentioning = await queryRows<{ statement: unknown }>(
        tx,
        sql`select statement from statements
            where tenant_id = ${tenantId} and actor_key <> ${anonymousKey}
              and lower(statement::text) like any(${sql.param(hashes.map((h) => `%${h}%`))}::text[])`,
      )
      const stillNamed = new Set(attachmentHashes(mentioning.map((r) => r.statement)))
      const unnamed = hashes.filter((h) => !stillNamed.has(h))
      rowsDeleted.xapi_attachments = await count(
        tx,
        sql`delete from xapi_attachments where tenant_id = ${tenantId}
              and sha2 = any(${sql.param(unnamed)}::text[])
            returning 1`,
      )
    }
    await tx.execute(sql`update tags set created_by = null
      where tenant_id = ${tenantId} and created_by = ${personId}`)
    for (const table of PERSON_TABLES) {
      rowsDeleted[table] = await count(
        tx,
        sql`delete from ${sql.identifier(table)}
          where tenant_id = ${tenantId} and person_id = ${personId} returning 1`,
      )
    }
    await tx.delete(people).where(and(eq(people.tenantId, tenantId), eq(people.id, personId)))
    rowsDeleted.people = 1
    await insertAuditEntry(tx, {
      tenantId,
      actor,
      action: 'person.erase',
      subject: `person:${personId}`,
      details: { statementsAnonymised, mentionsAnonymised, rowsDeleted },
    })
  })
  return { statementsAnonymised, mentionsAnonymised, rowsDeleted }
}

/** The actor key of the anonymous account. */
const anonymousActorKey = (anonymous: AnonymousAccount) => actorKey({ account: anonymous })!

async function anonymiseOwnBatch(
  db: Db,
  tenantId: string,
  personId: string,
  actorKeys: readonly string[],
  marks: PersonMarks,
  anonymous: AnonymousAccount,
  attachments: Set<string>,
): Promise<number> {
  const rows = await db
    .select({ id: statements.id, statement: statements.statement })
    .from(statements)
    .where(statementsOfPerson(tenantId, personId, actorKeys))
    .limit(ERASE_BATCH)
  if (rows.length === 0) return 0
  for (const sha2 of attachmentHashes(rows.map((r) => r.statement))) attachments.add(sha2)
  const changed = rows.map((r) => ({
    id: r.id,
    statement: anonymiseStatement(r.statement, marks, anonymous, true).statement,
  }))
  await db.execute(sql`update statements s
    set statement = v.statement, actor_key = ${anonymousActorKey(anonymous)}, person_id = null
    from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as v(id uuid, statement jsonb)
    where s.tenant_id = ${tenantId} and s.id = v.id`)
  return rows.length
}

/**
 * Other statements (a teacher named as instructor, a group member) and outbox messages that
 * still name the person. Nothing indexes the inside of a statement, so this reads the tenant's
 * statements once; an erasure is rare, and correct beats quick here.
 */
async function anonymiseMentions(
  db: Db,
  tenantId: string,
  marks: PersonMarks,
  anonymous: AnonymousAccount,
): Promise<number> {
  const needles = [
    ...marks.mboxes,
    ...marks.sha1s,
    ...marks.openids,
    ...marks.accounts.map((a) => JSON.stringify(a.name)),
  ].map((n) => `%${n.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  if (needles.length === 0) return 0
  let changed = 0
  for (const [table, column, key] of [
    ['statements', 'statement', 'id'],
    ['outbox', 'payload', 'id'],
  ] as const) {
    const candidates = await queryRows<{ key: string }>(
      db,
      sql`select ${sql.identifier(key)}::text as key from ${sql.identifier(table)}
        where tenant_id = ${tenantId}
          and lower(${sql.identifier(column)}::text) like any(${sql.param(needles)}::text[])`,
    )
    for (let i = 0; i < candidates.length; i += ERASE_BATCH) {
      const keys = candidates.slice(i, i + ERASE_BATCH).map((c) => c.key)
      changed += await db.transaction(async (tx) => {
        const rows = await queryRows<{ key: string; doc: unknown }>(
          tx,
          sql`select ${sql.identifier(key)}::text as key, ${sql.identifier(column)} as doc
            from ${sql.identifier(table)}
            where tenant_id = ${tenantId}
              and ${sql.identifier(key)}::text = any(${sql.param(keys)}::text[])
            for update`,
        )
        const updates = rows.flatMap((r) => {
          const result = anonymiseStatement(r.doc, marks, anonymous, false)
          return result.changed ? [{ key: r.key, doc: result.statement }] : []
        })
        if (updates.length === 0) return 0
        await tx.execute(sql`update ${sql.identifier(table)} t
          set ${sql.identifier(column)} = v.doc
          from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(key text, doc jsonb)
          where t.tenant_id = ${tenantId} and t.${sql.identifier(key)}::text = v.key`)
        return updates.length
      })
    }
  }
  return changed
}

/** The identifiers that mark the person inside statements. */
function marksOf(
  rows: readonly (typeof identities.$inferSelect)[],
  email: string | null,
): PersonMarks {
  const mboxes = new Set<string>()
  const sha1s = new Set<string>()
  const openids: string[] = []
  const accounts: { homePage: string; name: string }[] = []
  for (const row of rows) {
    if (row.kind === 'mbox') mboxes.add(row.value.toLowerCase())
    if (row.kind === 'mbox_sha1sum') sha1s.add(row.value.toLowerCase())
    if (row.kind === 'openid') openids.push(row.value)
    if (row.kind === 'account') accounts.push({ homePage: row.issuer, name: row.value })
    // Moodle names a user in statements by its site and the user id that LTI calls `sub`.
    if (row.kind === 'lti') accounts.push({ homePage: row.issuer, name: row.value })
  }
  if (email) mboxes.add(`mailto:${normaliseEmail(email)}`)
  // xAPI 1.0.3 §2.4.2.3: mbox_sha1sum is the SHA-1 of the mailto IRI.
  for (const mbox of mboxes) sha1s.add(createHash('sha1').update(mbox).digest('hex'))
  return { mboxes: [...mboxes], sha1s: [...sha1s], openids, accounts }
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  return (await queryRows<unknown>(db, query)).length
}
