import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { PlatformField, PlatformFormValues } from '../../server/console/platform-form.ts'
import { isDistrict } from '../../server/console/tenant-tree.ts'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import { consoleHref, FormField } from './console-layout.tsx'

/** The form registering an LMS by hand as typed when it was refused, with its problems. */
export interface AddPlatformForm {
  readonly values: PlatformFormValues
  readonly problems: readonly FormProblem[]
}

/** A deployment ID refused for a platform, as typed. */
export interface DeploymentForm {
  readonly platformId: string
  readonly value: string
  readonly problem: string
}

/** Registers an LMS by hand (Moodle: the values of the tool's "View configuration details"). */
export function AddPlatform({ ctx, form }: { ctx: ConsoleContext; form?: AddPlatformForm }) {
  const t = ctx.t
  const problems = form?.problems ?? []
  const input = (field: Exclude<PlatformField, 'parentId'>, required = true) => {
    const id = `platform-${field}`
    return (
      <>
        <label for={id}>{t(`consolePlatforms.${field}`)}</label>
        <input
          type="text"
          id={id}
          name={field}
          value={form?.values[field] ?? ''}
          required={required}
          autocomplete="off"
          {...invalidField(problems, id)}
        />
        <FieldProblems problems={problems} field={id} />
      </>
    )
  }
  return (
    <section data-add-platform>
      <h2 id="add">{t('consolePlatforms.addTitle')}</h2>
      <p>{t('consolePlatforms.addIntro')}</p>
      {problems.length > 0 && (
        <p class="error" role="alert">
          {t('consolePlatforms.notAdded')}
        </p>
      )}
      <ProblemSummary ctx={ctx} problems={problems} />
      <form method="post" action={consoleHref(ctx, '/admin/platforms')}>
        <FormField ctx={ctx} />
        {input('name', false)}
        {input('issuer')}
        {input('clientId')}
        {input('authUrl')}
        {input('tokenUrl')}
        {input('jwksUrl')}
        {input('deploymentIds')}
        <label for="platform-parentId">{t('consolePlatforms.parentId')}</label>
        <select
          id="platform-parentId"
          name="parentId"
          {...invalidField(problems, 'platform-parentId')}
        >
          <option value="">{t('console.tenants.none')}</option>
          {ctx.tenants
            .filter(({ tenant }) => isDistrict(tenant))
            .map(({ tenant }) => (
              <option value={tenant.id} selected={form?.values.parentId === tenant.id}>
                {tenant.name}
              </option>
            ))}
        </select>
        <FieldProblems problems={problems} field="platform-parentId" />
        <p>
          <button type="submit">{t('consolePlatforms.add')}</button>
        </p>
      </form>
    </section>
  )
}

/** Adds a deployment ID to a registered LMS (a new deployment of the tool in it). */
export function AddDeployment(props: {
  ctx: ConsoleContext
  platformId: string
  platformName: string
  form: DeploymentForm | undefined
}) {
  const { ctx, platformId } = props
  const form = props.form?.platformId === platformId ? props.form : undefined
  const id = `deployment-${platformId}`
  const problems = form ? [{ field: id, message: form.problem }] : []
  return (
    <form
      method="post"
      action={consoleHref(ctx, `/admin/platforms/${platformId}/deployments`)}
      class="inline"
      data-add-deployment={platformId}
    >
      <FormField ctx={ctx} />
      <label for={id} class="sr-only">
        {ctx.t('consolePlatforms.deploymentId', { name: props.platformName })}
      </label>
      <input
        type="text"
        id={id}
        name="deploymentId"
        value={form?.value ?? ''}
        size={8}
        required
        {...invalidField(problems, id)}
      />
      <button type="submit" class="secondary">
        {ctx.t('consolePlatforms.addDeployment')}
      </button>
      <FieldProblems problems={problems} field={id} />
    </form>
  )
}
