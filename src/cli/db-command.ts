import { Command } from 'commander'
import { sql } from 'drizzle-orm'
import { citusStatements } from '../store/distribution.ts'
import { migrate, migrationStatus } from '../store/migrate.ts'
import { queryRows } from '../store/query-rows.ts'
import type { Io } from './io.ts'
import { withDatabase } from './with-database.ts'

/** `nls db …`: migrate the configured database and show its migrations. */
export function dbCommand(io: Io): Command {
  const cmd = new Command('db').description(
    'the database (DATABASE_URL, or embedded PGlite in NLS_DATA_DIR, default ./data)',
  )
  cmd
    .command('migrate')
    .description('apply the migrations this version ships (the server also does this at start)')
    .action(() =>
      withDatabase(io, { migrated: false }, async (database) => {
        const applied = await migrate(database)
        io.out(
          applied.length === 0
            ? `${database.description}: up to date\n`
            : `${database.description}: applied ${applied.join(', ')}\n`,
        )
      }),
    )
  cmd
    .command('status')
    .description('the migrations this version ships and whether the database has them')
    .action(() =>
      withDatabase(io, { migrated: false }, async (database) => {
        io.out(`${database.description}\n`)
        for (const m of await migrationStatus(database)) {
          io.out(`${m.applied ? 'applied' : 'pending'}  ${m.name}\n`)
        }
      }),
    )
  cmd
    .command('citus-plan')
    .description(
      'the SQL that distributes this schema on Citus by tenant (reference tables, then tenant tables)',
    )
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const tables = await queryRows<{ name: string }>(
          database.db,
          sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'r' order by 1`,
        )
        io.out(`${citusStatements(tables.map((t) => t.name)).join('\n')}\n`)
      }),
    )
  return cmd
}
