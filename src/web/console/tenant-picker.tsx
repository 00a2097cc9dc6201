import type { ConsoleContext } from '../../server/console/console-context.ts'
import { consoleHref } from './console-layout.tsx'
import { indented } from './console-parts.tsx'

/**
 * The choice of the tenant a section works on (`?tenant=`): the tenants in the actor's scope by
 * name, districts with their schools indented under them. A GET form, so it works without script.
 */
export function TenantPicker(props: {
  readonly ctx: Pick<ConsoleContext, 't' | 'lang' | 'tenants' | 'path'>
  readonly selected: string | undefined
}) {
  const { ctx } = props
  return (
    <form method="get" action={consoleHref({ lang: 'vi' }, ctx.path)} class="inline" data-picker>
      {ctx.lang !== 'vi' && <input type="hidden" name="lang" value={ctx.lang} />}
      <div>
        <label for="tenant">{ctx.t('console.picker.tenant')}</label>
        <select id="tenant" name="tenant" required>
          {props.selected === undefined && <option value="">—</option>}
          {ctx.tenants.map(({ tenant, depth }) => (
            <option value={tenant.id} selected={tenant.id === props.selected}>
              {indented(tenant.name, depth)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit" class="secondary">
          {ctx.t('console.picker.choose')}
        </button>
      </div>
    </form>
  )
}

/** The hidden field that tells a section's POST which tenant it works on. */
export function TenantField({ tenantId }: { readonly tenantId: string }) {
  return <input type="hidden" name="tenant" value={tenantId} />
}
