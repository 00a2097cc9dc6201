// The program `nls` runs: the TypeScript sources built into one JavaScript file (dist/nls.mjs) by
// esbuild, the first time and again whenever a source is newer than it. Loaded this way, the
// program takes about half the memory and start-up time of loading each source through tsx.
// Without esbuild (or if the build fails), the sources are loaded through tsx instead.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))
const DIST = fileURLToPath(new URL('../dist/', import.meta.url))
const PROGRAM = `${DIST}nls.mjs`
const META = `${DIST}nls.meta.json`

/** Whether the built program is newer than every source it was built from, here. */
async function isFresh() {
  try {
    const meta = JSON.parse(await readFile(META, 'utf8'))
    if (meta.root !== ROOT) return false
    await stat(PROGRAM)
    const times = await Promise.all(meta.inputs.map(async (file) => (await stat(file)).mtimeMs))
    return times.every((t) => t <= meta.startedAt)
  } catch {
    return false
  }
}

/**
 * Builds the program. Each source's `import.meta.url` is its own file's URL, as when it is loaded
 * alone (the migrations, framework data and plan examples are found beside the sources). Written
 * aside and renamed, so that processes starting together never read half a file.
 */
async function build() {
  const { build: esbuild } = await import('esbuild')
  const startedAt = Date.now()
  const aside = `${DIST}nls.${process.pid}.${startedAt}`
  await mkdir(DIST, { recursive: true })
  const result = await esbuild({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: `${aside}.mjs`,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'own-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
            const source = await readFile(args.path, 'utf8')
            return {
              contents: source.replaceAll(
                'import.meta.url',
                JSON.stringify(pathToFileURL(args.path).href),
              ),
              loader: args.path.endsWith('x') ? 'tsx' : 'ts',
            }
          })
        },
      },
    ],
  })
  const inputs = Object.keys(result.metafile.inputs).map((file) => `${ROOT}${file}`)
  await writeFile(`${aside}.json`, JSON.stringify({ root: ROOT, startedAt, inputs }))
  await rename(`${aside}.mjs`, PROGRAM)
  await rename(`${aside}.json`, META)
}

/** The URL of the program's main module to import: the built program, else the sources. */
export async function programUrl() {
  if (process.env.NLS_FROM_SOURCES !== '1') {
    try {
      if (!(await isFresh())) await build()
      return pathToFileURL(PROGRAM).href
    } catch {
      // (no esbuild here, or a source it cannot build: the sources say why when loaded)
    }
  }
  const { register } = await import('tsx/esm/api')
  register()
  return pathToFileURL(ENTRY).href
}
