/** A framework imported into the installation, as kept. */
export interface StoredFramework {
  readonly id: string
  readonly version: string
  /** The framework in canonical JSON; the application checks it when it reads it. */
  readonly document: unknown
  readonly importedBy: string
  readonly importedAt: Date
}

/** Imported frameworks (installation-wide, like the shipped ones). */
export interface FrameworkStore {
  /** Keeps a framework, replacing an imported one of the same ID. Audited. */
  saveFramework(
    framework: { readonly id: string; readonly version: string; readonly document: unknown },
    actor: string,
  ): Promise<StoredFramework>
  /** Every imported framework, by ID. */
  listFrameworks(): Promise<StoredFramework[]>
  /** When the latest import happened (to notice a new one), or undefined. */
  latestImport(): Promise<Date | undefined>
}
