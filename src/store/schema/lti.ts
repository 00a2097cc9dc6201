import { sql } from 'drizzle-orm'
import {
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'
import { tenants } from './tenants.ts'

/** An LMS registered as an LTI 1.3 platform: one (issuer, client_id) pair, one tenant. */
export const platforms = pgTable(
  'platforms',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    issuer: text().notNull(),
    clientId: text().notNull(),
    /** The OIDC authorization endpoint (Moodle: /mod/lti/auth.php). */
    authUrl: text().notNull(),
    /** The OAuth 2 token endpoint for LTI Advantage services (Moodle: /mod/lti/token.php). */
    tokenUrl: text().notNull(),
    /** The platform's key set (Moodle: /mod/lti/certs.php). */
    jwksUrl: text().notNull(),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('platforms_key_idx').on(t.issuer, t.clientId),
    // One LMS (issuer) is one tenant, whatever clients it registers NLS as.
    index('platforms_tenant_idx').on(t.tenantId),
  ],
)

/** The deployment IDs a platform launches under. */
export const deployments = pgTable(
  'deployments',
  {
    platformId: uuid()
      .notNull()
      .references(() => platforms.id, { onDelete: 'cascade' }),
    deploymentId: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'deployments_pkey', columns: [t.platformId, t.deploymentId] })],
)

/** Our RS256 signing keys; a retired key stays published until `expires_at`. */
export const toolKeys = pgTable(
  'tool_keys',
  {
    kid: text().primaryKey(),
    publicJwk: jsonb().notNull(),
    privateJwk: jsonb().notNull(),
    createdAt: createdAt(),
    retiredAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('tool_keys_one_current_idx')
      .on(sql`(true)`)
      .where(sql`${t.retiredAt} is null`),
  ],
)

/**
 * OIDC login requests in flight: the state we sent and the nonce bound to it, each usable once.
 * (LTI 1.3 Security Framework §5.1.1.2, OpenID Connect Core §3.1.2.1.)
 */
export const loginStates = pgTable(
  'login_states',
  {
    state: text().primaryKey(),
    nonce: text().notNull().unique('login_states_nonce_key'),
    platformId: uuid()
      .notNull()
      .references(() => platforms.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('login_states_expires_idx').on(t.expiresAt)],
)

/** Secrets of this installation (the session signing key), made on first start. */
export const installationSecrets = pgTable('installation_secrets', {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: createdAt(),
})

/**
 * An invitation to register an LMS by LTI Dynamic Registration, made by an administrator: the
 * registration URL carries its token once; only a SHA-256 of the token is kept.
 */
export const registrationInvitations = pgTable(
  'registration_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique('registration_invitations_hash_key'),
    /** The name the platform gets (else the one the LMS gives). */
    name: text(),
    /** The organisation (a district) the new platform's school belongs to. */
    parentId: uuid().references(() => tenants.id),
    /** Who made it: cli, admin-token:<name>. */
    createdBy: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    /** The platform registered with it. */
    platformId: uuid().references(() => platforms.id),
  },
  (t) => [index('registration_invitations_expires_idx').on(t.expiresAt)],
)

/** Settings of the installation made once and kept (e.g. the IRI progress statements name). */
export const installationSettings = pgTable('installation_settings', {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: createdAt(),
})
