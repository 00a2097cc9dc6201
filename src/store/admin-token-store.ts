/** An admin API token as listed; its secret is shown once, at creation, and never stored. */
export interface AdminToken {
  readonly id: string
  readonly name: string
  readonly createdAt: Date
  readonly lastUsedAt: Date | undefined
  readonly revokedAt: Date | undefined
}

/** Bearer tokens for the admin API. */
export interface AdminTokenStore {
  /** Makes a token named `name` (unique among active tokens); returns it with its secret. */
  createToken(name: string, actor: string): Promise<{ token: AdminToken; secret: string }>
  /** The active token whose secret this is, noting its use; undefined for any other string. */
  verifyToken(secret: string): Promise<AdminToken | undefined>
  /** Revokes the active token with this id or name. */
  revokeToken(idOrName: string, actor: string): Promise<AdminToken>
  /** All tokens, active first, newest first. */
  listTokens(): Promise<AdminToken[]>
}
