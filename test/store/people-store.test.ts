import { and, eq } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import type { Identity, PeopleStore } from '../../src/store/people-store.ts'
import { postgresPeopleStore } from '../../src/store/postgres-people-store.ts'
import { postgresPlatformStore } from '../../src/store/postgres-platform-store.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import { identities, people as peopleTable } from '../../src/store/schema/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

const moodleSub = (sub: string): Extract<Identity, { kind: 'lti' }> => ({
  kind: 'lti',
  issuer: 'https://moodle.example.edu.vn',
  clientId: 'nls-client',
  sub,
})

let database: Database
let people: PeopleStore
let tenantId: string
let otherTenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  people = postgresPeopleStore(database.db)
  const tenants = postgresTenantStore(database.db)
  tenantId = (await tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
  otherTenantId = (await tenants.createTenant({ kind: 'platform', name: 'K12Online' })).id
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

const countPeople = (tenant: string) =>
  database.db.$count(peopleTable, eq(peopleTable.tenantId, tenant))

describe('people store', () => {
  it('creates a person with their identity on first sight', async () => {
    const person = await people.upsertPersonByIdentity(tenantId, moodleSub('2'), {
      name: 'Nguyễn Thị Lan',
      givenName: 'Lan',
      familyName: 'Nguyễn',
    })
    expect(person).toEqual({
      tenantId,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Nguyễn Thị Lan',
      givenName: 'Lan',
      familyName: 'Nguyễn',
      email: undefined,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    })
    expect(await people.getPerson(tenantId, person.id)).toEqual(person)
    expect(await people.findPersonByIdentity(tenantId, moodleSub('2'))).toEqual(person)
    expect(await people.listIdentities(tenantId, person.id)).toEqual([moodleSub('2')])
  })

  it('later calls update only the profile fields given', async () => {
    const first = await people.upsertPersonByIdentity(tenantId, moodleSub('3'), {
      name: 'Trần Văn Minh',
      email: 'minh@example.edu.vn',
    })
    const same = await people.upsertPersonByIdentity(tenantId, moodleSub('3'))
    expect(same).toEqual(first)
    const unchanged = await people.upsertPersonByIdentity(tenantId, moodleSub('3'), {
      name: 'Trần Văn Minh',
      email: undefined,
    })
    expect(unchanged.updatedAt).toEqual(first.updatedAt)

    const updated = await people.upsertPersonByIdentity(tenantId, moodleSub('3'), {
      givenName: 'Minh',
      email: 'minh.tv@example.edu.vn',
    })
    expect(updated).toMatchObject({
      id: first.id,
      name: 'Trần Văn Minh',
      givenName: 'Minh',
      familyName: undefined,
      email: 'minh.tv@example.edu.vn',
    })
    expect(await countPeople(tenantId)).toBe(2)
  })

  it('concurrent first calls for one identity yield one person', async () => {
    const identity = moodleSub('race')
    const results = await Promise.all(
      ['A', 'B', 'C', 'D', 'E', 'F'].map((name) =>
        people.upsertPersonByIdentity(tenantId, identity, { name }),
      ),
    )
    const ids = new Set(results.map((p) => p.id))
    expect(ids.size).toBe(1)
    const [id] = ids
    expect(await people.listIdentities(tenantId, id!)).toEqual([identity])
    const rows = await database.db
      .select({ personId: identities.personId })
      .from(identities)
      .where(and(eq(identities.tenantId, tenantId), eq(identities.value, 'race')))
    expect(rows).toEqual([{ personId: id }])
    expect(await countPeople(tenantId)).toBe(3)
  })

  it('links every kind of xAPI identifier to a person and finds the person by each', async () => {
    const person = await people.upsertPersonByIdentity(tenantId, moodleSub('4'))
    const xapi: Identity[] = [
      { kind: 'account', homePage: 'https://moodle.example.edu.vn', name: '4' },
      { kind: 'mbox', mbox: 'mailto:hoa@example.edu.vn' },
      { kind: 'mbox_sha1sum', sha1: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' },
      { kind: 'openid', openid: 'https://openid.example.org/hoa' },
    ]
    for (const identity of xapi) await people.linkIdentity(tenantId, person.id, identity)
    await people.linkIdentity(tenantId, person.id, xapi[1]!)

    const listed = await people.listIdentities(tenantId, person.id)
    expect(listed).toHaveLength(5)
    expect(listed).toEqual(expect.arrayContaining([moodleSub('4'), ...xapi]))
    for (const identity of xapi) {
      expect((await people.findPersonByIdentity(tenantId, identity))?.id).toBe(person.id)
    }
  })

  it('keeps a SHA-1 in lower case, so either case finds the person', async () => {
    const person = await people.upsertPersonByIdentity(tenantId, {
      kind: 'mbox_sha1sum',
      sha1: 'A9993E364706816ABA3E25717850C26C9CD0D89D',
    })
    expect(await people.listIdentities(tenantId, person.id)).toEqual([
      { kind: 'mbox_sha1sum', sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d' },
    ])
    const lower = {
      kind: 'mbox_sha1sum',
      sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
    } as const
    expect((await people.findPersonByIdentity(tenantId, lower))?.id).toBe(person.id)
  })

  it('tells an LTI identity by issuer, client_id and sub together (no platform has that client_id)', async () => {
    const a = await people.upsertPersonByIdentity(tenantId, moodleSub('5'))
    const b = await people.upsertPersonByIdentity(tenantId, {
      ...moodleSub('5'),
      clientId: 'other',
    })
    expect(b.id).not.toBe(a.id)
  })

  it('one Moodle registered twice (two client_ids): the same sub is the same person', async () => {
    const issuer = 'https://lms.thpt-b.edu.vn'
    const platforms = postgresPlatformStore(database.db)
    for (const clientId of ['first', 'second']) {
      await platforms.addPlatform(
        {
          issuer,
          clientId,
          authUrl: `${issuer}/mod/lti/auth.php`,
          tokenUrl: `${issuer}/mod/lti/token.php`,
          jwksUrl: `${issuer}/mod/lti/certs.php`,
          name: `Moodle ${clientId}`,
          deploymentIds: [],
        },
        'test',
      )
    }
    const sub = (clientId: string, value: string) =>
      ({ kind: 'lti', issuer, clientId, sub: value }) as const
    const lan = await people.upsertPersonByIdentity(tenantId, sub('first', '4'), { name: 'Lan' })
    const before = await countPeople(tenantId)
    const again = await people.upsertPersonByIdentity(tenantId, sub('second', '4'), {
      email: 'lan@thpt-b.edu.vn',
    })
    expect(again).toMatchObject({ id: lan.id, name: 'Lan', email: 'lan@thpt-b.edu.vn' })
    expect(await people.listIdentities(tenantId, lan.id)).toEqual([
      sub('first', '4'),
      sub('second', '4'),
    ])
    expect((await people.upsertPersonByIdentity(tenantId, sub('second', '4'))).id).toBe(lan.id)
    expect(await countPeople(tenantId)).toBe(before)
    // Another user of that Moodle stays another person, under either client_id.
    const minh = await people.upsertPersonByIdentity(tenantId, sub('second', '5'))
    expect(minh.id).not.toBe(lan.id)
    expect((await people.upsertPersonByIdentity(tenantId, sub('first', '5'))).id).toBe(minh.id)
    // In another tenant the same sub is another person.
    const elsewhere = await postgresTenantStore(database.db).createTenant({
      kind: 'platform',
      name: 'Moodle second',
    })
    expect((await people.upsertPersonByIdentity(elsewhere.id, sub('second', '4'))).id).not.toBe(
      lan.id,
    )
  })

  it('refuses to link an identity that belongs to another person', async () => {
    const owner = await people.upsertPersonByIdentity(tenantId, moodleSub('6'))
    const other = await people.upsertPersonByIdentity(tenantId, moodleSub('7'))
    const mbox: Identity = { kind: 'mbox', mbox: 'mailto:shared@example.edu.vn' }
    await people.linkIdentity(tenantId, owner.id, mbox)
    await expect(people.linkIdentity(tenantId, other.id, mbox)).rejects.toMatchObject({
      code: 'ERR_STORE_CONFLICT',
      message: 'the mbox identity is linked to another person',
    })
    expect((await people.findPersonByIdentity(tenantId, mbox))?.id).toBe(owner.id)
  })

  it('refuses to link an identity to a person that does not exist', async () => {
    const personId = '00000000-0000-4000-8000-000000000000'
    await expect(
      people.linkIdentity(tenantId, personId, { kind: 'openid', openid: 'https://x.example' }),
    ).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: `person ${personId} does not exist`,
    })
  })

  it('refuses an mbox that is not a mailto: IRI', async () => {
    await expect(
      people.upsertPersonByIdentity(tenantId, { kind: 'mbox', mbox: 'lan@example.edu.vn' }),
    ).rejects.toThrow(new TypeError('mbox must be a mailto: IRI'))
  })

  it('gives undefined for an unknown person or identity', async () => {
    expect(await people.getPerson(tenantId, '00000000-0000-4000-8000-000000000000')).toBeUndefined()
    expect(await people.findPersonByIdentity(tenantId, moodleSub('nobody'))).toBeUndefined()
  })

  it('never shows one tenant’s people to another', async () => {
    const person = await people.upsertPersonByIdentity(tenantId, moodleSub('8'), { name: 'Hoa' })
    expect(await people.getPerson(otherTenantId, person.id)).toBeUndefined()
    expect(await people.findPersonByIdentity(otherTenantId, moodleSub('8'))).toBeUndefined()
    expect(await people.listIdentities(otherTenantId, person.id)).toEqual([])
    await expect(
      people.linkIdentity(otherTenantId, person.id, moodleSub('9')),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })

    const twin = await people.upsertPersonByIdentity(otherTenantId, moodleSub('8'))
    expect(twin.id).not.toBe(person.id)
    expect(twin.name).toBeUndefined()
    expect(await countPeople(otherTenantId)).toBe(1)
    expect((await people.findPersonByIdentity(tenantId, moodleSub('8')))?.name).toBe('Hoa')
  })
})
