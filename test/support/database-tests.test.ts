// The PostgreSQL run's filter (jest.config.js): which test files reach a database.
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const databaseTests = createRequire(import.meta.url)('./database-tests.cjs') as (
  paths: string[],
) => Promise<{ filtered: { test: string }[] }>

const root = fileURLToPath(new URL('../..', import.meta.url))

it('keeps the tests that import test-database.ts, directly or through other modules', async () => {
  const paths = [
    'test/store/tag-store.test.ts', // imports it
    'test/cli/inference-cli.test.ts', // imports it among others
    'test/statements/xapi-endpoint.test.ts', // through nls-server.ts
    'test/writeback/gradebook.test.ts', // through other support modules
    'src/inference/levels.test.ts', // the functional core
    'statements/xapi/statement.test.ts', // a parser
    'test/store/data-dir-lock.test.ts', // the embedded database's own files
  ].map((p) => resolve(root, p))
  const { filtered } = await databaseTests(paths)
  expect(filtered.map((f) => f.test)).toEqual(paths.slice(0, 4))
})
