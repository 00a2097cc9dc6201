/** Whose data a row is: an LMS platform registration or an organisation (a district, a school). */
export type TenantKind = 'platform' | 'organisation'

/** A tenant. */
export interface Tenant {
  readonly id: string
  readonly kind: TenantKind
  readonly name: string
  /** A school's district, a platform's organisation. */
  readonly parentId?: string
  /** The tenant's choices, as saved (the application checks and defaults them). */
  readonly settings: Readonly<Record<string, unknown>>
  readonly createdAt: Date
}

/** What it takes to create a tenant. */
export interface NewTenant {
  readonly kind: TenantKind
  readonly name: string
  readonly parentId?: string
}

/** The tenants of the installation. Tenants are the one thing not scoped by a tenant. */
export interface TenantStore {
  /** Creates a tenant; throws StoreNotFound when `parentId` names no tenant. */
  createTenant(tenant: NewTenant): Promise<Tenant>
  /** The tenant with this id, or undefined. */
  getTenant(id: string): Promise<Tenant | undefined>
  /** Every tenant, oldest first (the console and the CLI; a report reads `treeAround`). */
  listTenants(): Promise<Tenant[]>
  /**
   * The tree around one tenant, oldest first: itself, the tenants under it at any depth (or down
   * to `depth` levels: 1 for its direct children), and those above it up to the top. Empty when
   * there is no such tenant (an id that is not a UUID included).
   */
  treeAround(id: string, options?: { readonly depth?: number }): Promise<Tenant[]>
  /** Whether an organisation sits directly under this tenant (it is then an office). */
  hasOrganisationsUnder(id: string): Promise<boolean>
  /** Replaces a tenant's settings; false when there is no such tenant. */
  setSettings(id: string, settings: Readonly<Record<string, unknown>>): Promise<boolean>
  /**
   * Puts a tenant under an organisation (a school into a district), or under none (`undefined`),
   * and records `tenant.move` in the audit log. Refuses an unknown tenant or parent, a parent that
   * is not an organisation, and the tenant itself or one under it (a cycle).
   */
  setParent(id: string, parentId: string | undefined, actor: string): Promise<TenantMove>
}

/** Why a tenant cannot be moved. */
export type TenantMoveRefusal =
  | 'tenant-unknown'
  | 'parent-unknown'
  | 'parent-not-organisation'
  | 'parent-is-tenant'
  | 'parent-under-tenant'

/** What `setParent` did: the tenant's parent before and after, or why it refused. */
export type TenantMove =
  | { readonly moved: true; readonly tenant: Tenant; readonly before: string | undefined }
  | { readonly moved: false; readonly refusal: TenantMoveRefusal; readonly problem: string }
