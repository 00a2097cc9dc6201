import type { ConsoleContext } from '../../server/console/console-context.ts'
import { isDistrict } from '../../server/console/tenant-tree.ts'
import type { Platform } from '../../store/platform-store.ts'
import type {
  InvitationStatus,
  RegistrationInvitation,
} from '../../store/registration-invitation-store.ts'
import { ActionButton, ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { ColumnHeads, FieldProblem, invalidProps, ShownOnce, when } from './console-parts.tsx'
import {
  AddDeployment,
  AddPlatform,
  type AddPlatformForm,
  type DeploymentForm,
} from './platform-forms.tsx'

/** What was typed into the invitation form, and what is wrong with it. */
export interface InviteForm {
  readonly values: { readonly name?: string; readonly parentId?: string; readonly days?: string }
  readonly problems: { readonly name?: string; readonly parentId?: string; readonly days?: string }
}

export interface PlatformsPageProps {
  readonly ctx: ConsoleContext
  /** Every registered LMS (admin tokens only); undefined for a district manager. */
  readonly platforms: readonly Platform[] | undefined
  readonly invitations: readonly (RegistrationInvitation & { status: InvitationStatus })[]
  readonly invite?: InviteForm
  /** The URL of an invitation just made: shown this once. */
  readonly madeUrl?: string
  readonly notice?: string
  /** The form registering an LMS by hand, as typed when refused (admin tokens only). */
  readonly add?: AddPlatformForm
  /** A deployment ID refused, as typed. */
  readonly deployment?: DeploymentForm
}

/** LMSs and registration invitations: the registered LMSs, making and withdrawing invitations. */
export function PlatformsPage(props: PlatformsPageProps) {
  const { ctx, platforms, invitations, madeUrl } = props
  const invite = props.invite ?? { values: {}, problems: {} }
  const t = ctx.t
  const names = new Map(ctx.allTenants.map((x) => [x.id, x.name]))
  const districts = ctx.tenants.filter(({ tenant }) => isDistrict(tenant))
  const notice = madeUrl ? t('console.platforms.made') : props.notice
  return (
    <ConsoleLayout ctx={ctx} title={t('console.platforms.title')} {...(notice && { notice })}>
      {madeUrl && (
        <p>
          <ShownOnce mark="invitation-url" value={madeUrl} />
        </p>
      )}
      {platforms && (
        <>
          <h2>{t('console.platforms.listTitle')}</h2>
          {platforms.length === 0 ? (
            <p>{t('console.platforms.empty')}</p>
          ) : (
            <table class="stack" data-platforms>
              <ColumnHeads
                labels={[
                  t('console.platforms.name'),
                  t('console.platforms.issuer'),
                  t('console.platforms.clientId'),
                  t('console.platforms.deployments'),
                  t('console.platforms.tenant'),
                ]}
              />
              <tbody>
                {platforms.map((p) => (
                  <tr key={p.id} data-platform={p.id}>
                    <th scope="row" data-label={t('console.platforms.name')}>
                      {p.name}
                    </th>
                    <td data-label={t('console.platforms.issuer')}>{p.issuer}</td>
                    <td data-label={t('console.platforms.clientId')}>{p.clientId}</td>
                    <td data-label={t('console.platforms.deployments')}>
                      {p.deploymentIds.join(', ')}
                      <AddDeployment
                        ctx={ctx}
                        platformId={p.id}
                        platformName={p.name}
                        form={props.deployment}
                      />
                    </td>
                    <td data-label={t('console.platforms.tenant')}>
                      {names.get(p.tenantId) ?? p.tenantId}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <AddPlatform ctx={ctx} {...(props.add && { form: props.add })} />
        </>
      )}

      <h2 id="invite">{t('console.platforms.inviteTitle')}</h2>
      <form method="post" action={consoleHref(ctx, '/admin/platforms/invitations')}>
        <FormField ctx={ctx} />
        <label for="invite-name">{t('console.platforms.inviteName')}</label>
        <input
          type="text"
          id="invite-name"
          name="name"
          maxLength={200}
          value={invite.values.name ?? ''}
          {...invalidProps('invite-name', invite.problems.name)}
        />
        <FieldProblem id="invite-name" problem={invite.problems.name} />
        <label for="invite-parent">{t('console.platforms.inviteParent')}</label>
        <select
          id="invite-parent"
          name="parentId"
          {...invalidProps('invite-parent', invite.problems.parentId)}
        >
          {ctx.actor.kind === 'admin-token' && (
            <option value="">{t('console.tenants.none')}</option>
          )}
          {districts.map(({ tenant }) => (
            <option
              key={tenant.id}
              value={tenant.id}
              selected={invite.values.parentId === tenant.id}
            >
              {tenant.name}
            </option>
          ))}
        </select>
        <FieldProblem id="invite-parent" problem={invite.problems.parentId} />
        <label for="invite-days">{t('console.platforms.inviteDays')}</label>
        <input
          type="text"
          inputMode="numeric"
          id="invite-days"
          name="days"
          value={invite.values.days ?? '7'}
          {...invalidProps('invite-days', invite.problems.days)}
        />
        <FieldProblem id="invite-days" problem={invite.problems.days} />
        <p>
          <button type="submit">{t('console.platforms.inviteSubmit')}</button>
        </p>
      </form>

      <h2>{t('console.platforms.invitationsTitle')}</h2>
      {invitations.length === 0 ? (
        <p>{t('console.platforms.noInvitations')}</p>
      ) : (
        <table class="stack" data-invitations>
          <ColumnHeads
            labels={[
              t('console.platforms.name'),
              t('console.platforms.inviteParent'),
              t('console.platforms.status'),
              t('console.platforms.createdBy'),
              t('console.platforms.expiresAt'),
              t('console.tenants.actions'),
            ]}
          />
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id} data-invitation={i.id} data-status={i.status}>
                <th scope="row" data-label={t('console.platforms.name')}>
                  {i.name ?? '—'}
                </th>
                <td data-label={t('console.platforms.inviteParent')}>
                  {i.parentId === undefined ? '—' : (names.get(i.parentId) ?? i.parentId)}
                </td>
                <td data-label={t('console.platforms.status')}>
                  {t(`console.platforms.statusOf.${i.status}`)}
                </td>
                <td data-label={t('console.platforms.createdBy')}>{i.createdBy}</td>
                <td data-label={t('console.platforms.expiresAt')}>{when(ctx, i.expiresAt)}</td>
                <td data-label={t('console.tenants.actions')}>
                  {i.status === 'open' && (
                    <ActionButton
                      ctx={ctx}
                      action={consoleHref(ctx, `/admin/platforms/invitations/${i.id}/withdraw`)}
                      label={t('console.platforms.withdraw')}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  )
}
