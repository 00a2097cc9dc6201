/** A tenant's upstream LRS and how pulling from it goes. */
export interface LrsSource {
  readonly tenantId: string
  readonly endpoint: string
  readonly username: string
  readonly password: string
  readonly pull: boolean
  /** Statements received on /xapi are sent on to this LRS. */
  readonly forward: boolean
  /** The `stored` of the last statement pulled; pulling resumes after it. */
  readonly cursor: Date | undefined
  readonly lastPulledAt: Date | undefined
  readonly lastError: string | undefined
  readonly failures: number
  readonly nextPullAt: Date
}

export type LrsSourceInput = Pick<
  LrsSource,
  'endpoint' | 'username' | 'password' | 'pull' | 'forward'
>

/** Tenants' upstream LRSs. */
export interface LrsSourceStore {
  /** Sets a tenant's upstream LRS (a new endpoint starts pulling from the beginning). Audited. */
  setSource(tenantId: string, input: LrsSourceInput, actor: string): Promise<LrsSource>
  /** Stops using a tenant's upstream LRS (its credentials gone with it); false when none. Audited. */
  removeSource(tenantId: string, actor: string): Promise<boolean>
  getSource(tenantId: string): Promise<LrsSource | undefined>
  listSources(): Promise<LrsSource[]>
  /**
   * Claims the sources due at `now` for one puller: each is leased until `now + leaseMs` (its
   * next pull time moves there), so pullers in other processes pass it by; a lease a crashed
   * puller leaves expires by itself. A finished run sets the real next time (recordRun).
   */
  claimDueSources(now: Date, leaseMs: number, limit: number): Promise<LrsSource[]>
  /**
   * Moves the cursor and renews the lease to `leaseUntil`; call in the transaction that stored
   * the page.
   */
  advanceCursor(tenantId: string, cursor: Date, leaseUntil: Date): Promise<void>
  /** Records a finished run: success clears the error, failure counts and sets the retry time. */
  recordRun(
    tenantId: string,
    run: { readonly at: Date; readonly error?: string; readonly nextPullAt: Date },
  ): Promise<void>
}
