// Jest global setup: the real LRS the write-back tests talk to (Learning Locker's xapi-statements,
// GPL-3.0, about 380 packages with aws-sdk and newrelic) is installed here, apart from the product,
// so `npm ci --omit=dev` never brings it and `npm ci && npm test` still has it. Runs once per jest
// run, before any worker starts, and installs only when the pinned version is missing.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath, URL } from 'node:url'

const DIR = fileURLToPath(new URL('.', import.meta.url))

function readVersion(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(join(DIR, file), 'utf8')))
  } catch {
    return undefined
  }
}

/** Runs `npm ci` in test/lrs when xapi-statements is not installed at the version pinned there. */
export default function installTestLrs() {
  const wanted = readVersion('package.json', (p) => p.dependencies['xapi-statements'])
  const installed = readVersion('node_modules/xapi-statements/package.json', (p) => p.version)
  if (installed === wanted) return
  process.stderr.write(`\nInstalling the test LRS (xapi-statements ${wanted}) in test/lrs\n`)
  // Under `npm run`, use the same npm; otherwise the one on PATH.
  const npm = process.env.npm_execpath
  const [file, ...first] = npm ? [process.execPath, npm] : ['npm']
  execFileSync(
    file,
    [...first, 'ci', '--prefix', DIR, '--no-audit', '--no-fund', '--loglevel=error'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
}
