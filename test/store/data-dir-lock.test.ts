import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/database.ts'
import { lockDataDir } from '../../src/store/data-dir-lock.ts'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nls-lock-'))
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

describe('the embedded database belongs to one process at a time', () => {
  it('a second open of the same data directory is refused while the first is open', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir })
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toMatchObject({
        code: 'ERR_STORE_DATA_DIR_IN_USE',
        message: `the data directory ${dataDir} is in use by another NLS process (pid ${process.pid}); stop it first, or share a PostgreSQL server between processes with DATABASE_URL`,
      })
    } finally {
      await first.close()
    }
    const again = await openDatabase({ kind: 'pglite', dataDir })
    await again.close()
    // Two opens of a new embedded database (each migrating it) take a while on a busy machine.
  }, 180_000)

  it('a lock left by a process that died is taken over', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
    await writeFile(join(dataDir, 'nls.pid'), `${dead.stdout.toString()}\n`)
    const lock = await lockDataDir(dataDir)
    expect(await readFile(join(dataDir, 'nls.pid'), 'utf8')).toBe(`${process.pid}\n`)
    await lock.release()
  })

  it('a lock with our own pid that this process does not hold is stale (a restarted container)', async () => {
    await writeFile(join(dataDir, 'nls.pid'), `${process.pid}\n`)
    const lock = await lockDataDir(dataDir)
    await expect(lockDataDir(dataDir)).rejects.toMatchObject({
      code: 'ERR_STORE_DATA_DIR_IN_USE',
    })
    await lock.release()
  })
})
