import { type AnyPgColumn, customType, foreignKey, timestamp } from 'drizzle-orm/pg-core'

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

/**
 * Text compared byte by byte (COLLATE "C"): IRIs, agents' keys and document ids, which xAPI
 * compares as strings and nobody reads sorted as words. The indexes over them compare bytes
 * instead of words of the database's language: on a database in an ICU en-US locale, inserting
 * into three such indexes took 1.7 times as long as comparing bytes. Equality is the same under
 * any locale.
 */
export const bytewiseText = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
})

/** An array of bytewiseText. */
export const bytewiseTextArray = customType<{ data: string[] }>({
  dataType: () => 'text[] COLLATE "C"',
})
