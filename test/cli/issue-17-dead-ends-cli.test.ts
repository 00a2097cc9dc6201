// Issue 17, item 8: the command line refuses what would break pages later, and a file it cannot
// read is one clear line with exit code 2, not a stack trace.
import { jest } from '@jest/globals'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI_TEST_TIMEOUT_MS, type CommandLine, openCommandLine } from '../support/cli.ts'
import { createTestPlace } from '../support/test-database.ts'

jest.setTimeout(CLI_TEST_TIMEOUT_MS)

let place: Awaited<ReturnType<typeof createTestPlace>>
let cli: CommandLine
let tenantId: string
let dir: string
beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  cli = await openCommandLine(place)
  dir = await mkdtemp(join(tmpdir(), 'nls-dead-ends-'))
  tenantId = (await nls('tenant', 'add', '--name', 'THCS Nghĩa Tân')).out.trim()
})
afterAll(async () => {
  await cli.close()
  await place.remove()
})

const nls = (...argv: string[]) => cli.run(place.env, ...argv)
const settings = (...argv: string[]) => nls('tenant', 'settings', '--tenant', tenantId, ...argv)

describe('nls tenant settings', () => {
  it('refuses a level the table does not have, listing its levels', async () => {
    expect(await settings('--target', 'TT18.PT=XX')).toEqual({
      code: 2,
      out: '',
      err: 'nls: --target: không có trong các khung năng lực đang áp dụng / --target TT18.PT=XX: no level XX for TT18.PT; accepted: CB, TT, NC\n',
    })
    expect((await settings('--target', 'TT02.NH.1.1=TT')).err).toBe(
      'nls: --target: không có trong các khung năng lực đang áp dụng / --target TT02.NH.1.1=TT: no level TT for TT02.NH.1.1; accepted: CB1, CB2, TC1, TC2, NC1, NC2, CS1, CS2\n',
    )
  })

  it('refuses a table or component the frameworks in force do not have', async () => {
    expect(await settings('--audience', 'TT18.XX')).toEqual({
      code: 2,
      out: '',
      err: 'nls: --audience: không có trong các khung năng lực đang áp dụng / --audience TT18.XX: no such table in the frameworks in force; accepted: TT18.MN, TT18.PT, TT18.QL, TT02.NH\n',
    })
    const component = await settings('--target', 'TT18.PT.9.9=CB')
    expect(component.code).toBe(2)
    expect(component.err).toMatch(
      /^nls: --target: không có trong các khung năng lực đang áp dụng \/ --target TT18\.PT\.9\.9=CB: no table or component TT18\.PT\.9\.9; accepted: a table \(TT18\.MN, TT18\.PT, TT18\.QL, TT02\.NH\) or a component of TT18\.PT: TT18\.PT\.1\.1, TT18\.PT\.1\.2, .*, TT18\.PT\.6\.4\n$/,
    )
    expect((await settings('--target', 'TT19.PT=CB')).err).toContain(
      'or a component of one, such as TT18.PT.1.1\n',
    )
    // Nothing was saved.
    expect(JSON.parse((await settings()).out)).toMatchObject({ audience: 'TT18.PT', targets: {} })
  })

  it('keeps tables, components and levels of the frameworks in force', async () => {
    const saved = await settings(
      ...['--audience', 'TT18.MN', '--target', 'TT18.MN=CB', '--target', 'TT18.MN.1.1=nc'],
    )
    expect(saved.code).toBe(0)
    expect(JSON.parse(saved.out)).toMatchObject({
      audience: 'TT18.MN',
      targets: { 'TT18.MN': 'CB', 'TT18.MN.1.1': 'NC' },
    })
    // Removing a target names no level.
    expect(JSON.parse((await settings('--target', 'TT18.MN=')).out).targets).toEqual({
      'TT18.MN.1.1': 'NC',
    })
  })
})

describe('a file that cannot be read', () => {
  it.each([
    ['roster', 'import', '--tenant'],
    ['tags', 'import', '--tenant'],
    ['framework', 'import', '--check'],
  ])('nls %s %s: one line naming the file, exit code 2', async (command, sub, option) => {
    const missing = join(dir, `khong-co.csv`)
    const argv = option === '--check' ? [option] : [option, tenantId]
    expect(await nls(command, sub, missing, ...argv)).toEqual({
      code: 2,
      out: '',
      err: `nls: không đọc được tệp "${missing}" / cannot read file "${missing}": not found\n`,
    })
  })

  it('says when the path is a folder', async () => {
    expect(await nls('tags', 'import', dir, '--tenant', tenantId)).toEqual({
      code: 2,
      out: '',
      err: `nls: không đọc được tệp "${dir}" / cannot read file "${dir}": is a folder, not a file\n`,
    })
  })
})

describe('nls account add', () => {
  it('refuses an email that is not one, naming --email', async () => {
    const res = await nls(
      ...['account', 'add', '--tenant', tenantId, '--username', 'gv.toan'],
      ...['--role', 'trainer', '--email', 'notanemail'],
    )
    expect(res).toEqual({
      code: 2,
      out: '',
      err: 'nls: --email phải là một địa chỉ email như gv@truong.edu.vn, nhận "notanemail" / --email must be an email address such as gv@truong.edu.vn, got "notanemail"\n',
    })
    expect((await nls('account', 'list', '--tenant', tenantId)).out).not.toContain('gv.toan')
  })
})
