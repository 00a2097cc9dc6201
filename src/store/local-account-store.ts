/**
 * What a local account may do: a manager's pages (administrator), a trainer's (instructor) or
 * a teacher's own (learner).
 */
export type LocalRole = 'administrator' | 'instructor' | 'learner'

/** A sign-in of NLS's own (for schools without an LMS launch). */
export interface LocalAccount {
  readonly tenantId: string
  readonly id: string
  readonly username: string
  readonly passwordHash: string
  readonly role: LocalRole
  readonly personId: string
  readonly createdAt: Date
  readonly disabledAt?: Date
}

export interface NewLocalAccount {
  readonly username: string
  readonly passwordHash: string
  readonly role: LocalRole
  readonly personId: string
}

/**
 * Local accounts; a user name is unique within a tenant. User names are kept and looked up
 * normalised (`normaliseUsername`), so every method may be given one as typed.
 */
export interface LocalAccountStore {
  /** Creates an account; StoreConflict when the tenant has that user name already. */
  createAccount(tenantId: string, account: NewLocalAccount): Promise<LocalAccount>
  /** The enabled accounts with this user name, in every tenant. */
  findByUsername(username: string): Promise<LocalAccount[]>
  listAccounts(tenantId: string): Promise<LocalAccount[]>
  /** Replaces the password hash; the account, or undefined when there is no such account. */
  setPassword(
    tenantId: string,
    username: string,
    passwordHash: string,
  ): Promise<LocalAccount | undefined>
  /** Changes what the account may do; the account, or undefined when there is none. */
  setRole(tenantId: string, username: string, role: LocalRole): Promise<LocalAccount | undefined>
  /**
   * Disables an account (it can no longer sign in); the account, or undefined when there is no
   * such account.
   */
  disable(tenantId: string, username: string, at: Date): Promise<LocalAccount | undefined>
}
