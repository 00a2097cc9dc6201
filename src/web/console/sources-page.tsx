import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { LrsSource, Tenant } from '../../store/index.ts'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import { ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { ColumnHeads, when } from './console-parts.tsx'
import { TenantField, TenantPicker } from './tenant-picker.tsx'

/** An upstream LRS as the page shows it: never its credentials. */
export type SourceView = Omit<LrsSource, 'username' | 'password'>

/** The LRS form as typed. */
export interface SourceForm {
  readonly endpoint: string
  readonly username: string
  readonly password: string
  readonly pull: boolean
  readonly forward: boolean
}

export interface SourcesPageProps {
  readonly ctx: ConsoleContext
  /** The tenant chosen; none shows the picker and every source in scope. */
  readonly tenant?: Tenant
  /** The upstream LRSs of the tenants in the actor's scope. */
  readonly sources: readonly SourceView[]
  readonly notice?: string
  /** The form as typed when it was refused, with its problems. */
  readonly form?: SourceForm & { readonly problems: readonly FormProblem[] }
}

/** Tenants' upstream LRSs: the list, and a tenant's one set or removed. */
export function SourcesPage(props: SourcesPageProps) {
  const { ctx, tenant } = props
  const t = ctx.t
  const current = tenant && props.sources.find((s) => s.tenantId === tenant.id)
  return (
    <ConsoleLayout ctx={ctx} title={t('consoleSources.title')} notice={props.notice}>
      <p>{t('consoleSources.intro')}</p>
      <TenantPicker ctx={ctx} selected={tenant?.id} />
      {!tenant ? (
        <SourceTable ctx={ctx} sources={props.sources} />
      ) : (
        <>
          <h2>{tenant.name}</h2>
          {current ? (
            <>
              <SourceTable ctx={ctx} sources={[current]} />
              <form method="post" action={consoleHref(ctx, '/admin/sources/remove')}>
                <FormField ctx={ctx} />
                <TenantField tenantId={tenant.id} />
                <button type="submit" class="secondary">
                  {t('consoleSources.remove')}
                </button>
              </form>
            </>
          ) : (
            <p data-empty>{t('consoleSources.none')}</p>
          )}
          <SourceFormSection
            ctx={ctx}
            tenantId={tenant.id}
            form={props.form}
            replaces={!!current}
          />
        </>
      )}
    </ConsoleLayout>
  )
}

function SourceTable({ ctx, sources }: { ctx: ConsoleContext; sources: readonly SourceView[] }) {
  if (sources.length === 0) return <p data-empty>{ctx.t('consoleSources.empty')}</p>
  const label = (key: string) => ctx.t(`consoleSources.${key}`)
  const names = new Map(ctx.allTenants.map((x) => [x.id, x.name]))
  const onOff = (on: boolean) => ctx.t(on ? 'common.yes' : 'common.no')
  return (
    <table class="stack" data-sources>
      <ColumnHeads
        labels={[
          label('tenant'),
          label('endpoint'),
          label('pull'),
          label('forward'),
          label('lastPulledAt'),
          label('lastError'),
        ]}
      />
      <tbody>
        {sources.map((s) => (
          <tr data-source={s.tenantId}>
            <th scope="row" data-label={label('tenant')}>
              <a href={consoleHref(ctx, '/admin/sources', { tenant: s.tenantId })}>
                {names.get(s.tenantId) ?? s.tenantId}
              </a>
            </th>
            <td data-label={label('endpoint')}>
              <code>{s.endpoint}</code>
            </td>
            <td data-label={label('pull')}>{onOff(s.pull)}</td>
            <td data-label={label('forward')}>{onOff(s.forward)}</td>
            <td data-label={label('lastPulledAt')}>
              {s.lastPulledAt ? when(ctx, s.lastPulledAt) : label('never')}
            </td>
            <td data-label={label('lastError')}>
              {s.lastError
                ? ctx.t('consoleSources.failures', { count: s.failures, error: s.lastError })
                : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function SourceFormSection(props: {
  ctx: ConsoleContext
  tenantId: string
  form: SourcesPageProps['form']
  replaces: boolean
}) {
  const { ctx, form } = props
  const t = ctx.t
  const problems = form?.problems ?? []
  const field = (name: 'endpoint' | 'username' | 'password') => {
    const common = {
      id: name,
      name,
      value: form?.[name] ?? '',
      required: true,
      autocomplete: 'off',
      ...invalidField(problems, name),
    }
    return (
      <>
        <label for={name}>{t(`consoleSources.${name}`)}</label>
        {name === 'password' ? (
          <input type="password" {...common} />
        ) : (
          <input type="text" {...(name === 'endpoint' && { inputMode: 'url' })} {...common} />
        )}
        <FieldProblems problems={problems} field={name} />
      </>
    )
  }
  return (
    <section data-source-form>
      <h2>{t(props.replaces ? 'consoleSources.replaceTitle' : 'consoleSources.setTitle')}</h2>
      {problems.length > 0 && (
        <p class="error" role="alert">
          {t('consoleSources.notSaved')}
        </p>
      )}
      <ProblemSummary ctx={ctx} problems={problems} />
      <form method="post" action={consoleHref(ctx, '/admin/sources')}>
        <FormField ctx={ctx} />
        <TenantField tenantId={props.tenantId} />
        {field('endpoint')}
        <p class="muted">{t('consoleSources.endpointHint')}</p>
        {field('username')}
        {field('password')}
        <p>
          <label>
            <input type="checkbox" name="pull" value="on" checked={form ? form.pull : true} />{' '}
            {t('consoleSources.pullLabel')}
          </label>
        </p>
        <p>
          <label>
            <input type="checkbox" name="forward" value="on" checked={form?.forward ?? false} />{' '}
            {t('consoleSources.forwardLabel')}
          </label>
        </p>
        <p>
          <button type="submit">{t('consoleSources.save')}</button>
        </p>
      </form>
    </section>
  )
}
