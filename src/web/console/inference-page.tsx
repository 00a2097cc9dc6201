import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { QueueDepth, SetAsidePerson, Tenant } from '../../store/index.ts'
import { ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { ColumnHeads, when } from './console-parts.tsx'
import { TenantField, TenantPicker } from './tenant-picker.tsx'

/** A set-aside person with the name (or email) people know them by. */
export type ShownPerson = SetAsidePerson & { readonly name: string | undefined }

/** A tenant's queue as the page shows it. */
export interface InferenceTenant {
  readonly tenant: Tenant
  readonly depth: QueueDepth
  /** The first set-aside people, the soonest retry first, with their names where known. */
  readonly setAside: readonly ShownPerson[]
}

export interface InferencePageProps {
  readonly ctx: ConsoleContext
  /** The tenant chosen; none yet shows only the picker. */
  readonly shown: InferenceTenant | undefined
  readonly notice?: string
}

/** A tenant's inference queue: people due, people set aside (retry), recompute everyone. */
export function InferencePage({ ctx, shown, notice }: InferencePageProps) {
  const t = ctx.t
  return (
    <ConsoleLayout ctx={ctx} title={t('consoleInference.title')} notice={notice}>
      <p>{t('consoleInference.intro')}</p>
      <TenantPicker ctx={ctx} selected={shown?.tenant.id} />
      {!shown ? (
        <p class="muted">{t('consoleInference.chooseTenant')}</p>
      ) : (
        <>
          <h2>{shown.tenant.name}</h2>
          <dl data-queue>
            <dt>{t('consoleInference.due')}</dt>
            <dd data-due>{shown.depth.count}</dd>
            <dt>{t('consoleInference.oldest')}</dt>
            <dd>{shown.depth.oldest ? when(ctx, shown.depth.oldest) : '—'}</dd>
            <dt>{t('consoleInference.setAside')}</dt>
            <dd data-set-aside>{shown.depth.setAside}</dd>
          </dl>
          {shown.setAside.length > 0 && <SetAsideTable ctx={ctx} people={shown.setAside} />}
          {shown.depth.setAside > shown.setAside.length && (
            <p class="muted">
              {t('consoleInference.more', {
                count: shown.depth.setAside - shown.setAside.length,
              })}
            </p>
          )}
          <ActionForm ctx={ctx} tenantId={shown.tenant.id} action="retry" />
          <ActionForm ctx={ctx} tenantId={shown.tenant.id} action="recompute" />
        </>
      )}
    </ConsoleLayout>
  )
}

function SetAsideTable({ ctx, people }: { ctx: ConsoleContext; people: readonly ShownPerson[] }) {
  const label = (key: string) => ctx.t(`consoleInference.${key}`)
  return (
    <table class="stack" data-set-aside-people>
      <ColumnHeads
        labels={[label('person'), label('attempts'), label('retryAt'), label('lastError')]}
      />
      <tbody>
        {people.map((p) => (
          <tr data-person={p.personId}>
            <th scope="row" data-label={label('person')}>
              {p.name && <>{p.name} </>}
              <code class="muted">{p.personId}</code>
            </th>
            <td data-label={label('attempts')}>{p.attempts}</td>
            <td data-label={label('retryAt')}>{when(ctx, p.retryAt)}</td>
            <td data-label={label('lastError')}>{p.lastError ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ActionForm(props: {
  ctx: ConsoleContext
  tenantId: string
  action: 'retry' | 'recompute'
}) {
  const { ctx, action } = props
  return (
    <section data-action={action}>
      <h2>{ctx.t(`consoleInference.${action}Title`)}</h2>
      <p>{ctx.t(`consoleInference.${action}Intro`)}</p>
      <form method="post" action={consoleHref(ctx, `/admin/inference/${action}`)}>
        <FormField ctx={ctx} />
        <TenantField tenantId={props.tenantId} />
        <button type="submit" class="secondary">
          {ctx.t(`consoleInference.${action}`)}
        </button>
      </form>
    </section>
  )
}
