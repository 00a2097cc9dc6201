/** An LMS registered as an LTI 1.3 platform, with the deployments it may launch under. */
export interface Platform {
  readonly id: string
  readonly tenantId: string
  readonly issuer: string
  readonly clientId: string
  readonly authUrl: string
  readonly tokenUrl: string
  readonly jwksUrl: string
  readonly name: string
  readonly deploymentIds: readonly string[]
}

export interface PlatformInput {
  readonly issuer: string
  readonly clientId: string
  readonly authUrl: string
  readonly tokenUrl: string
  readonly jwksUrl: string
  readonly name: string
  readonly deploymentIds: readonly string[]
  /** The organisation (a district) a new tenant belongs to; not applied to a tenant joined. */
  readonly parentId?: string
}

/** A login request in flight: the nonce bound to a state, for one platform. */
export interface LoginState {
  readonly state: string
  readonly nonce: string
  readonly platformId: string
  readonly expiresAt: Date
}

/** LTI platform registrations and the OIDC login states of launches in flight. */
export interface PlatformStore {
  /**
   * Registers a platform with its deployments, audited: as a new tenant, or, when a platform of
   * the same issuer is registered already (an LMS registering NLS again as a new tool), in that
   * platform's tenant.
   */
  addPlatform(input: PlatformInput, actor: string): Promise<Platform>
  /** Adds a deployment ID to a platform (nothing when it is there already); audited. */
  addDeployment(platformId: string, deploymentId: string, actor: string): Promise<Platform>
  getPlatform(id: string): Promise<Platform | undefined>
  /** The platforms registered for an issuer, only the one with this client_id when given. */
  findPlatforms(issuer: string, clientId?: string): Promise<Platform[]>
  listPlatforms(): Promise<Platform[]>
  /** Keeps a login state until it is consumed or expires. */
  createLoginState(login: LoginState): Promise<void>
  /** Takes a login state once: undefined when unknown, used already, or expired at `now`. */
  consumeLoginState(state: string, now: Date): Promise<LoginState | undefined>
}
