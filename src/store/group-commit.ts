/** What one job of a group came to: its result, or the error it alone failed with. */
export type Settled<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown }

export interface GroupCommitOptions<J, R> {
  /** The most jobs one group takes. */
  readonly maxSize: number
  /** The most groups committing at once; jobs arriving meanwhile wait and form the next group. */
  readonly maxInFlight: number
  /**
   * When given, a group starts beside others only once the newest of them has been committing
   * this long: one commit at a time while commits are quick (so that groups grow with the load),
   * more while one is held up (a lock wait), so that it holds up no other job for longer.
   */
  readonly overlapAfterMs?: number
  /**
   * Commits a group and says how each of its jobs came out, in order. Should it throw, every
   * job of the group fails with that error.
   */
  readonly commit: (jobs: readonly J[]) => Promise<readonly Settled<R>[]>
}

/** A submitted job and how to answer its submitter. */
interface Waiting<J, R> {
  readonly job: J
  readonly resolve: (value: R) => void
  readonly reject: (error: unknown) => void
}

/**
 * Gathers jobs that arrive while others are committing into groups that commit together, so that
 * requests arriving together share one database commit. A job starts at once when no group is
 * committing; else it joins the next group, which starts as soon as a group ends, or beside the
 * others while fewer than `maxInFlight` commit (with `overlapAfterMs`, once the newest of them has
 * committed that long). Each job's promise settles after its group's commit.
 */
export class GroupCommit<J, R> {
  readonly #options: GroupCommitOptions<J, R>
  readonly #waiting: Waiting<J, R>[] = []
  #inFlight = 0
  /** When the newest group committing started (performance.now()). */
  #lastStart = 0
  /** Set while jobs wait for overlapAfterMs to pass. */
  #overlapTimer: NodeJS.Timeout | undefined

  constructor(options: GroupCommitOptions<J, R>) {
    if (!(options.maxSize >= 1) || !(options.maxInFlight >= 1)) {
      throw new TypeError('maxSize and maxInFlight must be at least 1')
    }
    this.#options = options
  }

  /** Commits `job` in the next group; resolves with its result once that group is committed. */
  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#waiting.push({ job, resolve, reject })
      this.#start()
    })
  }

  /** Groups committing now. */
  get inFlight(): number {
    return this.#inFlight
  }

  /** Jobs waiting for a group. */
  get waiting(): number {
    return this.#waiting.length
  }

  #start(): void {
    while (this.#inFlight < this.#options.maxInFlight && this.#waiting.length > 0) {
      const overlap = this.#options.overlapAfterMs
      if (this.#inFlight > 0 && overlap !== undefined) {
        const wait = this.#lastStart + overlap - performance.now()
        if (wait > 0) {
          if (this.#overlapTimer === undefined) {
            this.#overlapTimer = setTimeout(() => {
              this.#overlapTimer = undefined
              this.#start()
            }, wait)
          }
          return
        }
      }
      const group = this.#waiting.splice(0, this.#options.maxSize)
      this.#inFlight++
      this.#lastStart = performance.now()
      void this.#commit(group)
    }
  }

  async #commit(group: readonly Waiting<J, R>[]): Promise<void> {
    let settled: readonly Settled<R>[]
    try {
      settled = await this.#options.commit(group.map((g) => g.job))
      if (settled.length !== group.length) {
        throw new TypeError(`a group of ${group.length} jobs came back with ${settled.length}`)
      }
    } catch (error) {
      settled = group.map(() => ({ ok: false, error }))
    } finally {
      this.#inFlight--
    }
    group.forEach((g, i) => {
      const s = settled[i]!
      if (s.ok) g.resolve(s.value)
      else g.reject(s.error)
    })
    this.#start()
  }
}
