// A real LRS for tests: Learning Locker's statements service (xapi-statements, GPL-3.0) run as a
// separate process, never bundled (REFERENCE.md). Bound to 127.0.0.1; statements in memory.
// It is installed in test/lrs, apart from the product (jest's global setup installs it there).
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ENTRY = fileURLToPath(
  new URL('../lrs/node_modules/xapi-statements/dist/index.js', import.meta.url),
)

// It listens on all interfaces, and an unhandled rejection can end it under Node 20.
const PRELOAD = `const net = require('net')
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (port, ...rest) {
  if (typeof port === 'number') return listen.call(this, port, '127.0.0.1', ...rest.filter((a) => typeof a === 'function'))
  return listen.call(this, port, ...rest)
}
process.on('unhandledRejection', () => {})
`

export interface RealLrs {
  /** The xAPI base URL, e.g. http://127.0.0.1:PORT/xAPI/ */
  readonly endpoint: string
  readonly port: number
  /** Any Basic credentials work (AUTH_REPO=test). */
  readonly auth: string
  stop(): Promise<void>
}

/** Starts the LRS, on `port` if given (to bring it back where it was), and waits until it answers. */
export async function startRealLrs(port?: number): Promise<RealLrs> {
  if (!existsSync(ENTRY)) {
    throw new Error('the test LRS is not installed: run `npm ci --prefix test/lrs`')
  }
  const dir = await mkdtemp(join(tmpdir(), 'nls-lrs-'))
  await writeFile(join(dir, 'preload.cjs'), PRELOAD)
  const chosen = port ?? (await freePort())
  const child: ChildProcess = spawn(process.execPath, ['-r', join(dir, 'preload.cjs'), ENTRY], {
    env: {
      ...process.env,
      MODELS_REPO: 'memory',
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      STORAGE_REPO: 'local',
      FS_LOCAL_STORAGE_DIR: dir,
      EXPRESS_PORT: String(chosen),
      WINSTON_CONSOLE_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const endpoint = `http://127.0.0.1:${chosen}/xAPI/`
  const auth = `Basic ${Buffer.from('nls:test').toString('base64')}`
  // A bound, not a wait: on a busy machine the LRS (aws-sdk and all) takes a while to load.
  const until = Date.now() + 100_000
  for (;;) {
    try {
      const res = await fetch(`${endpoint}about`, { headers: { authorization: auth } })
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > until || child.exitCode !== null) throw new Error('the test LRS did not start')
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    endpoint,
    port: chosen,
    auth,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGKILL')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}
