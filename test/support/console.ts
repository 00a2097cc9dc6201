// Signing in to the web console over real HTTP: with an admin token, or as a local account (a
// district manager, a school manager, a trainer) whose /app session the console reads.
import { hashPassword } from '../../src/accounts/password.ts'
import type { Identity } from '../../src/store/people-store.ts'
import type { LocalRole } from '../../src/store/local-account-store.ts'
import type { RunningServer } from '../../src/server/start-server.ts'

/** A browser's view of the console: its cookies, and requests that send them. */
export interface ConsoleBrowser {
  readonly cookie: string
  get(path: string): Promise<Response>
  /** A form POST; `form` (the form token) is taken from the page at `from` unless given. */
  post(path: string, fields: Record<string, string>, from?: string): Promise<Response>
}

/** The password of every local account these helpers make. */
export const LOCAL_PASSWORD = 'mat-khau-console-1'

/** Signs in to the console with a new admin token named `name`. */
export async function adminTokenBrowser(nls: RunningServer, name: string): Promise<ConsoleBrowser> {
  const { secret } = await nls.stores.adminTokens.createToken(name, 'test')
  return adminSecretBrowser(nls, secret)
}

/** Signs in to the console with an admin token's secret. */
export async function adminSecretBrowser(
  nls: RunningServer,
  secret: string,
): Promise<ConsoleBrowser> {
  const res = await fetch(`${nls.url}/admin/login`, {
    method: 'POST',
    body: new URLSearchParams({ token: secret }),
    redirect: 'manual',
  })
  if (res.status !== 303) throw new Error(`console sign-in: ${res.status} ${await res.text()}`)
  return browser(nls, cookieOf(res))
}

/** Makes a local account in a tenant and signs it in at /login (its /app session cookie). */
export async function accountBrowser(
  nls: RunningServer,
  tenantId: string,
  username: string,
  role: LocalRole,
): Promise<ConsoleBrowser> {
  await createLocalAccount(nls, tenantId, username, role)
  return browser(nls, await signInLocal(nls, username))
}

/**
 * Makes a local account in a tenant with {@link LOCAL_PASSWORD}, for a new person known by
 * `identity` (by default, by the account itself).
 */
export async function createLocalAccount(
  nls: RunningServer,
  tenantId: string,
  username: string,
  role: LocalRole,
  identity: Identity = { kind: 'account', homePage: 'urn:nls:local-account', name: username },
): Promise<void> {
  const person = await nls.stores.people.upsertPersonByIdentity(tenantId, identity, {
    name: username,
  })
  await nls.stores.localAccounts.createAccount(tenantId, {
    username,
    passwordHash: await hashPassword(LOCAL_PASSWORD),
    role,
    personId: person.id,
  })
}

/** Signs a local account in at /login; the cookies of its /app session. */
export async function signInLocal(nls: RunningServer, username: string): Promise<string> {
  const res = await fetch(`${nls.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password: LOCAL_PASSWORD }),
    redirect: 'manual',
  })
  if (res.status !== 303) throw new Error(`sign-in: ${res.status} ${await res.text()}`)
  return cookieOf(res)
}

/** Makes a district (a top-level organisation) with one school under it. */
export async function createDistrictWithSchool(
  nls: RunningServer,
  districtName: string,
  schoolName: string,
): Promise<{ districtId: string; schoolId: string }> {
  const { tenants } = nls.stores
  const district = await tenants.createTenant({ kind: 'organisation', name: districtName })
  const school = await tenants.createTenant({
    kind: 'organisation',
    name: schoolName,
    parentId: district.id,
  })
  return { districtId: district.id, schoolId: school.id }
}

/** A browser without cookies. */
export function anonymousBrowser(nls: RunningServer): ConsoleBrowser {
  return browser(nls, '')
}

/** The form token a console page carries. */
export function formTokenOf(html: string): string {
  const token = /name="form" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('the page carries no form token')
  return token
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ')
}

function browser(nls: RunningServer, cookie: string): ConsoleBrowser {
  const headers = { ...(cookie && { cookie }), accept: 'text/html' }
  const get = (path: string) => fetch(`${nls.url}${path}`, { headers, redirect: 'manual' })
  return {
    cookie,
    get,
    async post(path, fields, from = '/admin/tenants') {
      const form = fields.form ?? formTokenOf(await (await get(from)).text())
      return fetch(`${nls.url}${path}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ form, ...fields }),
        redirect: 'manual',
      })
    },
  }
}
