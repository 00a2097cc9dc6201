/**
 * The `stored` stamps of this process's statement writes that are not committed yet.
 *
 * `stored` is stamped before the write commits, so a statement stamped t1 can become visible
 * after another stamped t2 > t1 was already read. Readers ask for the earliest stamp still in
 * flight to know up to when the store is complete (see statements/endpoint/consistent-through.ts).
 */
export class InFlightWrites {
  // Stamp (ms) → writes in flight with it; a handful at a time, so a scan for the minimum is cheap.
  readonly #stamps = new Map<number, number>()

  /**
   * Records a write stamped `stored` until the returned function is called (after its commit or
   * its failure). Take the stamp and call this in the same synchronous step, before any `await`.
   */
  begin(stored: Date): () => void {
    const ms = stored.getTime()
    this.#stamps.set(ms, (this.#stamps.get(ms) ?? 0) + 1)
    let ended = false
    return () => {
      if (ended) return
      ended = true
      const left = (this.#stamps.get(ms) ?? 1) - 1
      if (left > 0) this.#stamps.set(ms, left)
      else this.#stamps.delete(ms)
    }
  }

  /** The earliest stamp of a write in flight, if any. */
  earliest(): Date | undefined {
    let min: number | undefined
    for (const ms of this.#stamps.keys()) if (min === undefined || ms < min) min = ms
    return min === undefined ? undefined : new Date(min)
  }
}

/** This process's statement writes: receiving, pulling, keeping progress statements. */
export const statementWrites = new InFlightWrites()
