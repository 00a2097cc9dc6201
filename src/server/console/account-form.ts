import { z } from 'zod'
import {
  ACCOUNT_ROLES,
  AccountEmail,
  AccountUsername,
  type NewAccountRequest,
} from '../../accounts/account-actions.ts'
import { MIN_PASSWORD_LENGTH } from '../../accounts/password.ts'

/** The fields of the console's account form, as typed (kept to show again when refused). */
export interface AccountFormValues {
  readonly username: string
  readonly role: string
  readonly name: string
  readonly email: string
  readonly password: string
}

export type AccountField = keyof AccountFormValues

/** A refused field and the key of its problem's text under `consoleAccounts.problem`. */
export interface AccountFormProblem {
  readonly field: AccountField
  readonly key: 'username' | 'role' | 'email' | 'name' | 'password' | 'taken'
}

const Text = z.string().optional().default('')

/** The add form's body as typed; every field a string, absent ones empty. */
export const AccountFormBody = z.object({
  username: Text,
  role: Text,
  name: Text,
  email: Text,
  password: Text,
})

/** The roles the form offers, by the names people use. */
export const RoleName = z.enum(Object.keys(ACCOUNT_ROLES) as [keyof typeof ACCOUNT_ROLES])

/**
 * The add form read into an account to make, or each refused field. An empty password asks for
 * one to be generated; a typed one must be long enough to be accepted at sign-in.
 */
export function readAccountForm(
  tenantId: string,
  values: AccountFormValues,
):
  | { readonly request: NewAccountRequest; readonly problems?: undefined }
  | { readonly problems: readonly AccountFormProblem[] } {
  const problems: AccountFormProblem[] = []
  const username = AccountUsername.safeParse(values.username)
  if (!username.success) problems.push({ field: 'username', key: 'username' })
  const role = RoleName.safeParse(values.role)
  if (!role.success) problems.push({ field: 'role', key: 'role' })
  const name = values.name.trim()
  if (name.length > 200) problems.push({ field: 'name', key: 'name' })
  const email = values.email.trim() === '' ? undefined : AccountEmail.safeParse(values.email)
  if (email && !email.success) problems.push({ field: 'email', key: 'email' })
  const password = values.password
  if (password !== '' && password.length < MIN_PASSWORD_LENGTH)
    problems.push({ field: 'password', key: 'password' })
  if (problems.length > 0 || !username.success || !role.success) return { problems }
  return {
    request: {
      tenantId,
      username: username.data,
      role: ACCOUNT_ROLES[role.data],
      ...(name && { name }),
      ...(email?.success && { email: email.data }),
      ...(password !== '' && { password }),
    },
  }
}
