import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { type Database, MIGRATIONS_TABLE, openDatabase } from '../../src/store/database.ts'
import { knownMigrations, migrate, migrationStatus } from '../../src/store/migrate.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { createTestPlace, openTestDatabase, testBackend } from '../support/test-database.ts'

const TABLES = [
  'activities',
  'admin_tokens',
  'audit_log',
  'component_levels',
  'context_members',
  'contexts',
  'deployments',
  'evidence',
  'filed_reports',
  'frameworks',
  'identities',
  'inference_queue',
  'installation_secrets',
  'installation_settings',
  'learner_components',
  'learner_counts',
  'learner_level_ranks',
  'level_history',
  'local_accounts',
  'login_states',
  'lrs_sources',
  'outbox',
  'overrides',
  'people',
  'person_targets',
  'plans',
  'platforms',
  'registration_invitations',
  'report_counts',
  'schema_migrations',
  'score_timestamps',
  'self_assessments',
  'statements',
  'tags',
  'tenants',
  'throttles',
  'tool_keys',
  'xapi_attachments',
  'xapi_clients',
  'xapi_documents',
]

async function tables(database: Database): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    database.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  )
  return rows.map((r) => r.table_name)
}

describe('migrations', () => {
  it('are dated and in order', () => {
    const known = knownMigrations()
    expect(known.length).toBeGreaterThan(0)
    for (const m of known) {
      expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/)
      expect(m.name.slice(0, 8)).toBe(new Date(m.when).toISOString().slice(0, 10).replace(/-/g, ''))
    }
    expect(known.map((m) => m.when)).toEqual(known.map((m) => m.when).sort((a, b) => a - b))
  })

  it('a fresh database gets every table; migrating again does nothing', async () => {
    const place = await createTestPlace()
    const database = await openDatabase(place.config)
    try {
      expect(await migrationStatus(database)).toEqual(
        knownMigrations().map((m) => ({
          name: m.name,
          createdAt: new Date(m.when),
          applied: false,
        })),
      )
      expect(await migrate(database)).toEqual(knownMigrations().map((m) => m.name))
      expect(await tables(database)).toEqual(TABLES)
      expect(await migrate(database)).toEqual([])
      expect((await migrationStatus(database)).every((m) => m.applied)).toBe(true)
    } finally {
      await database.close()
      await place.remove()
    }
  })

  it('the hot-path indexes exist', async () => {
    const database = await openTestDatabase()
    try {
      const rows = await queryRows<{ indexname: string }>(
        database.db,
        sql`select indexname from pg_indexes where schemaname = 'public'`,
      )
      expect(rows.map((r) => r.indexname)).toEqual(
        expect.arrayContaining([
          'identities_pkey',
          'statements_person_idx',
          'statements_activity_idx',
          'statements_stored_idx',
          'statements_unmatched_idx',
          'tags_activity_idx',
          'inference_queue_due_idx',
          'overrides_person_idx',
          'evidence_key_idx',
          'component_levels_component_idx',
          'outbox_due_idx',
          'statements_ref_target_idx',
        ]),
      )
    } finally {
      await database.close()
    }
  })

  it('a statement is compressed with lz4 on a PostgreSQL server, with pglz on PGlite', async () => {
    const database = await openTestDatabase()
    try {
      const [column] = await queryRows<{ compression: string }>(
        database.db,
        sql`select attcompression::text as compression from pg_attribute
            where attrelid = 'statements'::regclass and attname = 'statement'`,
      )
      // '' is the server's default_toast_compression, pglz unless configured otherwise.
      expect(column?.compression).toBe(testBackend === 'postgres' ? 'l' : '')
    } finally {
      await database.close()
    }
  })

  it('IRIs, agent keys and document ids, and the indexes over them, compare bytes (COLLATE "C")', async () => {
    const database = await openTestDatabase()
    try {
      const columns = await queryRows<{ col: string; collation: string }>(
        database.db,
        sql`select c.relname || '.' || a.attname as col, l.collname as collation
            from pg_attribute a join pg_class c on c.oid = a.attrelid
              join pg_collation l on l.oid = a.attcollation
            where c.relname in ('statements', 'xapi_documents') and a.attnum > 0
              and not a.attisdropped
            order by 1`,
      )
      expect(Object.fromEntries(columns.map((c) => [c.col, c.collation]))).toEqual({
        'statements.activity_iri': 'C',
        'statements.activity_tree': 'C',
        'statements.actor_key': 'C',
        'statements.verb_id': 'C',
        'statements.source': 'default',
        'xapi_documents.activity_id': 'C',
        'xapi_documents.agent_key': 'C',
        'xapi_documents.content_type': 'default',
        'xapi_documents.document_id': 'C',
        'xapi_documents.registration': 'C',
        'xapi_documents.resource': 'C',
        'xapi_documents.sha1': 'default',
      })
      // Every text key of their indexes, the expression indexes' jsonb aside.
      const keys = await queryRows<{ index: string; collation: string }>(
        database.db,
        sql`select i.relname as index, l.collname as collation
            from pg_index x join pg_class i on i.oid = x.indexrelid
              join pg_class t on t.oid = x.indrelid,
              unnest(x.indcollation) as k(coll) join pg_collation l on l.oid = k.coll
            where t.relname in ('statements', 'xapi_documents')`,
      )
      expect(keys.length).toBeGreaterThanOrEqual(7)
      expect(keys.filter((k) => k.collation !== 'C')).toEqual([])
    } finally {
      await database.close()
    }
  })

  it('statements kept before ref_target existed get their StatementRef target from their JSON', async () => {
    const database = await openTestDatabase()
    try {
      const [tenant] = await queryRows<{ id: string }>(
        database.db,
        sql`insert into tenants (kind, name) values ('platform', 'THCS Lê Lợi') returning id`,
      )
      const target = 'E3A1F0C2-5B7D-4E8A-9C1F-2D3B4A5C6D7E'
      const statement = (object: unknown) => ({
        actor: { mbox: 'mailto:lan@thcs-leloi.edu.vn' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object,
      })
      // As a statement was kept before the migration: no ref_target.
      await database.db.execute(
        sql`insert into statements (tenant_id, id, actor_key, verb_id, timestamp, source, statement)
            values
              (${tenant!.id}, gen_random_uuid(), 'mbox:x', 'v', now(), 'push',
                ${JSON.stringify(statement({ objectType: 'StatementRef', id: target }))}::jsonb),
              (${tenant!.id}, gen_random_uuid(), 'mbox:x', 'v', now(), 'push',
                ${JSON.stringify(statement({ id: 'http://example.com/a' }))}::jsonb)`,
      )
      const migration = knownMigrations().find((m) => m.name.endsWith('_statement_ref_target'))
      const file = new URL(`../../src/store/migrations/${migration!.name}.sql`, import.meta.url)
      const update = readFileSync(file, 'utf8')
        .split('--> statement-breakpoint')
        .find((part) => part.includes('UPDATE'))
      await database.db.execute(sql.raw(update!))
      const rows = await queryRows<{ ref_target: string | null }>(
        database.db,
        sql`select ref_target from statements where tenant_id = ${tenant!.id}
            order by ref_target nulls last`,
      )
      expect(rows.map((r) => r.ref_target)).toEqual([target.toLowerCase(), null])
    } finally {
      await database.close()
    }
  })

  it('refuses a database migrated by a newer version', async () => {
    const database = await openTestDatabase()
    try {
      const future = Date.parse('2099-01-01T00:00:00Z')
      await database.db.execute(
        sql`insert into ${sql.identifier(MIGRATIONS_TABLE.migrationsTable)} (hash, created_at) values ('x', ${future})`,
      )
      await expect(migrate(database)).rejects.toMatchObject({
        code: 'ERR_STORE_SCHEMA_NEWER',
        message: expect.stringMatching(
          /^the database schema is newer than this NLS \(migration of 2099-01-01T00:00:00\.000Z applied; this version knows up to .+\): upgrade NLS$/,
        ),
      })
    } finally {
      await database.close()
    }
  })

  if (testBackend === 'postgres') {
    it('processes starting together migrate once', async () => {
      const place = await createTestPlace()
      const a = await openDatabase(place.config)
      const b = await openDatabase(place.config)
      try {
        const [ranA, ranB] = await Promise.all([migrate(a), migrate(b)])
        expect([ranA, ranB].map((r) => r.length).sort()).toEqual([0, knownMigrations().length])
        const rows = await queryRows<{ n: number }>(
          a.db,
          sql`select count(*)::int as n from schema_migrations`,
        )
        expect(rows).toEqual([{ n: knownMigrations().length }])
      } finally {
        await a.close()
        await b.close()
        await place.remove()
      }
    })
  }
})
