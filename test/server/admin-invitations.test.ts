// The admin API's registration invitations: made, listed without their token, withdrawn; only
// with an admin token.
import type { RunningServer } from '../../src/server/start-server.ts'
import { createBrowser } from '../support/browser.ts'
import { type FakePlatform, startFakePlatform } from '../support/fake-lti-platform.ts'
import { refusalCode } from '../support/lti-launch.ts'
import { startNls } from '../support/nls-server.ts'

let nls: RunningServer
let platform: FakePlatform
let auth: { authorization: string }
beforeAll(async () => {
  nls = await startNls()
  platform = await startFakePlatform()
  auth = {
    authorization: `Bearer ${(await nls.stores.adminTokens.createToken('so-gddt', 'test')).secret}`,
  }
})
afterAll(async () => {
  await platform.close()
  await nls.close()
})

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${nls.url}/api/admin${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...auth, ...init.headers },
  })

describe('/api/admin/invitations', () => {
  it('refuses a request without an admin token, or with a wrong one', async () => {
    for (const [method, path] of [
      ['GET', '/invitations'],
      ['POST', '/invitations'],
      ['DELETE', '/invitations/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const missing = await fetch(`${nls.url}/api/admin${path}`, { method })
      expect({ status: missing.status, body: await missing.json() }).toEqual({
        status: 401,
        body: {
          code: 'ERR_ADMIN_TOKEN_MISSING',
          message: 'an admin bearer token is required (Authorization: Bearer <token>)',
        },
      })
      const wrong = await fetch(`${nls.url}/api/admin${path}`, {
        method,
        headers: { authorization: 'Bearer nls_admin_wrong' },
      })
      expect({
        status: wrong.status,
        code: ((await wrong.json()) as { code: string }).code,
      }).toEqual({ status: 401, code: 'ERR_ADMIN_TOKEN_INVALID' })
    }
    expect(await nls.stores.invitations.listInvitations()).toEqual([])
  })

  it('makes an invitation whose URL registers a platform with its name under its district', async () => {
    const district = await nls.stores.tenants.createTenant({
      kind: 'organisation',
      name: 'Phòng GD&ĐT Ba Đình',
    })
    const created = await api('/invitations', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Moodle THCS Giảng Võ',
        parent: 'Phòng GD&ĐT Ba Đình',
        days: 3,
      }),
    })
    expect(created.status).toBe(201)
    const body = (await created.json()) as {
      url: string
      invitation: { id: string; expiresAt: string; status: string }
    }
    expect(body.url).toMatch(new RegExp(`^${nls.url}/lti/register\\?invitation=[A-Za-z0-9_-]{43}$`))
    expect(body.invitation).toMatchObject({
      status: 'open',
      name: 'Moodle THCS Giảng Võ',
      parentId: district.id,
      createdBy: 'admin-token:so-gddt',
      usedAt: null,
      platformId: null,
    })
    const days = (Date.parse(body.invitation.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(2.9)
    expect(days).toBeLessThanOrEqual(3)

    const page = await createBrowser().get(await platform.dynamicRegistrationStart(body.url))
    expect(page.status).toBe(200)
    const [registered] = await nls.stores.platforms.findPlatforms(platform.issuer)
    expect(registered?.name).toBe('Moodle THCS Giảng Võ')
    expect((await nls.stores.tenants.getTenant(registered!.tenantId))?.parentId).toBe(district.id)

    const listed = (await (await api('/invitations')).json()) as {
      invitations: Record<string, unknown>[]
    }
    const entry = listed.invitations.find((i) => i.id === body.invitation.id)
    expect(entry).toMatchObject({ status: 'used', platformId: registered!.id })
    // A listing never carries a token or a URL.
    expect(JSON.stringify(listed)).not.toContain(new URL(body.url).searchParams.get('invitation'))
    expect(Object.keys(entry!).sort()).toEqual([
      'createdAt',
      'createdBy',
      'expiresAt',
      'id',
      'name',
      'parentId',
      'platformId',
      'status',
      'usedAt',
    ])
  })

  it('withdraws an invitation: its URL is refused, a second withdrawal is 404; both audited', async () => {
    const created = (await (await api('/invitations', { method: 'POST', body: '{}' })).json()) as {
      url: string
      invitation: { id: string; expiresAt: string }
    }
    const days = (Date.parse(created.invitation.expiresAt) - Date.now()) / 86_400_000
    expect(Math.round(days)).toBe(7)

    const withdrawn = await api(`/invitations/${created.invitation.id}`, { method: 'DELETE' })
    expect(withdrawn.status).toBe(200)
    expect(((await withdrawn.json()) as { invitation: { status: string } }).invitation.status).toBe(
      'withdrawn',
    )
    const calls = platform.registrationRequests()
    const page = await createBrowser().get(await platform.dynamicRegistrationStart(created.url))
    expect({ status: page.status, code: refusalCode(page) }).toEqual({
      status: 403,
      code: 'ERR_LTI_INVITATION_INVALID',
    })
    expect(platform.registrationRequests()).toBe(calls)

    const again = await api(`/invitations/${created.invitation.id}`, { method: 'DELETE' })
    expect(again.status).toBe(404)
    const audit = (await (await api('/audit?limit=10')).json()) as {
      entries: { action: string; actor: string; subject: string }[]
    }
    expect(
      audit.entries
        .filter((e) => e.subject === `registration-invitation:${created.invitation.id}`)
        .map((e) => [e.action, e.actor]),
    ).toEqual([
      ['registration-invitation.withdraw', 'admin-token:so-gddt'],
      ['registration-invitation.create', 'admin-token:so-gddt'],
    ])
  })

  it('names what is wrong in a request', async () => {
    const bad = await api('/invitations', {
      method: 'POST',
      body: JSON.stringify({ parent: 'Sở không có', days: 0 }),
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({
      code: 'ERR_INPUT_INVALID',
      problems: [{ path: ['body', 'days'], message: 'at least 1 day' }],
    })
    const unknownParent = await api('/invitations', {
      method: 'POST',
      body: JSON.stringify({ parent: 'Sở không có' }),
    })
    expect(await unknownParent.json()).toMatchObject({
      code: 'ERR_INPUT_INVALID',
      problems: [
        {
          path: ['body', 'parent'],
          message:
            'no organisation tenant has the id or name "Sở không có" (nls tenant list shows them)',
        },
      ],
    })
    const badId = await api('/invitations/not-a-uuid', { method: 'DELETE' })
    expect(badId.status).toBe(400)
  })
})
