import { chmod, mkdir, readFile, rm } from 'node:fs/promises'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { z } from 'zod'
import type { Database } from '../store/database.ts'
import type { DataDirInUse } from '../store/errors.ts'
import { type Io, localPath } from './io.ts'
import { debugRequested, reportError } from './report-error.ts'

/**
 * While the server holds the embedded database's data directory, `nls` commands reach that
 * database through the server: the command line is sent over a Unix socket in the data
 * directory, the server runs it on the database it holds, and what the command writes comes
 * back. The socket sits in a folder only the server's user may enter, so being able to use it
 * is being able to read the data directory itself.
 */

/** The folder of the socket, inside the data directory. */
const RUN_FOLDER = 'run'
const SOCKET_FILE = 'nls.sock'
/** The longest Unix socket path every platform accepts (sun_path is 104 bytes on macOS). */
const MAX_SOCKET_PATH = 103
/** A command line is short: anything longer is not one. */
const MAX_REQUEST_BYTES = 64 * 1024

/** The socket of the server that holds `dataDir`. */
export function commandSocketPath(dataDir: string): string {
  return join(dataDir, RUN_FOLDER, SOCKET_FILE)
}

const CommandRequest = z.object({
  argv: z.array(z.string().max(MAX_REQUEST_BYTES)).max(200),
  cwd: z.string().min(1),
})
type CommandRequest = z.infer<typeof CommandRequest>

const CommandReply = z.union([
  z.object({ out: z.string() }),
  z.object({ err: z.string() }),
  z.object({ exit: z.number().int() }),
])
type CommandReply = z.infer<typeof CommandReply>

/** Commands that make no sense inside the running server. */
const REFUSED: Readonly<Record<string, string>> = {
  serve: 'máy chủ đã chạy trên thư mục dữ liệu này / a server already runs on this data directory',
  restore: 'hãy dừng máy chủ trước khi khôi phục / stop the server before restoring its database',
}

/** Runs a command line as `nls` would, writing through `io`; resolves to the exit code. */
export type RunCommand = (argv: readonly string[], io: Io) => Promise<number>

export interface CommandSocketOptions {
  readonly dataDir: string
  readonly database: Database
  /** The server's environment, which the commands read their configuration from. */
  readonly env: Io['env']
  readonly run: RunCommand
  readonly onCommand?: (command: readonly string[]) => void
  readonly onError?: (err: unknown) => void
}

/** The listening socket; close() stops taking commands and removes it. */
export interface CommandSocket {
  readonly path: string
  close(): Promise<void>
}

/**
 * Takes commands on the data directory's socket. The caller holds the data directory, so a
 * socket file left there is a dead server's and is replaced. Undefined when the path is too long
 * for a socket (the command line then asks for the server to be stopped, as before).
 */
export async function listenForCommands(
  options: CommandSocketOptions,
): Promise<CommandSocket | undefined> {
  const path = commandSocketPath(options.dataDir)
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return undefined
  const folder = join(options.dataDir, RUN_FOLDER)
  await mkdir(folder, { recursive: true, mode: 0o700 })
  await chmod(folder, 0o700)
  await rm(path, { force: true })
  const server = createServer((socket) => {
    serveConnection(socket, options).catch((err: unknown) => {
      options.onError?.(err)
      socket.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => {
      server.off('error', reject)
      resolve()
    })
  })
  await chmod(path, 0o600)
  return { path, close: () => closeServer(server, path) }
}

async function closeServer(server: Server, path: string): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(path, { force: true })
}

async function serveConnection(socket: Socket, options: CommandSocketOptions): Promise<void> {
  const request = await readRequest(socket)
  const send = (reply: CommandReply) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`)
  }
  if (!request) {
    send({ err: 'nls: yêu cầu không hợp lệ / not a command request\n' })
    send({ exit: 2 })
    socket.end()
    return
  }
  const refusal = REFUSED[request.argv[0] ?? '']
  if (refusal) {
    send({ err: `nls: ${refusal}\n` })
    send({ exit: 1 })
    socket.end()
    return
  }
  options.onCommand?.(request.argv.slice(0, 2))
  const io: Io = {
    out: (text) => send({ out: text }),
    err: (text) => send({ err: text }),
    readFile: (file) => readFile(localPath({ cwd: request.cwd }, file), 'utf8'),
    env: options.env,
    cwd: request.cwd,
    database: options.database,
  }
  let code: number
  try {
    code = await options.run(request.argv, io)
  } catch (err) {
    // The same one line as at a terminal; its stack only when the server's NLS_DEBUG asks.
    options.onError?.(err)
    const report = reportError(err, debugRequested(options.env))
    send({ err: report.text })
    code = report.exitCode
  }
  send({ exit: code })
  socket.end()
}

/** The first line of the connection, as a command request; undefined when it is not one. */
async function readRequest(socket: Socket): Promise<CommandRequest | undefined> {
  let size = 0
  socket.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_REQUEST_BYTES * 4) socket.destroy()
  })
  const lines = createInterface({ input: socket, crlfDelay: Infinity })
  for await (const line of lines) {
    lines.close()
    try {
      const parsed = CommandRequest.safeParse(JSON.parse(line))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}

/**
 * Hands a command line to the server that holds the data directory and relays what it writes;
 * resolves to the command's exit code. When no server answers on the socket, the data directory
 * is held by something else: the original refusal stands.
 */
export async function sendToServer(
  io: Io,
  argv: readonly string[],
  held: DataDirInUse,
): Promise<number> {
  const path = commandSocketPath(held.dataDir)
  const socket = await new Promise<Socket | undefined>((resolve) => {
    const s = connect(path)
    s.once('connect', () => resolve(s))
    s.once('error', () => resolve(undefined))
  })
  if (!socket) throw held
  const request: CommandRequest = { argv: [...argv], cwd: io.cwd ?? process.cwd() }
  socket.write(`${JSON.stringify(request)}\n`)
  let exit: number | undefined
  const lines = createInterface({ input: socket, crlfDelay: Infinity })
  socket.on('error', () => lines.close())
  for await (const line of lines) {
    const reply = CommandReply.safeParse(safeJson(line))
    if (!reply.success) continue
    if ('out' in reply.data) io.out(reply.data.out)
    else if ('err' in reply.data) io.err(reply.data.err)
    else exit = reply.data.exit
  }
  if (exit === undefined) {
    io.err('nls: máy chủ ngắt kết nối giữa chừng / the server closed the connection mid-command\n')
    return 1
  }
  return exit
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}
