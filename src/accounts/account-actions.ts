import { z } from 'zod'
import type { LocalAccount, LocalRole, Stores } from '../store/index.ts'
import { StoreNotFound } from '../store/errors.ts'
import { normaliseEmail } from './email.ts'
import { generatePassword, hashPassword } from './password.ts'
import { normaliseUsername } from './username.ts'

/** The roles of local accounts by the names people use: manager, trainer, teacher. */
export const ACCOUNT_ROLES = {
  manager: 'administrator',
  trainer: 'instructor',
  teacher: 'learner',
} as const satisfies Readonly<Record<string, LocalRole>>

export type AccountRoleName = keyof typeof ACCOUNT_ROLES

/** The name people use for a stored role. */
export const ACCOUNT_ROLE_NAMES: Readonly<Record<LocalRole, AccountRoleName>> = {
  administrator: 'manager',
  instructor: 'trainer',
  learner: 'teacher',
}

/** The stored role of a role's name (manager, trainer, teacher); undefined for anything else. */
export function accountRoleOf(name: string): LocalRole | undefined {
  return Object.hasOwn(ACCOUNT_ROLES, name) ? ACCOUNT_ROLES[name as AccountRoleName] : undefined
}

/** A user name as typed, normalised, and held to what sign-in accepts. */
export const AccountUsername = z
  .string()
  .transform(normaliseUsername)
  .pipe(
    z.string().regex(/^[a-z0-9._@-]{3,64}$/, 'must be 3–64 lower-case letters, digits or . _ @ -'),
  )

/** An email as typed, normalised (the roster's person of that email gets the account). */
export const AccountEmail = z.string().transform(normaliseEmail).pipe(z.email())

export interface NewAccountRequest {
  readonly tenantId: string
  /** Normalised (AccountUsername). */
  readonly username: string
  readonly role: LocalRole
  readonly name?: string
  /** Normalised (AccountEmail): the account is then the person statements name by it. */
  readonly email?: string
  /** A first password chosen by whoever makes the account; one is generated when absent. */
  readonly password?: string
}

/**
 * Makes a local account and its person (found by the email when given) in one transaction,
 * audited by `actor`; returns it with its first password, to be shown once.
 */
export async function addAccount(
  stores: Stores,
  request: NewAccountRequest,
  actor: string,
): Promise<{ account: LocalAccount; password: string }> {
  const { tenantId, username, role, name, email } = request
  const password = request.password ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const account = await stores.transaction(async (tx) => {
    const person = await tx.people.upsertPersonByIdentity(
      tenantId,
      email
        ? { kind: 'mbox', mbox: `mailto:${email}` }
        : { kind: 'account', homePage: 'urn:nls:local-account', name: username },
      { ...(name && { name }), ...(email && { email }) },
    )
    const made = await tx.localAccounts.createAccount(tenantId, {
      username,
      passwordHash,
      role,
      personId: person.id,
    })
    await tx.audit.record({
      tenantId,
      actor,
      action: 'account.add',
      subject: `person:${person.id}`,
      details: { username, role },
    })
    return made
  })
  return { account, password }
}

/** Gives an account a new password (generated when none is given); its sessions end. */
export async function resetAccountPassword(
  stores: Stores,
  tenantId: string,
  username: string,
  actor: string,
  given?: string,
): Promise<{ account: LocalAccount; password: string }> {
  const password = given ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const account = await changeAccount(stores, tenantId, username, actor, 'account.password', (tx) =>
    tx.localAccounts.setPassword(tenantId, username, passwordHash),
  )
  return { account, password }
}

/** Changes what an account may do; its sessions end. */
export function setAccountRole(
  stores: Stores,
  tenantId: string,
  username: string,
  role: LocalRole,
  actor: string,
): Promise<LocalAccount> {
  return changeAccount(stores, tenantId, username, actor, 'account.role', (tx) =>
    tx.localAccounts.setRole(tenantId, username, role),
  )
}

/** Stops an account from signing in; its sessions end. */
export function disableAccount(
  stores: Stores,
  tenantId: string,
  username: string,
  at: Date,
  actor: string,
): Promise<LocalAccount> {
  return changeAccount(stores, tenantId, username, actor, 'account.disable', (tx) =>
    tx.localAccounts.disable(tenantId, username, at),
  )
}

/**
 * Changes an account and, in the same transaction, ends its person's sessions (a session still
 * carries the old password's, role's or enabled account's rights) and audits the change.
 * StoreNotFound when the tenant has no such account.
 */
async function changeAccount(
  stores: Stores,
  tenantId: string,
  username: string,
  actor: string,
  action: string,
  change: (tx: Stores) => Promise<LocalAccount | undefined>,
): Promise<LocalAccount> {
  return stores.transaction(async (tx) => {
    const account = await change(tx)
    if (!account) throw new StoreNotFound(`no account ${username} in that tenant`)
    await tx.people.endSessions(tenantId, account.personId)
    await tx.audit.record({
      tenantId,
      actor,
      action,
      subject: `account:${account.id}`,
      details: { username: account.username, role: account.role },
    })
    return account
  })
}
