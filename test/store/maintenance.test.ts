// The embedded database runs no autovacuum: the maintenance loop refreshes its statistics.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { pino } from 'pino'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { migrate } from '../../src/store/migrate.ts'
import { createStores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { startMaintenanceWorker } from '../../src/workers/maintenance-worker.ts'

let dir: string
let database: Database
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nls-maintenance-'))
  database = await openDatabase({ kind: 'pglite', dataDir: dir })
  await migrate(database)
})
afterAll(async () => {
  await database.close()
  await rm(dir, { recursive: true, force: true })
})

const reltuples = async (table: string) =>
  Number(
    (
      await queryRows<{ reltuples: number }>(
        database.db,
        sql`select reltuples from pg_class where relname = ${table}`,
      )
    )[0]!.reltuples,
  )

it('refreshes the planner statistics at start and on each pass', async () => {
  const tenant = await queryRows<{ id: string }>(
    database.db,
    sql`insert into tenants (kind, name) values ('platform', 'x') returning id`,
  )
  await database.db.execute(
    sql`insert into people (tenant_id, name) select ${tenant[0]!.id}, 'p' || g from generate_series(1, 500) g`,
  )
  // Never analysed: the planner knows nothing of the 500 rows.
  expect(await reltuples('people')).toBeLessThanOrEqual(0)
  const loop = startMaintenanceWorker(
    {
      database,
      stores: createStores(database.db),
      logger: pino({ level: 'silent' }),
      now: () => new Date(),
    },
    60_000,
  )
  await loop.runOnce()
  expect(await reltuples('people')).toBe(500)
  await database.db.execute(
    sql`insert into people (tenant_id, name) select ${tenant[0]!.id}, 'q' || g from generate_series(1, 250) g`,
  )
  await loop.runOnce()
  expect(await reltuples('people')).toBe(750)
  await loop.stop()
})
