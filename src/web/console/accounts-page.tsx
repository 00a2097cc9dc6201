import { ACCOUNT_ROLE_NAMES, ACCOUNT_ROLES } from '../../accounts/account-actions.ts'
import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { AccountFormValues } from '../../server/console/account-form.ts'
import type { LocalRole, Tenant } from '../../store/index.ts'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import { formatDate } from '../parts.tsx'
import { ActionButton, ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { TenantField, TenantPicker } from './tenant-picker.tsx'
import { ColumnHeads, SecretNotice, ShownOnce } from './console-parts.tsx'

/** A local account as the section lists it. */
export interface AccountRow {
  readonly username: string
  readonly role: LocalRole
  readonly disabledAt: Date | undefined
  /** The person's name, else email; empty when neither is known. */
  readonly person: string
}

export interface AccountsPageProps {
  readonly ctx: ConsoleContext
  /** The tenant chosen; none yet shows only the picker. */
  readonly tenant?: Tenant
  readonly accounts: readonly AccountRow[]
  readonly notice?: string
  /** A first or new password just made: shown this once, never again. */
  readonly secret?: { readonly username: string; readonly password: string }
  /** The add form as typed when it was refused, with its problems. */
  readonly form?: { readonly values: AccountFormValues; readonly problems: readonly FormProblem[] }
}

const ROLE_ORDER = Object.keys(ACCOUNT_ROLES) as (keyof typeof ACCOUNT_ROLES)[]

/** The accounts of a tenant: list, add, new password, role, disable. */
export function AccountsPage(props: AccountsPageProps) {
  const { ctx, tenant } = props
  return (
    <ConsoleLayout ctx={ctx} title={ctx.t('consoleAccounts.title')} notice={props.notice}>
      <p>{ctx.t('consoleAccounts.intro')}</p>
      <TenantPicker ctx={ctx} selected={tenant?.id} />
      {!tenant ? (
        <p class="muted">{ctx.t('consoleAccounts.chooseTenant')}</p>
      ) : (
        <>
          {props.secret && <Secret ctx={ctx} {...props.secret} />}
          <h2>{tenant.name}</h2>
          <AccountTable ctx={ctx} tenantId={tenant.id} accounts={props.accounts} />
          <AddForm ctx={ctx} tenantId={tenant.id} form={props.form} />
        </>
      )}
    </ConsoleLayout>
  )
}

function Secret(props: { ctx: ConsoleContext; username: string; password: string }) {
  return (
    <SecretNotice
      message={props.ctx.t('consoleAccounts.passwordOnce', { username: props.username })}
    >
      <p>
        <ShownOnce mark="password" value={props.password} />
      </p>
    </SecretNotice>
  )
}

function AccountTable(props: {
  ctx: ConsoleContext
  tenantId: string
  accounts: readonly AccountRow[]
}) {
  const { ctx, tenantId } = props
  if (props.accounts.length === 0) return <p data-empty>{ctx.t('consoleAccounts.empty')}</p>
  const label = (key: string) => ctx.t(`consoleAccounts.${key}`)
  const post = (path: string) => consoleHref(ctx, `/admin/accounts/${path}`)
  return (
    <table class="stack" data-accounts>
      <ColumnHeads
        labels={[
          label('username'),
          label('role'),
          label('state'),
          label('person'),
          label('actions'),
        ]}
      />
      <tbody>
        {props.accounts.map((a) => (
          <tr data-account={a.username}>
            <th scope="row" data-label={label('username')}>
              {a.username}
            </th>
            <td data-label={label('role')} data-role={ACCOUNT_ROLE_NAMES[a.role]}>
              {ctx.t(`consoleAccounts.roles.${ACCOUNT_ROLE_NAMES[a.role]}`)}
            </td>
            <td data-label={label('state')}>
              {a.disabledAt
                ? ctx.t('consoleAccounts.disabledAt', { date: formatDate(ctx.lang, a.disabledAt) })
                : label('active')}
            </td>
            {/* Full width on a phone: a full name may be long. */}
            <td data-person>{a.person || ctx.t('common.none')}</td>
            {/* Full width on a phone: its forms wrap under the account. */}
            <td data-actions>
              {!a.disabledAt && (
                <>
                  <form method="post" action={post('role')} class="inline">
                    <FormField ctx={ctx} />
                    <TenantField tenantId={tenantId} />
                    <input type="hidden" name="username" value={a.username} />
                    <select name="role" aria-label={`${label('role')}: ${a.username}`}>
                      {ROLE_ORDER.map((r) => (
                        <option value={r} selected={ACCOUNT_ROLES[r] === a.role}>
                          {ctx.t(`consoleAccounts.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="secondary">
                      {label('changeRole')}
                    </button>
                  </form>
                  <ActionButton
                    ctx={ctx}
                    action={post('password')}
                    fields={{ tenant: tenantId, username: a.username }}
                    label={label('resetPassword')}
                  />
                  <ActionButton
                    ctx={ctx}
                    action={post('disable')}
                    fields={{ tenant: tenantId, username: a.username }}
                    label={label('disable')}
                  />
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AddForm(props: {
  ctx: ConsoleContext
  tenantId: string
  form: AccountsPageProps['form']
}) {
  const { ctx } = props
  const values = props.form?.values
  const problems = props.form?.problems ?? []
  const text = (field: 'username' | 'name' | 'email') => (
    <div>
      <label for={field}>{ctx.t(`consoleAccounts.${field}`)}</label>
      <input
        type="text"
        id={field}
        name={field}
        value={values?.[field] ?? ''}
        autocomplete="off"
        required={field === 'username'}
        {...invalidField(problems, field)}
      />
      <FieldProblems problems={problems} field={field} />
    </div>
  )
  return (
    <section data-add-account>
      <h2>{ctx.t('consoleAccounts.addTitle')}</h2>
      {problems.length > 0 && (
        <p class="error" role="alert">
          {ctx.t('consoleAccounts.notAdded')}
        </p>
      )}
      <ProblemSummary ctx={ctx} problems={problems} />
      <form method="post" action={consoleHref(ctx, '/admin/accounts')}>
        <FormField ctx={ctx} />
        <TenantField tenantId={props.tenantId} />
        {text('username')}
        <div>
          <label for="role">{ctx.t('consoleAccounts.role')}</label>
          <select id="role" name="role" required {...invalidField(problems, 'role')}>
            <option value="">{ctx.t('consoleAccounts.chooseRole')}</option>
            {ROLE_ORDER.map((r) => (
              <option value={r} selected={values?.role === r}>
                {ctx.t(`consoleAccounts.roles.${r}`)}
              </option>
            ))}
          </select>
          <FieldProblems problems={problems} field="role" />
        </div>
        {text('name')}
        {text('email')}
        <div>
          <label for="password">{ctx.t('consoleAccounts.password')}</label>
          <input
            type="password"
            id="password"
            name="password"
            autocomplete="new-password"
            value={values?.password ?? ''}
            {...invalidField(problems, 'password')}
          />
          <FieldProblems problems={problems} field="password" />
        </div>
        <p>
          <button type="submit">{ctx.t('consoleAccounts.add')}</button>
        </p>
      </form>
    </section>
  )
}
