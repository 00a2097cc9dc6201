import { type AnyPgColumn, foreignKey, timestamp } from 'drizzle-orm/pg-core'

/** When a row was written. */
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()

/**
 * A reference that stays inside one tenant: (tenant_id, column) → the parent's (tenant_id, id),
 * so no row can point at another tenant's row.
 */
export function sameTenant(
  name: string,
  child: { readonly tenantId: AnyPgColumn; readonly column: AnyPgColumn },
  parent: { readonly tenantId: AnyPgColumn; readonly id: AnyPgColumn },
) {
  return foreignKey({
    name,
    columns: [child.tenantId, child.column],
    foreignColumns: [parent.tenantId, parent.id],
  })
}
