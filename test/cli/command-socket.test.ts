// While `nls serve` holds the embedded database, `nls` commands run through it: setting a school
// up (tenant, account, roster) works with the service running, and nothing else can take the
// data directory.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { commandSocketPath, listenForCommands } from '../../src/cli/command-socket.ts'
import { CommandFailed, type Io } from '../../src/cli/io.ts'
import { main } from '../../src/cli/main.ts'
import { bilingual, cliMessages } from '../../src/cli/messages.ts'
import { openDatabase } from '../../src/store/database.ts'
import { runCli } from '../support/cli.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'

jest.setTimeout(180_000)

let dir: string
let dataDir: string
let server: ServerProcess

/** Runs `nls <argv>` in this process from the folder `cwd`, as a person at a terminal would. */
async function nls(cwd: string, ...argv: string[]) {
  let out = ''
  let err = ''
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    readFile: (p) => readFile(p, 'utf8'),
    env: { NLS_DATA_DIR: dataDir },
    cwd,
  }
  const code = await main(argv, io)
  return { code, out, err }
}

/** What the server's command socket answers to one line. */
function sendLine(line: string, path = commandSocketPath(dataDir)): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = ''
    const socket = connect(path, () => socket.write(`${line}\n`))
    socket.setEncoding('utf8')
    socket.on('data', (d: string) => (text += d))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nls-sock-'))
  dataDir = join(dir, 'data')
  server = await startServerProcess({ NLS_DATA_DIR: dataDir })
})

afterAll(async () => {
  await server?.stop()
  await rm(dir, { recursive: true, force: true })
})

describe('nls commands while the server holds the embedded database', () => {
  let tenantId: string

  it('sets a school up through the running server: tenant, teacher account, sign-in', async () => {
    const tenant = await nls(dir, 'tenant', 'add', '--name', 'THCS Nguyễn Du')
    expect(tenant).toMatchObject({ code: 0, err: '' })
    tenantId = tenant.out.trim()
    expect(tenantId).toMatch(/^[0-9a-f-]{36}$/)

    const account = await nls(
      dir,
      'account',
      'add',
      '--tenant',
      tenantId,
      '--username',
      'gv.lan',
      '--role',
      'teacher',
      '--email',
      'lan@example.edu.vn',
    )
    expect(account.code).toBe(0)
    const password = /\S+/.exec(account.out.trim().split('\n').at(-1) ?? '')?.[0]
    expect(password).toBeDefined()

    // The running service sees the account at once: its sign-in works.
    const signIn = await fetch(`${server.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'gv.lan', password: password! }),
      redirect: 'manual',
    })
    expect(signIn.status).toBe(303)
    expect(server.logs().some((l) => l.msg === 'command from the command line')).toBe(true)
  })

  it('reads a relative file name in the folder the command was typed in', async () => {
    const work = join(dir, 'work')
    await rm(work, { recursive: true, force: true })
    await mkdir(work)
    await writeFile(
      join(work, 'nhan-su.csv'),
      'email,ho_ten,don_vi\nminh@example.edu.vn,Trần Minh,Tổ Toán\n',
    )
    const imported = await nls(work, 'roster', 'import', 'nhan-su.csv', '--tenant', tenantId)
    expect(imported).toMatchObject({ code: 0 })
    expect(imported.out).toMatch(/1 added/)

    const missing = await nls(work, 'roster', 'import', 'khong-co.csv', '--tenant', tenantId)
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/khong-co\.csv.*not found/)
  })

  it('passes on a failing command’s message and exit code', async () => {
    await writeFile(join(dir, 'one.csv'), 'email,ho_ten\nan@example.edu.vn,An\n')
    const unknown = '00000000-0000-4000-8000-000000000000'
    const failed = await nls(dir, 'roster', 'import', 'one.csv', '--tenant', unknown)
    expect(failed.code).toBe(2)
    expect(failed.err).toContain(`no tenant ${unknown}`)
  })

  it('refuses what cannot run inside the server: a second server, a restore', async () => {
    const restore = await sendLine(JSON.stringify({ argv: ['restore', 'x.tar.gz'], cwd: dir }))
    expect(restore).toContain('stop the server before restoring')
    expect(restore).toContain('{"exit":1}')
    const serve = await sendLine(JSON.stringify({ argv: ['serve'], cwd: dir }))
    expect(serve).toContain('a server already runs on this data directory')
    // Typed at a terminal, neither reaches the socket: they are refused as before.
    const typed = await nls(dir, 'restore', join(dir, 'one.csv'))
    expect(typed.code).not.toBe(0)
  })

  it('keeps the socket to the server’s user, and answers a line that is not a command', async () => {
    const path = commandSocketPath(dataDir)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect((await stat(join(dataDir, 'run'))).mode & 0o777).toBe(0o700)
    const reply = await sendLine('not json')
    expect(reply).toContain('not a command request')
    expect(reply).toContain('{"exit":2}')
  })

  it('backs up through the running server without a token; the copy restores elsewhere', async () => {
    const backup = await nls(dir, 'backup', 'sao-luu.tar.gz')
    expect(backup).toEqual({
      code: 0,
      out: '',
      err: 'backup taken by the running server written to sao-luu.tar.gz\n',
    })
    const file = join(dir, 'sao-luu.tar.gz')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    await expect(stat(`${file}.partial`)).rejects.toMatchObject({ code: 'ENOENT' })

    const fresh = { NLS_DATA_DIR: join(dir, 'restored') }
    expect(await runCli(fresh, 'restore', file)).toMatchObject({ code: 0 })
    const list = await runCli(fresh, 'tenant', 'list')
    expect(list.code).toBe(0)
    expect(list.out).toContain('THCS Nguyễn Du')
  })

  it('opens the database itself once the server has stopped', async () => {
    expect(await server.stop()).toBe(0)
    await expect(stat(commandSocketPath(dataDir))).rejects.toMatchObject({ code: 'ENOENT' })
    const list = await nls(dir, 'tenant', 'list')
    expect(list.code).toBe(0)
    expect(list.out).toContain('THCS Nguyễn Du')
  })
})

describe('a command that throws inside the server', () => {
  it('answers with the one bilingual line a terminal shows; a stack only with NLS_DEBUG', async () => {
    const held = join(dir, 'held')
    const database = await openDatabase({ kind: 'pglite', dataDir: held })
    const env: Record<string, string | undefined> = {}
    const failures: unknown[] = []
    const socket = await listenForCommands({
      dataDir: held,
      database,
      env,
      run: (argv) => {
        if (argv[0] === 'refuse') throw new CommandFailed(bilingual('không được', 'not allowed'))
        throw new Error('boom')
      },
      onError: (err) => failures.push(err),
    })
    try {
      const request = (command: string) =>
        sendLine(JSON.stringify({ argv: [command], cwd: dir }), socket!.path)
      expect(await request('refuse')).toBe(
        `${JSON.stringify({ err: 'nls: không được / not allowed\n' })}\n{"exit":1}\n`,
      )
      expect(await request('boom')).toBe(
        `${JSON.stringify({ err: `nls: ${cliMessages.unexpected('boom')}\n` })}\n{"exit":1}\n`,
      )
      env.NLS_DEBUG = '1'
      const debug = await request('boom')
      expect(debug).toContain(`nls: ${cliMessages.unexpected('boom')}\\nError: boom\\n    at `)
      expect(failures).toHaveLength(3)
    } finally {
      await socket?.close()
      await database.close()
    }
  })
})
