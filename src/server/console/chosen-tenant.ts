import type { Tenant } from '../../store/index.ts'
import { NotFound } from '../errors.ts'
import { type ConsoleContext, requireTenant } from './console-context.ts'

/**
 * The tenant a console request names (`?tenant=` or the form's `tenant`), once the actor may
 * manage it: 404 for an unknown one, 403 for one outside the actor's district.
 */
export function chosenTenant(ctx: ConsoleContext, tenantId: string): Tenant {
  requireTenant(ctx.actor, tenantId)
  const tenant = ctx.allTenants.find((t) => t.id === tenantId)
  if (!tenant) throw new NotFound(`no tenant ${tenantId}`)
  return tenant
}

/** The tenant a section's page was asked for (`?tenant=`), if any; checked as {@link chosenTenant}. */
export function queriedTenant(
  ctx: ConsoleContext,
  tenantId: string | undefined,
): Tenant | undefined {
  return tenantId === undefined ? undefined : chosenTenant(ctx, tenantId)
}
