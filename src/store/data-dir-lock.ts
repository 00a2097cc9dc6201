import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DataDirInUse } from './errors.ts'

/** Held while this process uses the data directory; release() gives it up. */
export interface DataDirLock {
  release(): Promise<void>
}

const LOCK_FILE = 'nls.pid'
/** Lock files this process holds (a container restarted as pid 1 must not mistake an old one). */
const held = new Set<string>()

/**
 * Takes the data directory for this process. PGlite is a single-process database: two processes
 * writing one directory would corrupt it, so a second one is refused while the first is alive.
 * A lock left by a process that died is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx')
      await file.writeFile(`${process.pid}\n`)
      await file.close()
      held.add(path)
      return {
        release: async () => {
          held.delete(path)
          await rm(path, { force: true })
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
      const ours = holder === process.pid
      if ((ours && held.has(path)) || (!ours && Number.isInteger(holder) && isAlive(holder))) {
        throw new DataDirInUse(dataDir, holder)
      }
      await rm(path, { force: true })
    }
  }
  throw new DataDirInUse(dataDir, Number.NaN)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
