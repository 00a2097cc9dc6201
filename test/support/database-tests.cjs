// jest `filter` of the PostgreSQL run (jest.config.js): the test files that reach a database, by
// importing test-database.ts directly or through other modules. The rest (the functional core,
// parsers, the embedded database's own files) behaves the same whatever TEST_DATABASE_URL says,
// and has run once already in the PGlite run.
// CommonJS: jest takes a filter's module.exports as the function.
const { readFileSync } = require('node:fs')
const { dirname, resolve } = require('node:path')

const DATABASE = resolve(__dirname, 'test-database.ts')
// Relative module specifiers of static imports and exports, side-effect imports and import().
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g

/** The file a relative specifier names (`./x.js` is `./x.ts`, as moduleNameMapper has it). */
function resolveFrom(file, specifier) {
  return resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))
}

/** Whether `file` imports test-database.ts, through any chain of relative imports. */
function reachesDatabase(file, known) {
  const cached = known.get(file)
  if (cached !== undefined) return cached
  known.set(file, false) // an import cycle adds nothing
  let text
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return false // a JSON file, an asset: not code
  }
  for (const [, specifier] of text.matchAll(SPECIFIER)) {
    const target = resolveFrom(file, specifier)
    if (target === DATABASE || reachesDatabase(target, known)) {
      known.set(file, true)
      return true
    }
  }
  return false
}

module.exports = async function databaseTests(testPaths) {
  const known = new Map()
  return { filtered: testPaths.filter((p) => reachesDatabase(p, known)).map((test) => ({ test })) }
}
