import type { TFunction } from 'i18next'
import type { Session } from '../../../lti/session.ts'
import type { Stores } from '../../store/index.ts'
import type { Tenant } from '../../store/tenant-store.ts'
import type { Lang } from '../../web/i18n.ts'
import { Forbidden, NotFound } from '../errors.ts'
import type { TreeTenant } from './tenant-tree.ts'

/** Who uses the console: the holder of an admin token, or a district's manager. */
export interface ConsoleActor {
  readonly kind: 'admin-token' | 'district-manager'
  /** Shown in the header. */
  readonly name: string
  /** 'admin-token:<name>' or 'account:<username>', the audit log's `actor`. */
  readonly auditActor: string
  /** Tenant ids this actor may manage; undefined means every tenant (an admin token). */
  readonly scope: ReadonlySet<string> | undefined
  /** Every tenant id of the installation when the request came: others answer 404. */
  readonly knownTenants: ReadonlySet<string>
  /** The admin token signed in with (admin tokens only). */
  readonly adminTokenId?: string
  /** The district a district manager manages. */
  readonly districtId?: string
  /** The /app session a district manager came with (signing out ends it). */
  readonly session?: Session
}

/** What every console page knows of its request. */
export interface ConsoleContext {
  readonly actor: ConsoleActor
  readonly lang: Lang
  readonly t: TFunction
  /** Put in every POST form as `<input type="hidden" name="form">`; POSTs without it get 403. */
  readonly formToken: string
  /** The path of the page, for the navigation and the language switch. */
  readonly path: string
  /** The tenants in the actor's scope, districts first each followed by its tenants (pickers). */
  readonly tenants: readonly TreeTenant[]
  /** Every tenant of the installation (names of parents out of scope, moves). */
  readonly allTenants: readonly Tenant[]
}

/** What the console's routes need. */
export interface ConsoleDeps {
  readonly stores: Stores
  readonly sessionSecret: Uint8Array
  readonly now: () => Date
  /** This tool's public base URL, which invitation URLs start with. */
  readonly baseUrl: () => string
  /** A copy of the embedded database; absent for a PostgreSQL server. */
  readonly backup?: () => Promise<Blob>
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The console context of an /admin request (every one but /admin/login). */
    console?: ConsoleContext
  }
}

/** Whether the actor may manage this tenant. */
export function mayManageTenant(actor: ConsoleActor, tenantId: string): boolean {
  return actor.scope === undefined || actor.scope.has(tenantId)
}

/**
 * Throws Forbidden unless the actor may manage the tenant; unknown tenant ids answer 404
 * (NotFound), to everyone alike.
 */
export function requireTenant(actor: ConsoleActor, tenantId: string): void {
  if (!actor.knownTenants.has(tenantId)) throw new NotFound(`no tenant ${tenantId}`)
  if (!mayManageTenant(actor, tenantId)) {
    throw new Forbidden('this tenant is not in your district')
  }
}

/** The console context of a request that went through the console session. */
export function consoleOf(res: { locals: { console?: ConsoleContext } }): ConsoleContext {
  const ctx = res.locals.console
  if (!ctx) throw new Error('consoleSession must run before a console handler')
  return ctx
}

/** Refuses a district manager: for the holders of an admin token (installation-wide work). */
export function requireAdminToken(actor: ConsoleActor): void {
  if (actor.kind !== 'admin-token') {
    throw new Forbidden('only the holder of an admin token may do this')
  }
}
