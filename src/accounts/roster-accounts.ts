import { availableParallelism } from 'node:os'
import type { Stores } from '../store/index.ts'
import { AccountUsername } from './account-actions.ts'
import { generatePassword, hashPassword } from './password.ts'

/** Accounts written per statement. */
const ACCOUNTS_PER_INSERT = 1_000

export interface RosterAccountsOptions {
  /** Who makes the accounts, as the audit log names them (`cli`, `person:<id>`). */
  readonly actor: string
  /**
   * Only the people of these emails (normalised; the rows of a roster just imported); every
   * person known by an email and without an account when absent.
   */
  readonly emails?: readonly string[]
  /**
   * Passwords hashed at once at most: each scrypt hash takes a thread of libuv's pool and
   * 16 MiB; the machine's cores when absent.
   */
  readonly concurrency?: number
  /** Called as passwords are hashed: how many so far, of how many. */
  readonly onProgress?: (done: number, total: number) => void
}

/** A teacher's account made from the roster, with the first password to hand them. */
export interface RosterAccount {
  readonly username: string
  readonly email: string
  readonly name?: string
  readonly personId: string
  readonly password: string
}

/** A roster person who got no account, and why. */
export interface RosterAccountSkipped {
  readonly email: string
  readonly reason: 'username-invalid' | 'username-taken'
  readonly message: string
}

/**
 * Makes a teacher's account (role learner: their own pages only) for each roster person with an
 * email and no account yet, the email as the user name, each with a generated first password;
 * returns them with their passwords, to be handed out once (the audit log never sees them). An
 * email that is not a valid user name, or a user name another account has, is skipped and said.
 */
export async function createRosterAccounts(
  stores: Stores,
  tenantId: string,
  options: RosterAccountsOptions,
): Promise<{ made: RosterAccount[]; skipped: RosterAccountSkipped[] }> {
  const concurrency = options.concurrency ?? availableParallelism()
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new TypeError('concurrency must be 1 or more')
  const people = await stores.roster.findPeopleWithoutAccount(tenantId, options.emails)
  const skipped: RosterAccountSkipped[] = []
  const wanted = people.flatMap((person) => {
    const username = AccountUsername.safeParse(person.email)
    if (username.success) return [{ ...person, username: username.data }]
    skipped.push({
      email: person.email,
      reason: 'username-invalid',
      message: `${person.email} cannot be a user name: it ${username.error.issues[0]!.message}`,
    })
    return []
  })
  let hashed = 0
  options.onProgress?.(0, wanted.length)
  const withPasswords = await mapLimited(wanted, concurrency, async (person) => {
    const password = generatePassword()
    const passwordHash = await hashPassword(password)
    options.onProgress?.(++hashed, wanted.length)
    return { ...person, password, passwordHash }
  })
  const made = await stores.transaction(async (tx) => {
    const created = new Set<string>()
    for (let i = 0; i < withPasswords.length; i += ACCOUNTS_PER_INSERT) {
      const accounts = await tx.roster.createAccounts(
        tenantId,
        withPasswords.slice(i, i + ACCOUNTS_PER_INSERT).map((p) => ({
          username: p.username,
          passwordHash: p.passwordHash,
          role: 'learner' as const,
          personId: p.personId,
        })),
      )
      for (const a of accounts) created.add(a.username)
    }
    if (created.size > 0)
      await tx.audit.record({
        tenantId,
        actor: options.actor,
        action: 'roster.accounts',
        subject: `tenant:${tenantId}`,
        details: { role: 'learner', made: created.size, usernames: [...created].slice(0, 100) },
      })
    return withPasswords.filter((p) => {
      if (created.has(p.username)) return true
      skipped.push({
        email: p.email,
        reason: 'username-taken',
        message: `the user name ${p.username} is already another account's; no account made`,
      })
      return false
    })
  })
  return {
    made: made.map((p) => ({
      username: p.username,
      email: p.email,
      ...(p.name !== undefined && { name: p.name }),
      personId: p.personId,
      password: p.password,
    })),
    skipped,
  }
}

/** `fn` over the items, at most `limit` at a time; results in the items' order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
