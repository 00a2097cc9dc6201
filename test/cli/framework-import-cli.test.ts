// `nls framework import` keeps a framework in force: a district loading the official text of the
// learner framework (Circular 02/2025), whose descriptor text NLS does not ship.
import { jest } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFrameworksInForce } from '../../src/evaluation/frameworks-in-force.ts'
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

const dir = mkdtempSync(join(tmpdir(), 'nls-framework-'))
const nls = (...argv: string[]) => cli.run(place.env, ...argv)

interface FrameworkFile {
  frameworks: {
    version: string
    audiences: {
      components: {
        levels: { code: string; status: string; descriptors: object[] }[]
      }[]
    }[]
  }[]
}

/** The shipped learner framework with official text for component 1.1 at CB1. */
async function officialTt02(version: string): Promise<string> {
  const exported = await nls('framework', 'export', '--format', 'json', '--framework', 'TT02')
  const data = JSON.parse(exported.out) as FrameworkFile
  const framework = data.frameworks[0]!
  framework.version = version
  const level = framework.audiences[0]!.components[0]!.levels[0]!
  level.status = 'official'
  level.descriptors = [
    {
      id: 'TT02.NH.1.1.CB1.1',
      code: '1.1.CB1a',
      text: {
        vi: 'Xác định được nhu cầu thông tin; tìm được dữ liệu, thông tin và nội dung đơn giản.',
        en: 'Identifies information needs; finds simple data, information and content.',
      },
    },
  ]
  const file = join(dir, `tt02-${version}.json`)
  writeFileSync(file, JSON.stringify(data))
  return file
}

describe('nls framework import', () => {
  it('stores a framework that then stands in place of the shipped one, audited', async () => {
    const before = await cli.withStores((stores) => loadFrameworksInForce(stores))
    expect(before.catalog.find('TT02.NH.1.1.CB1.1')).toBeUndefined()
    expect(before.model.target('TT02.NH.1.1.CB1')?.criteria).toEqual(['TT02.NH.1.1.CB1'])

    const run = await nls('framework', 'import', await officialTt02('2025-official-1'))
    expect(run.code).toBe(0)
    expect(run.out).toContain('valid (json): TT02 2025-official-1')
    expect(run.out).toContain('stored: TT02 2025-official-1')

    const after = await cli.withStores((stores) => loadFrameworksInForce(stores))
    expect(after.catalog.find('TT02.NH.1.1.CB1.1')?.kind).toBe('descriptor')
    // The level now stands for its descriptors; the other frameworks are untouched.
    expect(after.model.target('TT02.NH.1.1.CB1')?.criteria).toEqual(['TT02.NH.1.1.CB1.1'])
    expect(after.model.components.get('TT02.NH.1.1')?.frameworkVersion).toBe('2025-official-1')
    expect(after.catalog.find('TT18.PT.1.1.CB.1')?.kind).toBe('descriptor')
    const audit = await cli.withStores((stores) => stores.audit.list())
    expect(audit[0]).toMatchObject({
      actor: 'cli',
      action: 'framework.import',
      subject: 'framework:TT02',
      details: { version: '2025-official-1' },
    })
  })

  it('a later import of the same framework replaces the earlier one', async () => {
    expect((await nls('framework', 'import', await officialTt02('2025-official-2'))).code).toBe(0)
    const stored = await cli.withStores((stores) => stores.frameworks.listFrameworks())
    expect(stored.map((f) => [f.id, f.version])).toEqual([['TT02', '2025-official-2']])
  })

  it('--check validates only, and stores nothing', async () => {
    const run = await nls('framework', 'import', await officialTt02('2025-checked'), '--check')
    expect(run.code).toBe(0)
    expect(run.out).toContain('checked only: nothing stored')
    const stored = await cli.withStores((stores) => stores.frameworks.listFrameworks())
    expect(stored.map((f) => f.version)).toEqual(['2025-official-2'])
  })
})
