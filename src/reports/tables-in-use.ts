// Which competency tables a chooser lists: only those someone in scope is assessed against, so a
// primary school is not offered the preschool table (MN) nobody of it is in. Pure.

/**
 * The tables (in their order) that have staff in scope, and those kept whatever the counts: the
 * one shown, the school's default table.
 */
export function tablesInUse<T extends { readonly id: string }>(
  tables: readonly T[],
  staffByTable: ReadonlyMap<string, number>,
  keep: readonly string[],
): T[] {
  return tables.filter((t) => (staffByTable.get(t.id) ?? 0) > 0 || keep.includes(t.id))
}

/** Staff per table over several schools (a district), summed. */
export function sumStaffByTable(
  counts: readonly ReadonlyMap<string, number>[],
): Map<string, number> {
  const sum = new Map<string, number>()
  for (const count of counts) {
    for (const [table, n] of count) sum.set(table, (sum.get(table) ?? 0) + n)
  }
  return sum
}
