import { eq } from 'drizzle-orm'
import type { Db } from './database.ts'
import type { InstallationSettingsStore } from './installation-settings-store.ts'
import { installationSettings } from './schema/index.ts'

/** Installation settings in PostgreSQL. */
export function postgresInstallationSettingsStore(db: Db): InstallationSettingsStore {
  const getSetting = async (name: string) => {
    const [row] = await db
      .select({ value: installationSettings.value })
      .from(installationSettings)
      .where(eq(installationSettings.name, name))
    return row?.value
  }
  return {
    getSetting,
    async getOrCreateSetting(name, value) {
      // Two processes asking at once both insert; the primary key keeps the first, and both
      // read back the same value.
      await db.insert(installationSettings).values({ name, value }).onConflictDoNothing()
      // Settings are never deleted: the row is there after the insert.
      return (await getSetting(name))!
    },
  }
}
