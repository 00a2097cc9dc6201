import { jest } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { shippedCatalog } from '../../framework/index.ts'
import { CLI_TEST_TIMEOUT_MS, type CommandLine, openCommandLine } from '../support/cli.ts'
import { createTestPlace } from '../support/test-database.ts'

jest.setTimeout(CLI_TEST_TIMEOUT_MS)

const SITE = 'https://lms.thpt-c.edu.vn'
const QUIZ = `${SITE}/mod/quiz/view.php?id=3`
const cbDescriptors = shippedCatalog().getOf('TT18.PT.1.1.CB', 'level').level.descriptors

let place: Awaited<ReturnType<typeof createTestPlace>>
let tenantId: string
let personId: string
let cli: CommandLine
beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  cli = await openCommandLine(place)
  // The data a running server would have gathered: a tag on a quiz naming half the Cơ bản
  // descriptors of 1.1 and all of 2.1's, and a person who completed the quiz.
  await cli.withStores(async (stores) => {
    tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT C' })).id
    personId = (
      await stores.people.upsertPersonByIdentity(tenantId, {
        kind: 'account',
        homePage: SITE,
        name: '4',
      })
    ).id
    const quiz = await stores.courses.upsertActivity(tenantId, { iri: QUIZ })
    await stores.tags.createTag(tenantId, {
      activityId: quiz.id,
      competencyIds: [
        ...cbDescriptors.slice(0, Math.ceil(cbDescriptors.length / 2)).map((d) => d.id),
        'TT18.PT.2.1.CB',
      ],
    })
    const id = randomUUID()
    await stores.statements.insertStatements(tenantId, [
      {
        id,
        personId,
        actorKey: `account:${SITE}|4`,
        verbId: 'http://adlnet.gov/expapi/verbs/completed',
        activityIri: QUIZ,
        activityTree: [QUIZ],
        timestamp: new Date('2026-11-20T01:00:00Z'),
        source: 'push',
        statement: { id },
      },
    ])
  })
})
afterAll(async () => {
  await cli.close()
  await place.remove()
})

// Progress statements name the installation's profile IRI, made from NLS_PUBLIC_URL.
const nls = (...argv: string[]) =>
  cli.run({ ...place.env, NLS_PUBLIC_URL: 'https://nls.thpt-c.edu.vn' }, ...argv)
const levels = () =>
  cli.withStores(async (stores) =>
    Object.fromEntries(
      (await stores.progress.findLevels(tenantId, personId)).map((l) => [l.componentId, l.level]),
    ),
  )

describe('nls recompute and nls tenant settings', () => {
  it('recompute works everyone out from their statements, with progress on stderr', async () => {
    const run = await nls('recompute', '--tenant', tenantId)
    expect(run.code).toBe(0)
    expect(run.out).toMatch(
      new RegExp(`^${tenantId}  THPT C: 1 people, 2 levels saved in [0-9.]+ s\\n$`),
    )
    expect(run.err).toContain('THPT C [')
    expect(run.err).toContain('1/1')
    expect(await levels()).toEqual({ 'TT18.PT.1.1': null, 'TT18.PT.2.1': 'CB' })
    // Nothing changed since: nothing is saved again.
    expect((await nls('recompute')).out).toContain('1 people, 0 levels saved')
  })

  it('shows the settings, and a new share works the levels out again from the evidence', async () => {
    const shown = await nls('tenant', 'settings', '--tenant', tenantId)
    expect(JSON.parse(shown.out)).toEqual({
      requiredShare: 1,
      identityRule: 'account',
      writeDescriptors: false,
      audience: 'TT18.PT',
      minGroupSize: 5,
      statementRetentionDays: null,
      accountHomePage: null,
      targets: {},
      gradeTargets: {},
    })
    const changed = await nls('tenant', 'settings', '--tenant', tenantId, '--required-share', '0,5')
    expect(changed.code).toBe(0)
    expect(changed.out).toContain('"requiredShare": 0.5')
    expect(changed.out).toContain('levels worked out again: 1 people, 2 levels saved')
    expect(await levels()).toEqual({ 'TT18.PT.1.1': 'CB', 'TT18.PT.2.1': 'CB' })
    const fromEvidence = await nls('recompute', '--tenant', tenantId, '--from-evidence')
    expect(fromEvidence.out).toContain('0 levels saved')
  })

  it('keeps statements forever, or for a number of days not under 30', async () => {
    const kept = await nls(
      ...['tenant', 'settings', '--tenant', tenantId, '--statement-retention-days', '365'],
    )
    expect(kept.code).toBe(0)
    expect(JSON.parse(kept.out).statementRetentionDays).toBe(365)
    const short = await nls(
      ...['tenant', 'settings', '--tenant', tenantId, '--statement-retention-days', '7'],
    )
    expect(short.code).toBe(2)
    expect(short.err).toContain('--statement-retention-days')
    const forever = await nls(
      ...['tenant', 'settings', '--tenant', tenantId, '--statement-retention-days', 'forever'],
    )
    expect(JSON.parse(forever.out).statementRetentionDays).toBe(null)
  })

  it("sets the LMS home page of the roster's accounts, refuses one not http(s), removes it", async () => {
    const settings = (...args: string[]) => nls('tenant', 'settings', '--tenant', tenantId, ...args)
    const set = await settings('--account-home-page', 'https://k12online.vn')
    expect(JSON.parse(set.out).accountHomePage).toBe('https://k12online.vn')
    expect((await settings('--account-home-page', 'k12online')).err).toContain(
      '--account-home-page must be an http or https URL',
    )
    const removed = await settings('--account-home-page', 'none')
    expect(JSON.parse(removed.out).accountHomePage).toBe(null)
  })

  it("sets the school's table, the smallest group reported and the targets", async () => {
    const set = await nls(
      ...['tenant', 'settings', '--tenant', tenantId, '--audience', 'TT18.MN'],
      ...['--min-group-size', '3', '--target', 'TT18.MN=cb', 'TT18.MN.1.1=TT'],
    )
    expect(set.err).toBe('')
    expect(JSON.parse(set.out)).toMatchObject({
      audience: 'TT18.MN',
      minGroupSize: 3,
      targets: { 'TT18.MN': 'CB', 'TT18.MN.1.1': 'TT' },
    })
    const removed = await nls(
      'tenant',
      'settings',
      '--tenant',
      tenantId,
      '--target',
      'TT18.MN.1.1=',
    )
    expect(JSON.parse(removed.out).targets).toEqual({ 'TT18.MN': 'CB' })
    await nls(
      'tenant',
      'settings',
      '--tenant',
      tenantId,
      '--audience',
      'TT18.PT',
      '--target',
      'TT18.MN=',
    )
  })

  it("sets the school's expected level of a grade, refuses a level not a pupils', removes it", async () => {
    const settings = (...args: string[]) => nls('tenant', 'settings', '--tenant', tenantId, ...args)
    const set = await settings('--grade-target', '7=tc2', '10=NC2')
    expect(set.err).toBe('')
    expect(JSON.parse(set.out).gradeTargets).toEqual({ '7': 'TC2', '10': 'NC2' })
    const teachers = await settings('--grade-target', '7=TT')
    expect(teachers.code).toBe(2)
    expect(teachers.err).toContain("--grade-target 7=TT: no pupils' level TT")
    const grade = await settings('--grade-target', '13=TC2')
    expect(grade.code).toBe(2)
    expect(grade.err).toContain('--grade-target')
    expect(grade.err).toContain('13: must be a grade from 1 to 12')
    const removed = await settings('--grade-target', '7=', '10=')
    expect(JSON.parse(removed.out).gradeTargets).toEqual({})
  })

  it('refuses bad values, naming the option', async () => {
    const share = await nls('tenant', 'settings', '--tenant', tenantId, '--required-share', '2')
    expect(share.code).toBe(2)
    expect(share.err).toContain('--required-share must be at most 1')
    const rule = await nls('tenant', 'settings', '--tenant', tenantId, '--identity-rule', 'phone')
    expect(rule.code).toBe(2)
    expect(rule.err).toContain('--identity-rule')
    const flag = await nls(
      'tenant',
      'settings',
      '--tenant',
      tenantId,
      '--write-descriptors',
      'maybe',
    )
    expect(flag.code).toBe(2)
    expect(flag.err).toContain('--write-descriptors must be yes or no')
    const on = await nls('tenant', 'settings', '--tenant', tenantId, '--write-descriptors', 'có')
    expect(on.err).toBe('')
    expect(JSON.parse(on.out)).toMatchObject({ writeDescriptors: true })
    const audience = await nls('tenant', 'settings', '--tenant', tenantId, '--audience', 'PT')
    expect(audience.err).toContain('--audience must be an audience such as TT18.PT')
    const size = await nls('tenant', 'settings', '--tenant', tenantId, '--min-group-size', '0')
    expect(size.err).toContain('--min-group-size must be at least 1')
    const target = await nls('tenant', 'settings', '--tenant', tenantId, '--target', 'TT18.PT')
    expect(target.err).toContain('--target TT18.PT: must be ID=LEVEL')
    expect((await nls('recompute', '--tenant', 'x')).err).toContain('--tenant must be a tenant id')
    expect((await nls('recompute', '--tenant', randomUUID())).err).toContain('no tenant')
  })
})

describe('nls inference', () => {
  it('status lists people set aside after a failed evaluation; retry makes them due now', async () => {
    const retryAt = new Date(Date.now() + 3_600_000)
    await cli.withStores((stores) =>
      stores.transaction(async (tx) => {
        await tx.inference.takeQueued(10_000)
        await tx.inference.enqueue(tenantId, [personId])
        const [taken] = await tx.inference.takeQueued(10)
        await tx.inference.setAside([{ person: taken!, retryAt, error: 'ERR_CORRUPT: bad row' }])
      }),
    )
    const status = await nls('inference', 'status')
    expect(status.err).toBe('')
    expect(status.out).toBe(
      '0 people due\n' +
        '1 set aside after a failed evaluation (nls inference retry makes them due now):\n' +
        `  tenant ${tenantId}  person ${personId}  attempts 1  retry at ${retryAt.toISOString()}  ERR_CORRUPT: bad row\n`,
    )
    expect((await nls('inference', 'retry')).out).toBe('1 person due again\n')
    expect((await nls('inference', 'status')).out).toMatch(
      /^1 person due, the oldest queued \d+ s ago\n0 set aside after a failed evaluation\n$/,
    )
    await cli.withStores((stores) => stores.transaction((tx) => tx.inference.takeQueued(10)))
  })
})
