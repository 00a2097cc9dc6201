import type { AudienceEntry } from '../../../framework/index.ts'
import { IDENTITY_RULES } from '../../../lti/record-launch.ts'
import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { Tenant } from '../../store/tenant-store.ts'
import { ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { FieldProblem, invalidProps } from './console-parts.tsx'

/** The settings form's fields, as typed (strings; a checkbox is 'on' or absent). */
export interface SettingsValues {
  readonly requiredShare: string
  readonly identityRule: string
  readonly writeDescriptors: boolean
  readonly audience: string
  readonly minGroupSize: string
  readonly statementRetentionDays: string
  readonly accountHomePage: string
  readonly targets: string
  /** A school's expected levels of its pupils, one `GRADE=LEVEL` a line (7=TC2). */
  readonly gradeTargets: string
}

export type SettingsFieldName = keyof SettingsValues

export interface TenantSettingsPageProps {
  readonly ctx: ConsoleContext
  readonly tenant: Tenant
  /** The competency tables of the frameworks in force. */
  readonly tables: readonly AudienceEntry[]
  readonly values: SettingsValues
  readonly problems?: Readonly<Partial<Record<SettingsFieldName, string>>>
}

const TEXT_FIELDS = [
  'requiredShare',
  'minGroupSize',
  'statementRetentionDays',
  'accountHomePage',
] as const

/** A tenant's settings (as `nls tenant settings` has them), each problem at its field. */
export function TenantSettingsPage({
  ctx,
  tenant,
  tables,
  values,
  problems = {},
}: TenantSettingsPageProps) {
  const t = ctx.t
  const field = (name: SettingsFieldName) => ({
    id: `settings-${name}`,
    problem: problems[name],
  })
  const invalid = Object.keys(problems).length > 0
  return (
    <ConsoleLayout ctx={ctx} title={t('console.settings.title', { name: tenant.name })}>
      {invalid && (
        <p class="error" role="alert">
          {t('console.settings.invalid')}
        </p>
      )}
      <form
        method="post"
        action={consoleHref(ctx, `/admin/tenants/${tenant.id}/settings`)}
        data-form="settings"
      >
        <FormField ctx={ctx} />
        {TEXT_FIELDS.map((name) => {
          const { id, problem } = field(name)
          return (
            <div key={name}>
              <label for={id}>{t(`console.settings.${name}`)}</label>
              <input
                type="text"
                id={id}
                name={name}
                value={values[name]}
                {...(name === 'accountHomePage' ? {} : { inputMode: 'decimal' as const })}
                {...invalidProps(id, problem)}
              />
              <FieldProblem id={id} problem={problem} />
            </div>
          )
        })}
        <label for="settings-identityRule">{t('console.settings.identityRule')}</label>
        <select
          id="settings-identityRule"
          name="identityRule"
          {...invalidProps('settings-identityRule', problems.identityRule)}
        >
          {IDENTITY_RULES.map((rule) => (
            <option key={rule} value={rule} selected={values.identityRule === rule}>
              {rule}
            </option>
          ))}
        </select>
        <FieldProblem id="settings-identityRule" problem={problems.identityRule} />
        <label for="settings-audience">{t('console.settings.audience')}</label>
        <select
          id="settings-audience"
          name="audience"
          {...invalidProps('settings-audience', problems.audience)}
        >
          {tables.map((table) => (
            <option key={table.id} value={table.id} selected={values.audience === table.id}>
              {table.id} — {table.audience.name[ctx.lang] ?? table.audience.name.vi}
            </option>
          ))}
          {!tables.some((table) => table.id === values.audience) && (
            <option value={values.audience} selected>
              {values.audience}
            </option>
          )}
        </select>
        <FieldProblem id="settings-audience" problem={problems.audience} />
        <label class="check">
          <input
            type="checkbox"
            name="writeDescriptors"
            value="on"
            checked={values.writeDescriptors}
          />
          {t('console.settings.writeDescriptors')}
        </label>
        <label for="settings-targets">{t('console.settings.targets')}</label>
        <textarea
          id="settings-targets"
          name="targets"
          rows={4}
          {...invalidProps('settings-targets', problems.targets)}
        >
          {values.targets}
        </textarea>
        <FieldProblem id="settings-targets" problem={problems.targets} />
        <label for="settings-gradeTargets">{t('console.settings.gradeTargets')}</label>
        <textarea
          id="settings-gradeTargets"
          name="gradeTargets"
          rows={4}
          placeholder="7=TC2"
          {...invalidProps('settings-gradeTargets', problems.gradeTargets)}
        >
          {values.gradeTargets}
        </textarea>
        <FieldProblem id="settings-gradeTargets" problem={problems.gradeTargets} />
        <p>
          <button type="submit">{t('console.settings.save')}</button>{' '}
          <a href={consoleHref(ctx, '/admin/tenants')}>{t('common.cancel')}</a>
        </p>
      </form>
    </ConsoleLayout>
  )
}
