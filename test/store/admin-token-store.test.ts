import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { postgresAdminTokenStore } from '../../src/store/postgres-admin-token-store.ts'
import { postgresAuditLog } from '../../src/store/postgres-audit-log.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

describe('admin tokens', () => {
  it('a created token verifies; only its SHA-256 is stored', async () => {
    const tokens = postgresAdminTokenStore(database.db)
    const { token, secret } = await tokens.createToken('it-hanoi', 'cli')
    expect(secret).toMatch(/^nls_admin_[A-Za-z0-9_-]{43}$/)
    expect(token).toMatchObject({ name: 'it-hanoi', lastUsedAt: undefined, revokedAt: undefined })

    const verified = await tokens.verifyToken(secret)
    expect(verified?.id).toBe(token.id)
    expect(verified?.lastUsedAt).toBeInstanceOf(Date)

    const stored = await queryRows<{ token_hash: string }>(
      database.db,
      sql`select token_hash from admin_tokens where id = ${token.id}`,
    )
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(secret).digest('hex') }])
  })

  it('anything else does not verify', async () => {
    const tokens = postgresAdminTokenStore(database.db)
    const { secret } = await tokens.createToken('other', 'cli')
    expect(await tokens.verifyToken(`${secret}x`)).toBeUndefined()
    expect(await tokens.verifyToken('')).toBeUndefined()
    expect(await tokens.verifyToken('Bearer ' + secret)).toBeUndefined()
  })

  it('names are unique among active tokens', async () => {
    const tokens = postgresAdminTokenStore(database.db)
    await tokens.createToken('dup', 'cli')
    await expect(tokens.createToken('dup', 'cli')).rejects.toMatchObject({
      code: 'ERR_STORE_CONFLICT',
      message: 'an active admin token is already named "dup"',
    })
  })

  it('revoke by name or id: the token stops working, its name is free again, both are audited', async () => {
    const tokens = postgresAdminTokenStore(database.db)
    const first = await tokens.createToken('rotating', 'cli')
    const revoked = await tokens.revokeToken('rotating', 'admin-token:it-hanoi')
    expect(revoked.id).toBe(first.token.id)
    expect(revoked.revokedAt).toBeInstanceOf(Date)
    expect(await tokens.verifyToken(first.secret)).toBeUndefined()

    const second = await tokens.createToken('rotating', 'cli')
    await tokens.revokeToken(second.token.id, 'cli')
    await expect(tokens.revokeToken(second.token.id, 'cli')).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: `no active admin token has the id or name "${second.token.id}"`,
    })

    const audit = await postgresAuditLog(database.db).list()
    const mine = audit.filter((e) => e.details.name === 'rotating')
    expect(mine.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['admin-token.revoke', 'cli', `admin-token:${second.token.id}`],
      ['admin-token.create', 'cli', `admin-token:${second.token.id}`],
      ['admin-token.revoke', 'admin-token:it-hanoi', `admin-token:${first.token.id}`],
      ['admin-token.create', 'cli', `admin-token:${first.token.id}`],
    ])
    const listed = await tokens.listTokens()
    expect(listed.filter((t) => t.name === 'rotating').every((t) => t.revokedAt)).toBe(true)
    expect(listed.findIndex((t) => t.revokedAt)).toBeGreaterThan(
      listed.findLastIndex((t) => !t.revokedAt),
    )
  })
})

describe('audit log', () => {
  it('keeps entries per tenant, newest first, with details', async () => {
    const audit = postgresAuditLog(database.db)
    const [tenant] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into tenants (kind, name) values ('organisation', 'Sở GD&ĐT Hà Nội') returning id`,
    )
    const tenantId = tenant!.id
    await audit.record({ tenantId, actor: 'person:a', action: 'tag.add', subject: 'activity:1' })
    await audit.record({
      tenantId,
      actor: 'person:a',
      action: 'tag.remove',
      subject: 'activity:1',
      details: { competencyId: 'TT18.PT.1.1.CB.2' },
    })
    const entries = await audit.list({ tenantId })
    expect(entries.map((e) => [e.action, e.details])).toEqual([
      ['tag.remove', { competencyId: 'TT18.PT.1.1.CB.2' }],
      ['tag.add', {}],
    ])
    expect(entries[0]?.tenantId).toBe(tenantId)
  })
})
