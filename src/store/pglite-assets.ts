import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { PGliteOptions } from '@electric-sql/pglite'

type Assets = Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle'>

let assets: Promise<Assets> | undefined

/**
 * PGlite's WebAssembly, compiled, and its file bundle, read once per process: each PGlite opened
 * after the first (a console command run in the service's process, a restore's check, a test's
 * database) starts without compiling 9 MB of WebAssembly and reading 6 MB again. Should the
 * package keep them elsewhere, PGlite finds its own (an empty set of options).
 */
export function pgliteAssets(): Promise<Assets> {
  assets ??= load().catch(() => ({}))
  return assets
}

async function load(): Promise<Assets> {
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'))
  const [wasm, bundle] = await Promise.all([
    readFile(join(dist, 'pglite.wasm')),
    readFile(join(dist, 'pglite.data')),
  ])
  return {
    pgliteWasmModule: await WebAssembly.compile(wasm),
    fsBundle: new Blob([bundle]),
  }
}
