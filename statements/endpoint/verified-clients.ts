import type { Stores } from '../../src/store/index.ts'
import type { XapiClient } from '../../src/store/xapi-client-store.ts'

/**
 * How long a verified key and secret are trusted without asking the database again. A client
 * revoked in this process is refused at once (forgetRevokedClients); one revoked by another
 * process (the CLI, another NLS on the same PostgreSQL) at the latest this much later.
 */
export const CREDENTIALS_TTL_MS = 5_000

/** The most Authorization headers remembered; past it the cache starts again empty. */
const MAX_ENTRIES = 10_000

/**
 * xAPI credentials verified lately, by Authorization header. Content sends a statement per
 * event: a credentials query (and a secret digest) per request would cost more than the insert.
 */
export class VerifiedClients {
  readonly #ttlMs: number
  readonly #byHeader = new Map<string, { readonly client: XapiClient; readonly until: number }>()

  constructor(ttlMs: number = CREDENTIALS_TTL_MS) {
    this.#ttlMs = ttlMs
  }

  /** The client these credentials verified as, if that was less than the TTL before `nowMs`. */
  get(header: string, nowMs: number): XapiClient | undefined {
    const entry = this.#byHeader.get(header)
    if (entry === undefined) return undefined
    if (entry.until > nowMs) return entry.client
    this.#byHeader.delete(header)
    return undefined
  }

  /** Remembers that these credentials verified as `client` at `nowMs`. */
  remember(header: string, client: XapiClient, nowMs: number): void {
    if (this.#byHeader.size >= MAX_ENTRIES) this.#byHeader.clear()
    this.#byHeader.set(header, { client, until: nowMs + this.#ttlMs })
  }

  /** Forgets every credential of a client (it was revoked). */
  forget(clientId: string): void {
    for (const [header, entry] of this.#byHeader) {
      if (entry.client.id === clientId) this.#byHeader.delete(header)
    }
  }
}

/** The stores, with a revoked xAPI client's credentials forgotten by `verified` at once. */
export function forgetRevokedClients(stores: Stores, verified: VerifiedClients): Stores {
  const clients = stores.xapiClients
  return {
    ...stores,
    xapiClients: {
      ...clients,
      revokeClient: async (idOrKey, actor) => {
        const revoked = await clients.revokeClient(idOrKey, actor)
        verified.forget(revoked.id)
        return revoked
      },
    },
  }
}
