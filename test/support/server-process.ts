// Runs `nls serve` as a real child process, as `npm start` does, and reads what it prints.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const NLS = fileURLToPath(new URL('../../bin/nls.js', import.meta.url))

/** Node's options in `npm start` (package.json), e.g. its heap size: the server runs as deployed. */
const START_NODE_ARGS = (() => {
  const { scripts } = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { scripts: { start: string } }
  const args = /^node((?: --\S+)*) bin\/nls\.js serve$/.exec(scripts.start)?.[1]
  if (args === undefined) throw new Error(`npm start is not "node [options] bin/nls.js serve"`)
  return args.split(' ').filter(Boolean)
})()

/** The test runner's environment without the variables that choose a database or an address. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const key of ['DATABASE_URL', 'NLS_DATA_DIR', 'NLS_PUBLIC_URL', 'PORT', 'HOST'])
    delete env[key]
  return env
}

export interface ServerProcess {
  readonly url: string
  readonly child: ChildProcess
  /** Everything written so far: JSON log lines on stdout, people's lines on stderr. */
  readonly stdout: () => string
  readonly stderr: () => string
  /** The structured log lines so far. */
  readonly logs: () => Record<string, unknown>[]
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  readonly exited: Promise<number | null>
}

/** Starts `nls serve` on a random port with `env` added; resolves once it says where it listens. */
export async function startServerProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...START_NODE_ARGS, ...nodeArgs, NLS, 'serve'], {
    env: { ...baseEnv(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening: (http:\/\/\S+)/.exec(stderr)
      if (match?.[1]) {
        clearInterval(timer)
        resolve(match[1])
      }
    }, 20)
    void exited.then((code) => {
      clearInterval(timer)
      reject(new Error(`nls serve exited with ${code} before listening:\n${stderr}`))
    })
  })
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    logs: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: (signal = 'SIGTERM') => {
      child.kill(signal)
      return exited
    },
    exited,
  }
}

/** Runs `nls <args>` to completion. */
export function runNls(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [NLS, ...args], {
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}
