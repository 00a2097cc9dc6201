/** One change: who did what to which thing. */
export interface AuditEntryInput {
  /** Absent for actions on the installation itself (admin tokens, tenants). */
  readonly tenantId?: string
  /** e.g. `cli`, `admin-token:<name>`, `person:<uuid>`. */
  readonly actor: string
  /** A dotted verb, e.g. `admin-token.create`. */
  readonly action: string
  /** What it was done to, e.g. `admin-token:<id>`. */
  readonly subject: string
  readonly details?: Readonly<Record<string, unknown>>
}

export interface AuditEntry extends Required<Omit<AuditEntryInput, 'tenantId'>> {
  readonly id: number
  readonly tenantId: string | undefined
  readonly at: Date
}

/** The audit log of who changed what; append-only. */
export interface AuditLog {
  /** Appends one entry. */
  record(entry: AuditEntryInput): Promise<void>
  /** Appends entries, in their order, in one statement. */
  recordAll(entries: readonly AuditEntryInput[]): Promise<void>
  /** Newest first; only one tenant's entries when `tenantId` is given. */
  list(options?: { readonly tenantId?: string; readonly limit?: number }): Promise<AuditEntry[]>
}
