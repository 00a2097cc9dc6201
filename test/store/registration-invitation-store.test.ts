import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { invitationStatus } from '../../src/store/registration-invitation-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

const DAY = 86_400_000
const T0 = new Date('2026-12-05T08:00:00Z')

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
})
afterAll(() => database.close())

const make = (input: { name?: string; parentId?: string } = {}) =>
  stores.invitations.createInvitation(
    { ...input, expiresAt: new Date(T0.getTime() + 7 * DAY) },
    'cli',
  )

const platformInput = (clientId: string) => ({
  issuer: 'https://lms.thpt-a.edu.vn',
  clientId,
  authUrl: 'https://lms.thpt-a.edu.vn/mod/lti/auth.php',
  tokenUrl: 'https://lms.thpt-a.edu.vn/mod/lti/token.php',
  jwksUrl: 'https://lms.thpt-a.edu.vn/mod/lti/certs.php',
  name: 'Moodle THPT A',
  deploymentIds: ['1'],
})

describe('registration invitations', () => {
  it('a token of 32 random bytes, only its SHA-256 kept; found by the token alone', async () => {
    const { invitation, token } = await make({ name: 'Moodle THPT A' })
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(invitation).toMatchObject({
      name: 'Moodle THPT A',
      parentId: undefined,
      createdBy: 'cli',
      usedAt: undefined,
      platformId: undefined,
    })
    const stored = await queryRows<{ token_hash: string }>(
      database.db,
      sql`select token_hash from registration_invitations where id = ${invitation.id}`,
    )
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }])
    expect((await stores.invitations.findInvitation(token))?.id).toBe(invitation.id)
    // Another last character (a token ending in A already would not be another token).
    const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    expect(await stores.invitations.findInvitation(other)).toBeUndefined()
    expect(await stores.invitations.findInvitation('')).toBeUndefined()
    expect(invitationStatus(invitation, T0)).toBe('open')
    expect(invitationStatus(invitation, new Date(T0.getTime() + 7 * DAY))).toBe('expired')
  })

  it('is claimed once, and not after it expires', async () => {
    const { token } = await make()
    expect(await stores.invitations.claimInvitation(token, new Date(T0.getTime() + 7 * DAY))).toBe(
      undefined,
    )
    const claimed = await stores.invitations.claimInvitation(token, T0)
    expect(claimed?.usedAt).toEqual(T0)
    expect(await stores.invitations.claimInvitation(token, T0)).toBeUndefined()
  })

  it('of two transactions claiming it at once, one gets it; a rolled back claim leaves it open', async () => {
    const { token } = await make()
    const claimAndRegister = (clientId: string) =>
      stores.transaction(async (tx) => {
        const invitation = await tx.invitations.claimInvitation(token, T0)
        if (!invitation) return 'refused'
        const platform = await tx.platforms.addPlatform(platformInput(clientId), 'test')
        await tx.invitations.recordUse(invitation.id, platform, 'dynamic-registration')
        return 'registered'
      })
    const failing = stores.transaction(async (tx) => {
      await tx.invitations.claimInvitation(token, T0)
      throw new Error('the platform answered 500')
    })
    await expect(failing).rejects.toThrow('the platform answered 500')
    expect(invitationStatus((await stores.invitations.findInvitation(token))!, T0)).toBe('open')

    const outcomes = await Promise.all([claimAndRegister('c1'), claimAndRegister('c2')])
    expect(outcomes.sort()).toEqual(['refused', 'registered'])
    const platforms = await stores.platforms.findPlatforms('https://lms.thpt-a.edu.vn')
    expect(platforms).toHaveLength(1)
    const used = await stores.invitations.findInvitation(token)
    expect(used?.platformId).toBe(platforms[0]!.id)
    expect(invitationStatus(used!, T0)).toBe('used')
    const audit = await stores.audit.list({ tenantId: platforms[0]!.tenantId })
    expect(audit.find((e) => e.action === 'registration-invitation.use')).toMatchObject({
      actor: 'dynamic-registration',
      subject: `registration-invitation:${used!.id}`,
      details: { platformId: platforms[0]!.id },
    })
  })

  it('withdrawn: not claimable, listed as withdrawn, audited; only once', async () => {
    const { invitation, token } = await make()
    const withdrawn = await stores.invitations.withdrawInvitation(
      invitation.id,
      'admin-token:it',
      T0,
    )
    expect(invitationStatus(withdrawn, T0)).toBe('withdrawn')
    expect(await stores.invitations.claimInvitation(token, T0)).toBeUndefined()
    await expect(
      stores.invitations.withdrawInvitation(invitation.id, 'admin-token:it', T0),
    ).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: `no unused registration invitation has the id ${invitation.id}`,
    })
    const listed = await stores.invitations.listInvitations()
    expect(listed.find((i) => i.id === invitation.id)?.usedAt).toEqual(T0)
    const audit = (await stores.audit.list()).filter((e) =>
      e.subject.endsWith(`registration-invitation:${invitation.id}`),
    )
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['registration-invitation.withdraw', 'admin-token:it'],
      ['registration-invitation.create', 'cli'],
    ])
  })

  it('names a district that exists, or none', async () => {
    const district = await stores.tenants.createTenant({ kind: 'organisation', name: 'Sở GD&ĐT' })
    const { invitation } = await make({ parentId: district.id })
    expect(invitation.parentId).toBe(district.id)
    const missing = '00000000-0000-4000-8000-000000000000'
    await expect(make({ parentId: missing })).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: `tenant ${missing} does not exist`,
    })
  })
})
