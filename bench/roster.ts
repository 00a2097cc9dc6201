// npm run bench (roster part): a staff roster of BENCH_ROSTER_ROWS rows (default 200,000; half
// name an LMS account), parsed from CSV and imported into a new tenant, with BENCH_ROSTER_WAITING
// statements (default 20,000) waiting for those people; then imported again (every row known).
// On the embedded database (PGlite, its data directory on disk), and on a PostgreSQL server when
// BENCH_DATABASE_URL (or DATABASE_URL) names one. Then teachers' accounts with first passwords
// for a school's BENCH_ROSTER_ACCOUNTS people (default 300). Reports rows/s, seconds and the
// process's peak RSS (BENCH_ROSTER_PGLITE=0 leaves PGlite out). Goal: an import under 60 s.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { shippedCatalog } from '../framework/index.ts'
import { createRosterAccounts } from '../src/accounts/roster-accounts.ts'
import { parseRosterCsv, type RosterRow, staffEmails } from '../src/accounts/roster-csv.ts'
import { importRoster } from '../src/accounts/roster-import.ts'
import { type Database, openDatabase } from '../src/store/database.ts'
import { createStores } from '../src/store/index.ts'
import { migrate } from '../src/store/migrate.ts'
import { peakRssMiB, seconds, timed } from './measure.ts'

const ROWS = Number(process.env.BENCH_ROSTER_ROWS ?? 200_000)
const WAITING = Number(process.env.BENCH_ROSTER_WAITING ?? 20_000)
const ACCOUNTS = Number(process.env.BENCH_ROSTER_ACCOUNTS ?? 300)
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL
const K12 = 'https://k12online.vn'

/** A province's roster: 40 people a school, every other one with their K12Online account. */
function rosterCsv(rows: number): string {
  const lines = ['email,ho_ten,don_vi,bang,tai_khoan,trang_chu']
  for (let i = 0; i < rows; i++) {
    const account = i % 2 === 0 ? `gv${i},${K12}` : ','
    lines.push(
      `gv${i}@truong${Math.floor(i / 40)}.edu.vn,Nguyễn Văn ${i},THCS số ${Math.floor(i / 40)},PT,${account}`,
    )
  }
  return lines.join('\r\n') + '\r\n'
}

/** Statements kept before anyone knew their actors: half by email, half by account. */
async function seedWaiting(database: Database, tenantId: string, count: number) {
  await database.db.execute(
    sql`insert into statements (tenant_id, id, actor_key, verb_id, activity_iri, activity_tree,
          timestamp, source, statement)
        select ${tenantId}::uuid, gen_random_uuid(),
          case when g % 2 = 0
            then 'mbox:mailto:gv' || (g * 4) || '@truong' || (g * 4 / 40) || '.edu.vn'
            else 'account:' || ${K12} || '|gv' || ((g - 1) * 4) end,
          'http://id.tincanapi.com/verb/viewed', ${`${K12}/bai-giang/1`},
          array[${`${K12}/bai-giang/1`}], now(), 'push', '{}'::jsonb
        from generate_series(0, ${count - 1}) g`,
  )
}

async function run(label: string, database: Database, rows: readonly RosterRow[]) {
  await migrate(database)
  const stores = createStores(database.db)
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'bench' })).id
  await seedWaiting(database, tenantId, WAITING)

  const first = await timed(() => importRoster(stores, tenantId, rows))
  const again = await timed(() => importRoster(stores, tenantId, rows))
  const unmatched = await stores.statements.unmatchedActors(tenantId, 1)
  const school = staffEmails(rows.slice(0, ACCOUNTS))
  const accounts = await timed(() =>
    createRosterAccounts(stores, tenantId, { actor: 'bench', emails: school }),
  )
  return {
    database: label,
    rows: rows.length,
    firstImport: {
      seconds: first.seconds,
      cpuSecondsInProcess: first.cpuSeconds,
      rowsPerSecond: Math.round(rows.length / first.seconds),
      added: first.result.added,
      problems: first.result.problems.length,
    },
    reimport: {
      seconds: again.seconds,
      cpuSecondsInProcess: again.cpuSeconds,
      rowsPerSecond: Math.round(rows.length / again.seconds),
      updated: again.result.updated,
    },
    waitingStatements: { before: WAITING, after: unmatched.statements },
    accounts: {
      made: accounts.result.made.length,
      seconds: accounts.seconds,
      perSecond: Math.round(accounts.result.made.length / accounts.seconds),
    },
    peakRssMiB: peakRssMiB(),
    goalSeconds: 60,
  }
}

async function onServer(rows: readonly RosterRow[]) {
  if (!SERVER) return 'skipped: set BENCH_DATABASE_URL to a PostgreSQL server'
  const name = `nls_bench_${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(SERVER)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.href, poolMax: 4 })
  try {
    return await run('PostgreSQL', database, rows)
  } finally {
    await database.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

const made = performance.now()
const text = rosterCsv(ROWS)
const madeSeconds = seconds(made)
const parsed = await timed(() => Promise.resolve(parseRosterCsv(text, shippedCatalog(), 'TT18')))
const { rows, problems } = parsed.result
if (problems.length > 0) throw new Error(`roster problems: ${problems[0]!.message}`)
const csv = {
  rows: ROWS,
  MiB: Number((Buffer.byteLength(text) / 2 ** 20).toFixed(1)),
  madeSeconds,
  parse: {
    seconds: parsed.seconds,
    cpuSeconds: parsed.cpuSeconds,
    rowsPerSecond: Math.round(ROWS / parsed.seconds),
  },
  peakRssMiBAfterParse: peakRssMiB(),
}
/**
 * PGlite's run on a data directory on disk, as NLS_DATA_DIR keeps it (unless
 * BENCH_ROSTER_PGLITE=0, to see the peak RSS of the server's run alone).
 */
async function onPglite(rows: readonly RosterRow[]) {
  if (process.env.BENCH_ROSTER_PGLITE === '0') return 'skipped: BENCH_ROSTER_PGLITE=0'
  const dataDir = await mkdtemp(join(tmpdir(), 'nls-bench-roster-'))
  try {
    const embedded = await openDatabase({ kind: 'pglite', dataDir })
    try {
      return await run('PGlite', embedded, rows)
    } finally {
      await embedded.close()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

const pglite = await onPglite(rows)
console.log(
  JSON.stringify({ benchmark: 'roster', csv, pglite, postgres: await onServer(rows) }, null, 2),
)
