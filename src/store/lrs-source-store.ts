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
  getSource(tenantId: string): Promise<LrsSource | undefined>
  listSources(): Promise<LrsSource[]>
  /** Sources to pull from at `now`. */
  dueSources(now: Date): Promise<LrsSource[]>
  /** Moves the cursor; call in the transaction that stored the page. */
  advanceCursor(tenantId: string, cursor: Date): Promise<void>
  /** Records a finished run: success clears the error, failure counts and sets the retry time. */
  recordRun(
    tenantId: string,
    run: { readonly at: Date; readonly error?: string; readonly nextPullAt: Date },
  ): Promise<void>
}
