import type { JWK } from 'jose'

/** One of our RS256 signing keys. */
export interface ToolKey {
  readonly kid: string
  readonly publicJwk: JWK
  readonly privateJwk: JWK
  readonly createdAt: Date
  /** When it stopped signing; undefined for the current key. */
  readonly retiredAt: Date | undefined
  /** Until when a retired key stays published. */
  readonly expiresAt: Date | undefined
}

/** Our signing keys and the installation's secrets. */
export interface ToolKeyStore {
  /** The key that signs now. */
  currentKey(): Promise<ToolKey | undefined>
  /** The keys to publish at `now`: the current one and retired ones within their grace period. */
  publishedKeys(now: Date): Promise<ToolKey[]>
  /**
   * Makes `key` the current key; the previous one is retired and stays published until
   * `previousExpiresAt`. Audited.
   */
  addKey(
    key: Pick<ToolKey, 'kid' | 'publicJwk' | 'privateJwk'>,
    previousExpiresAt: Date,
    actor: string,
  ): Promise<ToolKey>
  /** The secret named `name`, made with `make` the first time (once, whichever process asks). */
  secret(name: string, make: () => string): Promise<string>
}
