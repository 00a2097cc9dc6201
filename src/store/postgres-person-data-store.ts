import { and, eq, or, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { isUuid } from './is-uuid.ts'
import type { PersonDataStore, PersonRef } from './person-data-store.ts'
import { erasePersonData } from './postgres-person-erase.ts'
import { exportPersonData } from './postgres-person-export.ts'
import { identities, people } from './schema/index.ts'
import { normaliseEmail } from '../accounts/email.ts'

/** A person's data as a whole, on PostgreSQL. */
export function postgresPersonDataStore(db: Db): PersonDataStore {
  return {
    async findPeople(idOrEmail, tenantId) {
      const inTenant = tenantId === undefined ? undefined : eq(people.tenantId, tenantId)
      // Not narrowed: an email is a string too.
      if (isUuid(idOrEmail as unknown)) {
        return db
          .select({ tenantId: people.tenantId, personId: people.id })
          .from(people)
          .where(and(eq(people.id, idOrEmail), inTenant))
      }
      const email = normaliseEmail(idOrEmail)
      const rows = await db
        .selectDistinct({ tenantId: people.tenantId, personId: people.id })
        .from(people)
        .leftJoin(
          identities,
          and(
            eq(identities.tenantId, people.tenantId),
            eq(identities.personId, people.id),
            eq(identities.kind, 'mbox'),
          ),
        )
        .where(
          and(
            inTenant,
            or(
              sql`lower(${people.email}) = ${email}`,
              sql`lower(${identities.value}) = ${`mailto:${email}`}`,
            ),
          ),
        )
      return rows satisfies PersonRef[]
    },
    exportPerson: (tenantId, personId, now) => exportPersonData(db, tenantId, personId, now),
    erasePerson: (tenantId, personId, actor) => erasePersonData(db, tenantId, personId, actor),
  }
}
