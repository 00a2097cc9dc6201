import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { Tenant } from '../../store/index.ts'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import { ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { TenantField, TenantPicker } from './tenant-picker.tsx'

/** A person form as typed when it was refused, with its problems. */
export interface PersonForm {
  readonly values: Readonly<Record<string, string>>
  readonly problems: readonly FormProblem[]
}

export interface DataPageProps {
  readonly ctx: ConsoleContext
  /** Whether this installation can copy its database while it serves (the embedded one). */
  readonly backup: boolean
  /** The tenant chosen; none yet shows only the picker under the backup. */
  readonly tenant?: Tenant
  readonly notice?: string
  readonly exportForm?: PersonForm
  readonly eraseForm?: PersonForm
}

/** Keeping data safe: a backup, and a person's data exported or erased on their request. */
export function DataPage(props: DataPageProps) {
  const { ctx, tenant } = props
  const t = ctx.t
  return (
    <ConsoleLayout ctx={ctx} title={t('consoleData.title')} notice={props.notice}>
      {ctx.actor.kind === 'admin-token' && (
        <section data-backup>
          <h2>{t('consoleData.backupTitle')}</h2>
          {props.backup ? (
            <>
              <p>{t('consoleData.backupIntro')}</p>
              <form method="post" action={consoleHref(ctx, '/admin/data/backup')}>
                <FormField ctx={ctx} />
                <button type="submit">{t('consoleData.backup')}</button>
              </form>
            </>
          ) : (
            <p>{t('consoleData.backupServer')}</p>
          )}
        </section>
      )}
      <h2>{t('consoleData.personTitle')}</h2>
      <p>{t('consoleData.personIntro')}</p>
      <TenantPicker ctx={ctx} selected={tenant?.id} />
      {tenant && (
        <>
          <h2>{tenant.name}</h2>
          <ExportForm ctx={ctx} tenantId={tenant.id} form={props.exportForm} />
          <EraseForm ctx={ctx} tenantId={tenant.id} form={props.eraseForm} />
        </>
      )}
    </ConsoleLayout>
  )
}

function TextField(props: {
  ctx: ConsoleContext
  id: string
  name: string
  label: string
  form: PersonForm | undefined
}) {
  const problems = props.form?.problems ?? []
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        type="text"
        id={props.id}
        name={props.name}
        value={props.form?.values[props.name] ?? ''}
        required
        autocomplete="off"
        {...invalidField(problems, props.id)}
      />
      <FieldProblems problems={problems} field={props.id} />
    </>
  )
}

function ExportForm(props: { ctx: ConsoleContext; tenantId: string; form?: PersonForm }) {
  const { ctx, form } = props
  return (
    <section data-export>
      <h3>{ctx.t('consoleData.exportTitle')}</h3>
      <p>{ctx.t('consoleData.exportIntro')}</p>
      <ProblemSummary ctx={ctx} problems={form?.problems ?? []} />
      <form method="post" action={consoleHref(ctx, '/admin/data/export')}>
        <FormField ctx={ctx} />
        <TenantField tenantId={props.tenantId} />
        <TextField
          ctx={ctx}
          id="export-person"
          name="person"
          label={ctx.t('consoleData.person')}
          form={form}
        />
        <p>
          <button type="submit">{ctx.t('consoleData.export')}</button>
        </p>
      </form>
    </section>
  )
}

function EraseForm(props: { ctx: ConsoleContext; tenantId: string; form?: PersonForm }) {
  const { ctx, form } = props
  return (
    <section data-erase>
      <h3>{ctx.t('consoleData.eraseTitle')}</h3>
      <p>{ctx.t('consoleData.eraseIntro')}</p>
      <ProblemSummary ctx={ctx} problems={form?.problems ?? []} />
      <form method="post" action={consoleHref(ctx, '/admin/data/erase')}>
        <FormField ctx={ctx} />
        <TenantField tenantId={props.tenantId} />
        <TextField
          ctx={ctx}
          id="erase-email"
          name="email"
          label={ctx.t('consoleData.email')}
          form={form}
        />
        <TextField
          ctx={ctx}
          id="erase-confirm"
          name="confirm"
          label={ctx.t('consoleData.confirm')}
          form={form}
        />
        <p>
          <button type="submit">{ctx.t('consoleData.erase')}</button>
        </p>
      </form>
    </section>
  )
}
