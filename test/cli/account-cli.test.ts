import { jest } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI_TEST_TIMEOUT_MS, type CommandLine, openCommandLine } from '../support/cli.ts'
import { createTestPlace } from '../support/test-database.ts'

jest.setTimeout(CLI_TEST_TIMEOUT_MS)

let place: Awaited<ReturnType<typeof createTestPlace>>
let cli: CommandLine
beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  cli = await openCommandLine(place)
})
afterAll(async () => {
  await cli.close()
  await place.remove()
})

const nls = (...argv: string[]) => cli.run(place.env, ...argv)

describe('nls tenant add, account, roster import', () => {
  let district: string
  let school: string

  it('adds a district and a school in it, and lists them', async () => {
    district = (
      await nls('tenant', 'add', '--name', 'Phòng GD&ĐT Ba Đình', '--organisation')
    ).out.trim()
    school = (
      await nls('tenant', 'add', '--name', 'THCS Giảng Võ', '--parent', district)
    ).out.trim()
    const list = (await nls('tenant', 'list')).out
    expect(list).toContain(`${district}  organisation  Phòng GD&ĐT Ba Đình\n`)
    expect(list).toContain(`${school}  organisation  THCS Giảng Võ  in ${district}\n`)
    const bad = await nls('tenant', 'add', '--name', 'X', '--parent', school)
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('is not a district')
  })

  it('makes an account with a password shown once; refuses a taken name; lists, resets, disables', async () => {
    const made = await nls(
      ...['account', 'add', '--tenant', school, '--username', 'hieutruong'],
      ...['--role', 'manager', '--email', 'HT@gv.edu.vn'],
    )
    expect(made.code).toBe(0)
    expect(made.out).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}\n$/)
    const again = await nls(
      'account',
      'add',
      '--tenant',
      school,
      '--username',
      'hieutruong',
      '--role',
      'trainer',
    )
    expect(again.code).not.toBe(0)
    expect(again.err).toContain('the user name hieutruong is taken')
    expect(
      (await nls('account', 'add', '--tenant', school, '--username', 'X Y', '--role', 'manager'))
        .err,
    ).toContain('--username must be 3–64 lower-case letters')
    expect(
      (await nls('account', 'add', '--tenant', school, '--username', 'abc', '--role', 'boss')).err,
    ).toContain('--role must be manager, trainer or teacher')
    expect((await nls('account', 'list', '--tenant', school)).out).toBe(
      'hieutruong  manager  active\n',
    )
    const reset = await nls('account', 'password', '--tenant', school, '--username', 'hieutruong')
    expect(reset.out.trim()).not.toBe(made.out.trim())
    expect(
      (await nls('account', 'disable', '--tenant', school, '--username', 'hieutruong')).code,
    ).toBe(0)
    expect((await nls('account', 'list', '--tenant', school)).out).toMatch(
      /^hieutruong {2}manager {2}disabled /,
    )
    expect((await nls('account', 'disable', '--tenant', school, '--username', 'nobody')).code).toBe(
      1,
    )
  })

  it('imports a roster, all or nothing unless --valid-only, naming each problem', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'nls-roster-')), 'roster.csv')
    await writeFile(file, 'email,name,unit,table\nan@gv.vn,An,Tổ Toán,PT\nbad,B,,\n')
    const refused = await nls('roster', 'import', file, '--tenant', school)
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(
      'Hàng 2 (dòng 3), cột email: "bad" không phải địa chỉ email / row 2 (line 3): email: "bad" is not an email address',
    )
    expect(refused.err).toContain('nothing imported')
    const done = await nls('roster', 'import', file, '--tenant', school, '--valid-only')
    expect(done.out).toBe('roster: 1 added, 0 updated\n')
    const again = await nls('roster', 'import', file, '--tenant', school, '--valid-only')
    expect(again.out).toBe('roster: 0 added, 1 updated\n')
  })

  it('makes a teacher an account (a learner), lists it, changes its role, refuses other roles', async () => {
    const made = await nls(
      ...['account', 'add', '--tenant', school, '--username', 'gv.an'],
      ...['--role', 'teacher', '--email', ' An@GV.vn '],
    )
    expect(made.code).toBe(0)
    expect(made.err).toContain('account gv.an (teacher) created')
    expect((await nls('account', 'list', '--tenant', school)).out).toContain(
      'gv.an  teacher  active\n',
    )
    const trainer = await nls(
      ...['account', 'role', '--tenant', school, '--username', 'gv.an', '--role', 'trainer'],
    )
    expect(trainer.out).toBe('account gv.an is now a trainer\n')
    expect((await nls('account', 'list', '--tenant', school)).out).toContain(
      'gv.an  trainer  active\n',
    )
    const teacher = await nls(
      ...['account', 'role', '--tenant', school, '--username', 'gv.an', '--role', 'teacher'],
    )
    expect(teacher.out).toBe('account gv.an is now a teacher\n')
    expect((await nls('account', 'list', '--tenant', school)).out).toContain(
      'gv.an  teacher  active\n',
    )
    for (const role of ['learner', 'toString', 'Teacher']) {
      const refused = await nls(
        ...['account', 'role', '--tenant', school, '--username', 'gv.an', '--role', role],
      )
      expect(refused.code).toBe(2)
      expect(refused.err).toContain('--role must be manager, trainer or teacher')
    }
    const added = await nls(
      ...['account', 'add', '--tenant', school, '--username', 'gv.binh', '--role', 'toString'],
    )
    expect(added.code).toBe(2)
    expect(added.err).toContain('--role must be manager, trainer or teacher')
    expect((await nls('account', 'list', '--tenant', school)).out).not.toContain('gv.binh')
  })
})
