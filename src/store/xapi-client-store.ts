/** An xAPI client as listed; its secret is shown once, at creation. */
export interface XapiClient {
  readonly id: string
  readonly tenantId: string
  readonly name: string
  readonly key: string
  readonly createdAt: Date
  readonly lastUsedAt: Date | undefined
  readonly revokedAt: Date | undefined
}

/** Credentials of the xAPI endpoint: HTTP Basic key and secret per client, scoped to a tenant. */
export interface XapiClientStore {
  /** Makes a client of a tenant; returns it with its secret (shown once). Audited. */
  createClient(
    tenantId: string,
    name: string,
    actor: string,
  ): Promise<{ client: XapiClient; secret: string }>
  /** The active client with this key and secret; undefined for anything else. */
  verifyClient(key: string, secret: string): Promise<XapiClient | undefined>
  /** Revokes an active client by id or key. Audited. */
  revokeClient(idOrKey: string, actor: string): Promise<XapiClient>
  /** Clients of a tenant (or all), active first. */
  listClients(tenantId?: string): Promise<XapiClient[]>
}
