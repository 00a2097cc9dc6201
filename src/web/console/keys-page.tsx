import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { Tenant, XapiClient } from '../../store/index.ts'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import { formatDate } from '../parts.tsx'
import { ActionButton, ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { TenantField, TenantPicker } from './tenant-picker.tsx'
import { ColumnHeads, SecretNotice, ShownOnce } from './console-parts.tsx'

/** A key just made: what an LMS needs to send, the secret shown this once. */
export interface NewXapiKey {
  readonly name: string
  readonly endpoint: string
  readonly key: string
  readonly secret: string
  /** `Basic base64(key:secret)`, for an LMS that asks for the header itself. */
  readonly basic: string
}

export interface KeysPageProps {
  readonly ctx: ConsoleContext
  /** The tenant chosen; none yet shows only the picker. */
  readonly tenant?: Tenant
  readonly clients: readonly XapiClient[]
  readonly notice?: string
  readonly created?: NewXapiKey
  /** The create form as typed when it was refused, with its problems. */
  readonly form?: { readonly name: string; readonly problems: readonly FormProblem[] }
}

/** A tenant's xAPI keys: list, make one (its secret shown once), revoke. */
export function KeysPage(props: KeysPageProps) {
  const { ctx, tenant } = props
  return (
    <ConsoleLayout ctx={ctx} title={ctx.t('consoleKeys.title')} notice={props.notice}>
      <p>{ctx.t('consoleKeys.intro')}</p>
      <TenantPicker ctx={ctx} selected={tenant?.id} />
      {!tenant ? (
        <p class="muted">{ctx.t('consoleKeys.chooseTenant')}</p>
      ) : (
        <>
          {props.created && <Created ctx={ctx} created={props.created} />}
          <h2>{tenant.name}</h2>
          <KeyTable ctx={ctx} tenantId={tenant.id} clients={props.clients} />
          <CreateForm ctx={ctx} tenantId={tenant.id} form={props.form} />
        </>
      )}
    </ConsoleLayout>
  )
}

function Created({ ctx, created }: { ctx: ConsoleContext; created: NewXapiKey }) {
  const row = (label: string, value: string, data: string) => (
    <>
      <dt>{ctx.t(`consoleKeys.${label}`)}</dt>
      <dd>
        <ShownOnce mark={data} value={value} />
      </dd>
    </>
  )
  return (
    <SecretNotice message={ctx.t('consoleKeys.created', { name: created.name })}>
      <dl>
        {row('endpoint', created.endpoint, 'endpoint')}
        {row('key', created.key, 'key')}
        {row('secret', created.secret, 'secret')}
        {row('basic', `Authorization: ${created.basic}`, 'basic')}
      </dl>
    </SecretNotice>
  )
}

function KeyTable(props: {
  ctx: ConsoleContext
  tenantId: string
  clients: readonly XapiClient[]
}) {
  const { ctx } = props
  if (props.clients.length === 0) return <p data-empty>{ctx.t('consoleKeys.empty')}</p>
  const label = (key: string) => ctx.t(`consoleKeys.${key}`)
  return (
    <table class="stack" data-keys>
      <ColumnHeads
        labels={[
          label('name'),
          label('key'),
          label('createdAt'),
          label('lastUsedAt'),
          label('state'),
          label('actions'),
        ]}
      />
      <tbody>
        {props.clients.map((c) => (
          <tr data-client={c.key}>
            <th scope="row" data-label={label('name')}>
              {c.name}
            </th>
            {/* Full width on a phone: a key is too long to sit beside its label. */}
            <td>
              <code>{c.key}</code>
            </td>
            <td data-label={label('createdAt')}>{formatDate(ctx.lang, c.createdAt)}</td>
            <td data-label={label('lastUsedAt')}>
              {c.lastUsedAt ? formatDate(ctx.lang, c.lastUsedAt) : label('never')}
            </td>
            <td data-label={label('state')}>
              {c.revokedAt
                ? ctx.t('consoleKeys.revokedAt', { date: formatDate(ctx.lang, c.revokedAt) })
                : label('active')}
            </td>
            <td data-actions>
              {!c.revokedAt && (
                <ActionButton
                  ctx={ctx}
                  action={consoleHref(ctx, '/admin/keys/revoke')}
                  fields={{ tenant: props.tenantId, id: c.id }}
                  label={label('revoke')}
                  name={`${label('revoke')}: ${c.name}`}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function CreateForm(props: { ctx: ConsoleContext; tenantId: string; form: KeysPageProps['form'] }) {
  const { ctx } = props
  const problems = props.form?.problems ?? []
  return (
    <section data-create-key>
      <h2>{ctx.t('consoleKeys.createTitle')}</h2>
      {problems.length > 0 && (
        <p class="error" role="alert">
          {ctx.t('consoleKeys.notCreated')}
        </p>
      )}
      <ProblemSummary ctx={ctx} problems={problems} />
      <form method="post" action={consoleHref(ctx, '/admin/keys')}>
        <FormField ctx={ctx} />
        <TenantField tenantId={props.tenantId} />
        <label for="name">{ctx.t('consoleKeys.name')}</label>
        <input
          type="text"
          id="name"
          name="name"
          value={props.form?.name ?? ''}
          required
          autocomplete="off"
          {...invalidField(problems, 'name')}
        />
        <FieldProblems problems={problems} field="name" />
        <p>
          <button type="submit">{ctx.t('consoleKeys.create')}</button>
        </p>
      </form>
    </section>
  )
}
