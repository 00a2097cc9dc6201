import type { Position, SchoolLevel } from '../plans/plan.ts'
import type { LocalAccount, NewLocalAccount } from './local-account-store.ts'

/** A roster row's person as the store keeps it: known by the email (an xAPI mbox). */
export interface RosterPerson {
  /** Normalised (see normaliseEmail). */
  readonly email: string
  readonly name?: string
  readonly unit?: string
  readonly audiences?: readonly string[]
  /** Chức vụ, for plan targets on staff groups. */
  readonly position?: Position
  /** Cấp học, for plan targets on staff groups. */
  readonly schoolLevel?: SchoolLevel
  /** Khối (1–12), for plan targets on pupils by grade. */
  readonly grade?: number
}

/** An LMS account a roster row names (xAPI 1.0.3 §2.4.2.3, Account Object). */
export interface RosterAccountLink {
  readonly personId: string
  readonly homePage: string
  readonly name: string
}

/** What became of a link: made now, there already for the same person, or another's. */
export type RosterLinkOutcome =
  | { readonly kind: 'linked' }
  | { readonly kind: 'kept' }
  | { readonly kind: 'other'; readonly ownerId: string }

/** A roster person who has no local account yet. */
export interface RosterPersonWithoutAccount {
  readonly personId: string
  readonly email: string
  readonly name?: string
}

/**
 * The roster's people, written many at a time: each method is a few statements for any number
 * of rows (a roster of a province has hundreds of thousands).
 */
export interface RosterStore {
  /** The person each email names (by its mbox identity), email → person id. */
  findPeopleByEmails(tenantId: string, emails: readonly string[]): Promise<Map<string, string>>
  /**
   * Creates a person with an mbox identity for each email (the emails distinct); email → new
   * person id; they are on the roster. An email that a concurrent writer linked first is left
   * out (its person is not created).
   */
  createPeople(tenantId: string, people: readonly RosterPerson[]): Promise<Map<string, string>>
  /**
   * Puts known people on the roster, writing email, and the name, unit, tables, position, school
   * level and grade given (those absent are kept); rows already equal are not written.
   */
  updatePeople(
    tenantId: string,
    people: readonly (RosterPerson & { readonly personId: string })[],
  ): Promise<void>
  /** Links each account to its person where no one has it; the outcome of each, in order. */
  linkAccounts(tenantId: string, links: readonly RosterAccountLink[]): Promise<RosterLinkOutcome[]>
  /**
   * The people known by an email (an mbox identity) who have no local account, oldest first;
   * only those of `emails` when given.
   */
  findPeopleWithoutAccount(
    tenantId: string,
    emails?: readonly string[],
  ): Promise<RosterPersonWithoutAccount[]>
  /** Creates the accounts whose user name the tenant does not have yet; those made. */
  createAccounts(tenantId: string, accounts: readonly NewLocalAccount[]): Promise<LocalAccount[]>
}
