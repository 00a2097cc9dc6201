// The migrations are generated from src/store/schema; a schema edit without its migration would
// reach production databases as nothing at all. drizzle-kit generate must find nothing to do.
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const root = fileURLToPath(new URL('../..', import.meta.url))

it('src/store/schema and src/store/migrations agree', async () => {
  const copy = await mkdtemp(join(tmpdir(), 'nls-migrations-'))
  try {
    await cp(join(root, 'src/store/migrations'), copy, { recursive: true })
    const before = await readdir(copy, { recursive: true })
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'node_modules/drizzle-kit/bin.cjs'),
        'generate',
        '--dialect=postgresql',
        '--schema=./src/store/schema/index.ts',
        // drizzle-kit wants a path relative to the working directory.
        `--out=${relative(root, copy)}`,
        '--casing=snake_case',
        '--prefix=timestamp',
      ],
      { cwd: root },
    )
    expect(stdout).toContain('No schema changes, nothing to migrate')
    expect(await readdir(copy, { recursive: true })).toEqual(before)
  } finally {
    await rm(copy, { recursive: true, force: true })
  }
})
