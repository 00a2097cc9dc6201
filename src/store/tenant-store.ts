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
  /** Every tenant, oldest first. */
  listTenants(): Promise<Tenant[]>
  /** Replaces a tenant's settings; false when there is no such tenant. */
  setSettings(id: string, settings: Readonly<Record<string, unknown>>): Promise<boolean>
}
