import { jest } from '@jest/globals'
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

describe('nls outbox', () => {
  it('status counts per kind and destination and lists give-ups; retry sends them again', async () => {
    expect((await nls('outbox', 'status')).out).toBe('the outbox is empty\n')
    const givenUpId = await cli.withStores(async (stores) => {
      const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT' })).id
      const message = (key: string, destination: string) => ({
        kind: 'xapi-statement' as const,
        dedupeKey: key,
        payload: { destination, statement: {} },
      })
      await stores.outbox.enqueue(tenantId, message('a', 'progress'))
      const refused = await stores.outbox.enqueue(tenantId, message('b', 'progress'))
      await stores.outbox.enqueue(tenantId, message('c', 'upstream'))
      if (!refused.enqueued) throw new Error('not enqueued')
      await stores.outbox.markGivenUp(
        { tenantId, id: refused.id },
        'https://lrs.example/ answered 400: bad statement',
      )
      return refused.id
    })
    const status = await nls('outbox', 'status')
    expect(status.code).toBe(0)
    expect(status.out).toMatch(
      /^xapi-statement → progress: 1 waiting, 1 given up, 0 delivered, oldest waiting \d+ s$/m,
    )
    expect(status.out).toMatch(/^xapi-statement → upstream: 1 waiting, 0 given up, 0 delivered/m)
    expect(status.out).toContain(`  ${givenUpId}  xapi-statement  tenant `)
    expect(status.out).toContain('answered 400: bad statement')

    expect((await nls('outbox', 'retry')).code).toBe(2)
    const bad = await nls('outbox', 'retry', '--id', 'abc')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--id must be an outbox message id')
    expect((await nls('outbox', 'retry', '--id', String(givenUpId))).out).toBe(
      '1 message due again\n',
    )
    expect((await nls('outbox', 'retry', '--all')).out).toBe('0 messages due again\n')
    expect((await nls('outbox', 'status')).out).toContain('progress: 2 waiting, 0 given up')
  })
})
