import { execFile } from 'node:child_process'
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { Command } from 'commander'
import { z } from 'zod'
import { loadConfig, redactUrl } from '../config/config.ts'
import { lockDataDir } from '../store/data-dir-lock.ts'
import { type Database, openDatabase } from '../store/database.ts'
import { pgliteAssets } from '../store/pglite-assets.ts'
import { BackupUnavailable, DataDirInUse } from '../store/errors.ts'
import { CommandFailed, type Io, localPath, unreadableFile, UsageError } from './io.ts'
import { bilingual, oneLine } from './messages.ts'
import { HeldByServer } from './with-database.ts'

/** Where the server keeps PGlite inside its data directory (see store/database.ts). */
const PGLITE_FOLDER = 'pglite'

const ServerOptions = z.object({
  url: z
    .url(
      bilingual(
        '--url phải là địa chỉ của máy chủ, ví dụ http://127.0.0.1:3000',
        '--url must be the server’s address, e.g. http://127.0.0.1:3000',
      ),
    )
    .optional(),
  token: z
    .string()
    .min(1, bilingual('--token không được để trống', '--token must not be empty'))
    .optional(),
})

/** `nls backup <file>`: a copy of the database, taken while the server runs or not. */
export function backupCommand(io: Io): Command {
  return new Command('backup')
    .description(
      'copy the embedded database (NLS_DATA_DIR) to a file, through the running server when it holds the data directory; for DATABASE_URL, runs pg_dump -Fc',
    )
    .argument('<file>', 'the backup file to write (a gzipped tarball; pg_dump custom format)')
    .option('--url <server>', 'the running server (default NLS_PUBLIC_URL, else 127.0.0.1:PORT)')
    .option(
      '--token <admin-token>',
      "an admin token of that server, to back up over HTTP (default NLS_ADMIN_TOKEN; not needed when the server's command socket in the data directory answers)",
    )
    .action(async (file: string, raw: { url?: string; token?: string }) => {
      const opts = ServerOptions.safeParse(raw)
      if (!opts.success) throw new UsageError(opts.error.issues[0]!.message)
      // Handed to the running server through its socket: it copies the database it holds.
      if (io.database) return backupHeldDatabase(io, file, io.database)
      const config = loadConfig(io.env)
      if (opts.data.url !== undefined) return backupThroughServer(io, file, config, opts.data)
      if (config.database.kind === 'postgres') return pgDump(io, file, config.database.url)
      try {
        const database = await openDatabase(config.database)
        try {
          await writeAtomically(file, await database.dumpDataDir!())
        } finally {
          await database.close()
        }
        io.err(`backup of ${config.database.dataDir} written to ${file}\n`)
      } catch (err) {
        if (!(err instanceof DataDirInUse)) throw err
        // The server holds the data directory: only it can take a consistent copy. Its command
        // socket needs no token; over HTTP, when asked for or when no server answers there.
        const overHttp = () => backupThroughServer(io, file, config, opts.data)
        if (opts.data.token !== undefined) return overHttp()
        throw new HeldByServer(err, overHttp)
      }
    })
}

/** `nls restore <file>`: the embedded database from a backup, into an empty data directory. */
export function restoreCommand(io: Io): Command {
  return new Command('restore')
    .description(
      'restore the embedded database (NLS_DATA_DIR) from a backup, with the server stopped; for DATABASE_URL use pg_restore',
    )
    .argument('<file>', 'a backup written by nls backup')
    .option('--force', 'replace a data directory that already holds a database (it is kept aside)')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig(io.env).database
      if (config.kind === 'postgres') {
        throw new CommandFailed(
          bilingual(
            `bản cài đặt này dùng máy chủ PostgreSQL (${redactUrl(config.url)}): khôi phục bản sao pg_dump -Fc bằng pg_restore --clean --if-exists -d <database> <file>`,
            `this installation uses a PostgreSQL server (${redactUrl(config.url)}): restore a pg_dump -Fc backup with pg_restore --clean --if-exists -d <database> <file>`,
          ),
        )
      }
      const tarball = await readFile(file).catch((err: unknown) => {
        throw unreadableFile(file, err)
      })
      // Refused while a server runs: two processes on one PGlite directory corrupt it.
      const lock = await lockDataDir(config.dataDir)
      try {
        const target = join(config.dataDir, PGLITE_FOLDER)
        const existing = await readdir(target).catch(() => [])
        let aside: string | undefined
        if (existing.length > 0) {
          if (!opts.force) {
            throw new CommandFailed(
              bilingual(
                `${target} đã có một cơ sở dữ liệu: khôi phục vào một thư mục dữ liệu trống, hoặc thêm --force để thay nó (cơ sở dữ liệu cũ được giữ lại bên cạnh)`,
                `${target} already holds a database: restore into an empty data directory, or add --force to replace it (the old one is kept aside)`,
              ),
            )
          }
          aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
          await rename(target, aside)
        }
        try {
          const client = await PGlite.create({
            dataDir: target,
            loadDataDir: new Blob([tarball]),
            ...(await pgliteAssets()),
          })
          await client.query('select 1')
          await client.close()
        } catch (err) {
          await rm(target, { recursive: true, force: true })
          if (aside) await rename(aside, target)
          throw new CommandFailed(
            bilingual(
              `${file} không phải bản sao lưu NLS khôi phục được`,
              `${file} is not a backup NLS can restore: ${oneLine((err as Error).message)}`,
            ),
            { cause: err },
          )
        }
        io.err(
          `restored ${file} into ${config.dataDir}${aside ? `; the database it held is kept in ${aside}` : ''}\n`,
        )
      } finally {
        await lock.release()
      }
    })
}

async function backupThroughServer(
  io: Io,
  file: string,
  config: ReturnType<typeof loadConfig>,
  opts: { readonly url?: string | undefined; readonly token?: string | undefined },
): Promise<void> {
  const base = opts.url ?? config.publicUrl ?? `http://127.0.0.1:${config.port}`
  const token = opts.token ?? io.env.NLS_ADMIN_TOKEN
  if (!token) {
    throw new UsageError(
      bilingual(
        `máy chủ đang chạy giữ thư mục dữ liệu nên bản sao lưu được lấy qua máy chủ: cho --token <mã quản trị> (hoặc NLS_ADMIN_TOKEN), và --url nếu máy chủ không ở ${base}`,
        `the running server holds the data directory, so the backup is taken through it: give --token <admin token> (or NLS_ADMIN_TOKEN), and --url if it is not at ${base}`,
      ),
    )
  }
  const url = new URL('api/admin/backup', base.endsWith('/') ? base : `${base}/`)
  let response: Response
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  } catch (err) {
    throw new CommandFailed(
      bilingual(
        `không kết nối được máy chủ ở ${url.origin}`,
        `cannot reach the server at ${url.origin}: ${oneLine((err as Error).message)}`,
      ),
    )
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string }
    throw new CommandFailed(
      bilingual(
        `máy chủ từ chối sao lưu (${response.status} ${body.code ?? ''})`,
        `the server refused the backup (${response.status} ${body.code ?? ''}): ${body.message ?? response.statusText}`,
      ),
    )
  }
  await writeAtomically(file, await response.blob())
  io.err(`backup taken by the server at ${url.origin} written to ${file}\n`)
}

/** The copy the running server takes of the database it holds, in the command's folder. */
async function backupHeldDatabase(io: Io, file: string, database: Database): Promise<void> {
  if (!database.dumpDataDir) {
    throw new BackupUnavailable(`${database.description} cannot be copied by NLS: use pg_dump`)
  }
  await writeAtomically(localPath(io, file), await database.dumpDataDir())
  io.err(`backup taken by the running server written to ${file}\n`)
}

/** pg_dump's custom format, which pg_restore reads; pg_dump must be on PATH. */
async function pgDump(io: Io, file: string, url: string): Promise<void> {
  try {
    await promisify(execFile)('pg_dump', ['-Fc', '--no-owner', '-f', file, '-d', url], {
      env: { ...process.env, ...io.env },
    })
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT') {
      throw new CommandFailed(
        bilingual(
          `bản cài đặt này dùng máy chủ PostgreSQL (${redactUrl(url)}): sao lưu bằng pg_dump -Fc -f ${file} "<DATABASE_URL>" (ở đây không có pg_dump trong PATH)`,
          `this installation uses a PostgreSQL server (${redactUrl(url)}): back it up with pg_dump -Fc -f ${file} "<DATABASE_URL>" (pg_dump is not on PATH here)`,
        ),
      )
    }
    throw new CommandFailed(
      bilingual('pg_dump thất bại', `pg_dump failed: ${oneLine(e.stderr ?? e.message)}`),
    )
  }
  io.err(`pg_dump -Fc of ${redactUrl(url)} written to ${file}\n`)
}

/** Written aside and renamed, so a file named as a backup is always a whole one. */
async function writeAtomically(file: string, data: Blob): Promise<void> {
  const partial = `${file}.partial`
  await writeFile(partial, Buffer.from(await data.arrayBuffer()), { mode: 0o600 })
  await rename(partial, file)
}
