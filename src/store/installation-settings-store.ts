/** Settings made once for the whole installation and kept, whichever process asks. */
export interface InstallationSettingsStore {
  /** The value kept under `name`, if any. */
  getSetting(name: string): Promise<string | undefined>
  /** The value kept under `name`; when there is none yet, `value`, kept now (the first one wins). */
  getOrCreateSetting(name: string, value: string): Promise<string>
}
