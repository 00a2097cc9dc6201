// Issue 17, item 8: no dead ends for a browser. `/` leads somewhere, a missing session offers the
// sign-in, and a file over the upload limit is a page that names the limit, not a 500.
import { hashPassword } from '../../src/accounts/password.ts'
import { MAX_UPLOAD_BYTES } from '../../src/server/pages/file-upload.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'

const PASSWORD = 'mat-khau-ban-dau'
let nls: RunningServer
beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Dịch Vọng' }))
    .id
  const manager = await stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'account', homePage: 'urn:nls:local-account', name: 'hieutruong' },
    { name: 'Hiệu trưởng' },
  )
  await stores.localAccounts.createAccount(tenantId, {
    username: 'hieutruong',
    passwordHash: await hashPassword(PASSWORD),
    role: 'administrator',
    personId: manager.id,
  })
}, 60_000)
afterAll(() => nls?.close())

/** A fresh sign-in: its cookie (`name=token`) and token. */
async function signIn(): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${nls.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'hieutruong', password: PASSWORD }),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
  return { cookie, token: cookie.slice(cookie.indexOf('=') + 1) }
}

const html = { accept: 'text/html' }

describe('GET /', () => {
  it('is a landing page, Vietnamese by default, leading to the sign-in and the LMS', async () => {
    const res = await fetch(`${nls.url}/`, { headers: html, redirect: 'manual' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    // The security headers of every response.
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const page = await res.text()
    expect(page).toContain('<html lang="vi">')
    expect(page).toContain('<a href="/login" data-sign-in="true">Đăng nhập</a>')
    expect(page).toContain('Hãy mở NLS từ khóa học của bạn trong LMS.')
    // One language at a time: the English is a switch away, not beside.
    expect(page).not.toContain('Open NLS from your course in the LMS.')
    expect(page).toContain('<a href="/?lang=en" lang="en">English</a>')
    const english = await (await fetch(`${nls.url}/?lang=en`, { headers: html })).text()
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('Open NLS from your course in the LMS.')
    expect(english).toContain('<a href="/login?lang=en" data-sign-in="true">Sign in</a>')
    expect(english).not.toContain('Hãy mở NLS')
  })

  it('sends a signed-in browser to its home page, and one signed out to the landing page', async () => {
    const { cookie, token } = await signIn()
    const res = await fetch(`${nls.url}/`, { headers: { cookie }, redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/app/reports')
    const out = await fetch(`${nls.url}/logout`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ session: token }),
      redirect: 'manual',
    })
    expect(out.status).toBe(303)
    const after = await fetch(`${nls.url}/`, { headers: { cookie }, redirect: 'manual' })
    expect(after.status).toBe(200)
    expect(await after.text()).toContain('data-sign-in')
    const forged = await fetch(`${nls.url}/`, {
      headers: { cookie: 'nls_session=not-a-token' },
      redirect: 'manual',
    })
    expect(forged.status).toBe(200)
  })
})

describe('a page without a session', () => {
  it('offers the sign-in besides opening NLS again from the LMS', async () => {
    const res = await fetch(`${nls.url}/app/profile`, { headers: html })
    expect(res.status).toBe(401)
    const page = await res.text()
    expect(page).toContain('<html lang="vi">')
    expect(page).toContain('<code data-code>ERR_LTI_SESSION_INVALID</code>')
    expect(page).toContain('Hãy mở lại NLS từ LMS')
    expect(page).toContain('<a href="/login" data-sign-in>Đăng nhập</a>')
  })

  it('speaks the language asked for, and keeps it in the sign-in link', async () => {
    const res = await fetch(`${nls.url}/app/profile?lang=en`, { headers: html })
    expect(res.status).toBe(401)
    const page = await res.text()
    expect(page).toContain('<html lang="en">')
    // One language at a time: the English page carries no Vietnamese copy.
    expect(page).toContain('<h1>Cannot continue</h1>')
    expect(page).not.toContain('Không thể tiếp tục')
    expect(page).toContain('<a href="/login?lang=en" data-sign-in>Sign in</a>')
    // The language cookie of the pages counts when the address has none.
    const byCookie = await fetch(`${nls.url}/app/profile`, {
      headers: { ...html, cookie: 'nls_lang=en' },
    })
    expect(await byCookie.text()).toContain('<a href="/login?lang=en" data-sign-in>Sign in</a>')
  })

  it('offers the sign-in for an ended session too', async () => {
    const { cookie, token } = await signIn()
    await fetch(`${nls.url}/logout`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ session: token }),
      redirect: 'manual',
    })
    const res = await fetch(`${nls.url}/app/reports`, { headers: { ...html, cookie } })
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('<a href="/login" data-sign-in>')
  })

  it('still answers a program in JSON', async () => {
    const res = await fetch(`${nls.url}/app/profile`, { headers: { accept: 'application/json' } })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ code: 'ERR_LTI_SESSION_INVALID' })
  })
})

describe('an upload over the limit', () => {
  const upload = async (lang: string) => {
    const { token } = await signIn()
    const form = new FormData()
    form.set('session', token)
    form.set('file', new Blob([Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a')]), 'nhan-su.csv')
    return fetch(`${nls.url}/app/roster${lang}`, { method: 'POST', headers: html, body: form })
  }

  it('is a 413 page naming the limit, with a way back to the form', async () => {
    const res = await upload('')
    expect(res.status).toBe(413)
    const page = await res.text()
    expect(page).toContain('<code data-code>ERR_INPUT_TOO_LARGE</code>')
    expect(page).toContain('Tệp quá lớn: NLS nhận tệp đến 5 MB.')
    expect(page).toContain('<a href="/app/roster" data-back>Quay lại</a>')
    expect(page).not.toContain('Hãy mở lại NLS từ LMS')
  })

  it('in the language of the page', async () => {
    const res = await upload('?lang=en')
    expect(res.status).toBe(413)
    const page = await res.text()
    expect(page).toContain('<html lang="en">')
    expect(page).toContain('The file is too large: NLS accepts files up to 5 MB.')
    expect(page).toContain('<a href="/app/roster?lang=en" data-back>Back</a>')
  })
})
