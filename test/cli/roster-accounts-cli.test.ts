// `nls roster import --accounts`: teachers' accounts made from the roster in one step, their first
// passwords in a file only its owner reads (or on stdout), made once; and the teacher signs in
// with the password handed out. The CLI and the server on one real database.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { loadConfig } from '../../src/config/config.ts'
import { createLogger } from '../../src/server/logger.ts'
import { startServer } from '../../src/server/start-server.ts'
import { type CommandLine, openCommandLine } from '../support/cli.ts'
import { createTestPlace } from '../support/test-database.ts'

let place: Awaited<ReturnType<typeof createTestPlace>>
let cli: CommandLine
let folder: string
let school: string
beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  cli = await openCommandLine(place)
  folder = await mkdtemp(join(tmpdir(), 'nls-roster-accounts-'))
  school = (await nls('tenant', 'add', '--name', 'THCS Giảng Võ')).out.trim()
}, 60_000)
afterAll(async () => {
  await cli.close()
  await place.remove()
})

const nls = (...argv: string[]) => cli.run(place.env, ...argv)

async function rosterFile(name: string, text: string): Promise<string> {
  const file = join(folder, name)
  await writeFile(file, text)
  return file
}

describe('nls roster import --accounts', () => {
  type Row = { username: string; email: string; name: string; password: string }
  let passwords: Row[]

  it('makes an account for each person with an email, the passwords in a new 0600 CSV file', async () => {
    const roster = await rosterFile(
      'roster.csv',
      'email,ho_ten,don_vi\nan@gv.vn,Nguyễn Văn An,Tổ Toán\nBinh@GV.vn,"Trần, Thị Bình",Tổ Văn\n',
    )
    const out = join(folder, 'passwords.csv')
    const done = await nls(
      ...['roster', 'import', roster, '--tenant', school, '--accounts'],
      ...['--passwords-out', out],
    )
    expect(done.code).toBe(0)
    expect(done.out).toBe(
      `roster: 2 added, 0 updated\n2 teacher account(s) made; their first passwords are in ${out}\n`,
    )
    expect((await stat(out)).mode & 0o777).toBe(0o600)
    const text = await readFile(out, 'utf8')
    expect(text.startsWith('\uFEFFusername,email,name,password\r\n')).toBe(true)
    passwords = parse(text, { bom: true, columns: true }) as Row[]
    expect(passwords).toEqual([
      {
        username: 'an@gv.vn',
        email: 'an@gv.vn',
        name: 'Nguyễn Văn An',
        password: expect.stringMatching(/^[a-km-zA-HJ-NP-Z2-9]{16}$/) as unknown as string,
      },
      {
        username: 'binh@gv.vn',
        email: 'binh@gv.vn',
        name: 'Trần, Thị Bình',
        password: expect.stringMatching(/^[a-km-zA-HJ-NP-Z2-9]{16}$/) as unknown as string,
      },
    ])
    expect(done.out + done.err).not.toContain(passwords[0]!.password)
    expect((await nls('account', 'list', '--tenant', school)).out).toBe(
      'an@gv.vn  teacher  active\nbinh@gv.vn  teacher  active\n',
    )
  })

  it('makes none again on a re-import; a new person gets one, the password on stdout', async () => {
    const roster = await rosterFile(
      'roster-2.csv',
      'email,ho_ten\nan@gv.vn,Nguyễn Văn An\nbinh@gv.vn,Trần Thị Bình\nchi@gv.vn,Lê Chi\n',
    )
    const again = await nls('roster', 'import', roster, '--tenant', school, '--accounts')
    expect(again.code).toBe(0)
    expect(again.err).toContain(
      '1 teacher account(s) made; their first passwords are shown only now',
    )
    const lines = again.out.split('\n')
    expect(lines[0]).toBe('roster: 1 added, 2 updated')
    expect(lines[1]).toBe('username   email      name    password')
    expect(lines[2]).toMatch(/^chi@gv\.vn {2}chi@gv\.vn {2}Lê Chi {2}[a-km-zA-HJ-NP-Z2-9]{16}$/)
    expect(lines.slice(3)).toEqual([''])
    const none = await nls('roster', 'import', roster, '--tenant', school, '--accounts')
    expect(none.out).toBe('roster: 0 added, 3 updated\n')
    expect(none.err).toContain('0 teacher account(s) made')
  })

  it('refuses a passwords file that exists, or without --accounts, before importing anything', async () => {
    const roster = await rosterFile('roster-3.csv', 'email\ndung@gv.vn\n')
    const out = join(folder, 'passwords.csv')
    const before = await readFile(out, 'utf8')
    const exists = await nls(
      ...['roster', 'import', roster, '--tenant', school, '--accounts'],
      ...['--passwords-out', out],
    )
    expect(exists.code).toBe(2)
    expect(exists.err).toContain(`--passwords-out ${out} exists already; name a new file`)
    expect(await readFile(out, 'utf8')).toBe(before)
    const alone = await nls(
      ...['roster', 'import', roster, '--tenant', school, '--passwords-out', join(folder, 'x.csv')],
    )
    expect(alone.code).toBe(2)
    expect(alone.err).toContain('--passwords-out goes with --accounts')
    expect((await nls('account', 'list', '--tenant', school)).out).not.toContain('dung@gv.vn')
    // A roster with problems makes no accounts, and leaves no passwords file behind.
    const bad = await rosterFile('roster-4.csv', 'email\nkhong-phai-email\n')
    const refused = await nls(
      ...['roster', 'import', bad, '--tenant', school, '--accounts'],
      ...['--passwords-out', join(folder, 'none.csv')],
    )
    expect(refused.code).toBe(1)
    await expect(stat(join(folder, 'none.csv'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('lets the teacher sign in at /login with the password handed out, to their own profile', async () => {
    await cli.closedWhile(async () => {
      const nlsServer = await startServer(
        loadConfig({ PORT: '0', HOST: '127.0.0.2', LOG_LEVEL: 'silent', ...place.env }),
        createLogger('silent'),
      )
      try {
        const signIn = (password: string) =>
          fetch(`${nlsServer.url}/login`, {
            method: 'POST',
            body: new URLSearchParams({ username: 'an@gv.vn', password }),
            redirect: 'manual',
          })
        const wrong = await signIn(passwords[1]!.password)
        expect(wrong.status).not.toBe(303)
        const res = await signIn(passwords[0]!.password)
        expect(res.status).toBe(303)
        expect(res.headers.get('location')).toBe('/app/profile')
        const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
        const profile = await fetch(`${nlsServer.url}/app/profile`, { headers: { cookie } })
        expect(profile.status).toBe(200)
        expect(await profile.text()).toContain('Nguyễn Văn An')
        const roster = await fetch(`${nlsServer.url}/app/roster`, {
          headers: { cookie },
          redirect: 'manual',
        })
        expect(roster.status).toBe(403)
      } finally {
        await nlsServer.close()
      }
    })
  }, 60_000)
})
