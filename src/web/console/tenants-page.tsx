import type { ConsoleContext } from '../../server/console/console-context.ts'
import { isDistrict } from '../../server/console/tenant-tree.ts'
import { ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { ColumnHeads, FieldProblem, indented, invalidProps, tenantKind } from './console-parts.tsx'

/** What was typed into the form to add a tenant, and what is wrong with it. */
export interface AddForm {
  readonly values: { readonly name?: string; readonly kind?: string; readonly parentId?: string }
  readonly problems: { readonly name?: string; readonly kind?: string; readonly parentId?: string }
}

/** What was chosen in the form to move a tenant, and what is wrong with it. */
export interface MoveForm {
  readonly values: { readonly tenantId?: string; readonly parentId?: string }
  readonly problems: { readonly tenantId?: string; readonly parentId?: string }
}

export interface TenantsPageProps {
  readonly ctx: ConsoleContext
  /** People per tenant id. */
  readonly people: ReadonlyMap<string, number>
  readonly add?: AddForm
  readonly move?: MoveForm
  readonly notice?: string
}

const EMPTY = { values: {}, problems: {} }

/** Tenants and districts: the tree, adding a district or a school, moving a tenant. */
export function TenantsPage({ ctx, people, add = EMPTY, move = EMPTY, notice }: TenantsPageProps) {
  const t = ctx.t
  const names = new Map(ctx.allTenants.map((x) => [x.id, x.name]))
  const districts = ctx.tenants.filter(({ tenant }) => isDistrict(tenant))
  const admin = ctx.actor.kind === 'admin-token'
  return (
    <ConsoleLayout ctx={ctx} title={t('console.tenants.title')} {...(notice && { notice })}>
      {ctx.tenants.length === 0 ? (
        <p>{t('console.tenants.empty')}</p>
      ) : (
        <table class="stack" data-tenants>
          <ColumnHeads
            labels={[
              t('console.tenants.name'),
              t('console.tenants.kind'),
              t('console.tenants.people'),
              t('console.tenants.under'),
              t('console.tenants.actions'),
            ]}
          />
          <tbody>
            {ctx.tenants.map(({ tenant, depth }) => (
              <tr key={tenant.id} data-tenant={tenant.id}>
                <th scope="row" data-label={t('console.tenants.name')}>
                  <span style={`padding-left:${depth * 1.25}rem`}>{tenant.name}</span>
                </th>
                <td data-label={t('console.tenants.kind')}>{tenantKind(ctx, tenant)}</td>
                <td
                  data-label={t('console.tenants.people')}
                  data-people={people.get(tenant.id) ?? 0}
                >
                  {people.get(tenant.id) ?? 0}
                </td>
                <td data-label={t('console.tenants.under')}>
                  {tenant.parentId === undefined
                    ? t('console.tenants.none')
                    : (names.get(tenant.parentId) ?? tenant.parentId)}
                </td>
                <td data-label={t('console.tenants.actions')}>
                  <a href={consoleHref(ctx, `/admin/tenants/${tenant.id}/settings`)}>
                    {t('console.tenants.settings')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="add">{t('console.tenants.addTitle')}</h2>
      <form method="post" action={consoleHref(ctx, '/admin/tenants')} data-form="add">
        <FormField ctx={ctx} />
        <label for="add-name">{t('console.tenants.addName')}</label>
        <input
          type="text"
          id="add-name"
          name="name"
          maxLength={200}
          required
          value={add.values.name ?? ''}
          {...invalidProps('add-name', add.problems.name)}
        />
        <FieldProblem id="add-name" problem={add.problems.name} />
        <label for="add-kind">{t('console.tenants.addKind')}</label>
        <select id="add-kind" name="kind" {...invalidProps('add-kind', add.problems.kind)}>
          {admin && (
            <option value="district" selected={add.values.kind === 'district'}>
              {t('console.kind.district')}
            </option>
          )}
          <option value="school" selected={add.values.kind === 'school' || !admin}>
            {t('console.kind.school')}
          </option>
        </select>
        <FieldProblem id="add-kind" problem={add.problems.kind} />
        <label for="add-parent">{t('console.tenants.addParent')}</label>
        <select
          id="add-parent"
          name="parentId"
          {...invalidProps('add-parent', add.problems.parentId)}
        >
          {admin && <option value="">{t('console.tenants.choose')}</option>}
          {districts.map(({ tenant }) => (
            <option key={tenant.id} value={tenant.id} selected={add.values.parentId === tenant.id}>
              {tenant.name}
            </option>
          ))}
        </select>
        <FieldProblem id="add-parent" problem={add.problems.parentId} />
        <p>
          <button type="submit">{t('console.tenants.addSubmit')}</button>
        </p>
      </form>

      <h2 id="move">{t('console.tenants.moveTitle')}</h2>
      <form method="post" action={consoleHref(ctx, '/admin/tenants/move')} data-form="move">
        <FormField ctx={ctx} />
        <label for="move-tenant">{t('console.tenants.moveTenant')}</label>
        <select
          id="move-tenant"
          name="tenantId"
          {...invalidProps('move-tenant', move.problems.tenantId)}
        >
          <option value="">{t('console.tenants.choose')}</option>
          {ctx.tenants
            .filter(({ tenant }) => tenant.id !== ctx.actor.districtId)
            .map(({ tenant, depth }) => (
              <option
                key={tenant.id}
                value={tenant.id}
                selected={move.values.tenantId === tenant.id}
              >
                {indented(tenant.name, depth)}
              </option>
            ))}
        </select>
        <FieldProblem id="move-tenant" problem={move.problems.tenantId} />
        <label for="move-parent">{t('console.tenants.moveParent')}</label>
        <select
          id="move-parent"
          name="parentId"
          {...invalidProps('move-parent', move.problems.parentId)}
        >
          {admin && (
            <option value="" selected={move.values.parentId === ''}>
              {t('console.tenants.none')}
            </option>
          )}
          {districts.map(({ tenant }) => (
            <option key={tenant.id} value={tenant.id} selected={move.values.parentId === tenant.id}>
              {tenant.name}
            </option>
          ))}
        </select>
        <FieldProblem id="move-parent" problem={move.problems.parentId} />
        <p>
          <button type="submit">{t('console.tenants.moveSubmit')}</button>
        </p>
      </form>
    </ConsoleLayout>
  )
}
