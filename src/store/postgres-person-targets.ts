import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { excluded } from './excluded.ts'
import { orNotFound } from './or-not-found.ts'
import type { PersonTarget } from './progress-store.ts'
import { personTargets as targetsTable } from './schema/index.ts'

// A person's own targets (ProgressStore.personTargets and setPersonTargets).

export async function personTargets(
  db: Db,
  tenantId: string,
  personId: string,
): Promise<PersonTarget[]> {
  const rows = await db
    .select({ componentId: targetsTable.componentId, level: targetsTable.level })
    .from(targetsTable)
    .where(and(eq(targetsTable.tenantId, tenantId), eq(targetsTable.personId, personId)))
    .orderBy(targetsTable.componentId)
  return rows
}

export async function setPersonTargets(
  db: Db,
  tenantId: string,
  personId: string,
  targets: readonly { readonly componentId: string; readonly level: string | null }[],
): Promise<void> {
  const set = targets.flatMap((t) => (t.level === null ? [] : [{ ...t, level: t.level }]))
  const removed = targets.filter((t) => t.level === null).map((t) => t.componentId)
  if (removed.length > 0) {
    await db
      .delete(targetsTable)
      .where(
        and(
          eq(targetsTable.tenantId, tenantId),
          eq(targetsTable.personId, personId),
          inArray(targetsTable.componentId, removed),
        ),
      )
  }
  if (set.length === 0) return
  await orNotFound(
    `person ${personId}`,
    db
      .insert(targetsTable)
      .values(set.map((t) => ({ tenantId, personId, ...t })))
      .onConflictDoUpdate({
        target: [targetsTable.tenantId, targetsTable.personId, targetsTable.componentId],
        set: { level: excluded(targetsTable.level), updatedAt: sql`now()` },
      }),
  )
}
