// NLS's real HTTP server in the test process, on a random port and a fresh test database, with
// the platform key-set cache set to re-fetch on the first unknown kid.
import type { DestinationStream } from 'pino'
import type { Platform } from '../../src/store/platform-store.ts'
import { loadConfig } from '../../src/config/config.ts'
import { createLogger } from '../../src/server/logger.ts'
import { type RunningServer, startServer } from '../../src/server/start-server.ts'
import {
  DEFAULT_INFERENCE_OPTIONS,
  type InferenceWorkerOptions,
} from '../../src/workers/inference-worker.ts'
import { DEFAULT_OUTBOX_OPTIONS } from '../../src/workers/outbox-worker.ts'
import { DEFAULT_PULL_OPTIONS } from '../../src/workers/pull-worker.ts'
import {
  type FakePlatform,
  type FakePlatformOptions,
  startFakePlatform,
} from './fake-lti-platform.ts'
import { openTestDatabase } from './test-database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { migrate } from '../../src/store/migrate.ts'

const ON_WAKE: InferenceWorkerOptions = { ...DEFAULT_INFERENCE_OPTIONS, tickMs: 3_600_000 }

/** Starts NLS; `close()` stops it and removes its database. */
export async function startNls(
  options: {
    /** More environment settings (NLS_TRUST_PROXY, …). */
    readonly env?: Readonly<Record<string, string>>
    /** Where the log goes, at level info; none by default. */
    readonly log?: DestinationStream
    /** What the database holds before the server starts (an imported framework…), migrated. */
    readonly prepare?: (stores: Stores) => Promise<void>
    /**
     * `'on-wake'`: the inference worker runs only when woken (statements, launches) or told
     * (`runOnce`), never on its own tick, so a test may read the queue without the worker
     * draining it in between. By default it also ticks every second, as a server does.
     */
    readonly inference?: 'on-wake'
  } = {},
): Promise<RunningServer> {
  const database = await openTestDatabase()
  if (options.prepare) {
    await migrate(database)
    await options.prepare(createStores(database.db))
  }
  return startServer(
    // 127.0.0.2: another site than the fake platform's 127.0.0.1, as a real tool is.
    loadConfig({ PORT: '0', HOST: '127.0.0.2', LOG_LEVEL: 'silent', ...options.env }),
    options.log ? createLogger('info', options.log) : createLogger('silent'),
    {
      database,
      keySets: { cooldownMs: 0, maxAgeMs: 600_000, timeoutMs: 5_000 },
      // The address tests reach it at is its public one (the profile IRI is made from it), unless
      // a test sets NLS_PUBLIC_URL.
      ...(options.env?.NLS_PUBLIC_URL === undefined && {
        publicUrlOf: (port: number) => `http://127.0.0.2:${port}`,
      }),
      // Workers run when a test says (runOnce), not on their own; small pages, so that pulling an
      // LRS follows `more`.
      pull: { ...DEFAULT_PULL_OPTIONS, pageSize: 100, tickMs: 3_600_000 },
      outbox: { ...DEFAULT_OUTBOX_OPTIONS, tickMs: 3_600_000 },
      ...(options.inference === 'on-wake' && { inference: ON_WAKE }),
    },
  )
}

/** NLS with a tenant fed by a log store: its xAPI client's Basic credentials, an admin token. */
export interface XapiTenant {
  readonly nls: RunningServer
  readonly tenantId: string
  /** `Basic …` of the tenant's xAPI client. */
  readonly basic: string
  /** `Bearer …` of an admin token. */
  readonly admin: string
}

/** A new tenant of a running NLS with an xAPI client: its id and the client's `Basic …`. */
export async function addXapiTenant(
  nls: RunningServer,
  name: string,
): Promise<{ readonly tenantId: string; readonly basic: string }> {
  const tenantId = (await nls.stores.tenants.createTenant({ kind: 'platform', name })).id
  const { client, secret } = await nls.stores.xapiClients.createClient(tenantId, 'logstore', 'test')
  return { tenantId, basic: `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}` }
}

/** Starts NLS with one tenant, an xAPI client of its log store and an admin token. */
export async function startXapiTenant(name: string): Promise<XapiTenant> {
  const nls = await startNls()
  const { tenantId, basic } = await addXapiTenant(nls, name)
  const admin = `Bearer ${(await nls.stores.adminTokens.createToken('trainer-desk', 'test')).secret}`
  return { nls, tenantId, basic, admin }
}

/** Registers the fake platform with NLS by hand, and NLS's endpoints with the platform. */
export async function registerPlatform(
  nls: RunningServer,
  platform: FakePlatform,
): Promise<Platform> {
  platform.configureTool({
    loginUrl: `${nls.url}/lti/login`,
    redirectUris: [`${nls.url}/lti/launch`],
    jwksUrl: `${nls.url}/.well-known/jwks.json`,
    targetLinkUri: `${nls.url}/lti/launch`,
  })
  return nls.stores.platforms.addPlatform(
    {
      issuer: platform.issuer,
      clientId: platform.clientId,
      authUrl: platform.authUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
      name: 'Moodle THPT Chu Văn An',
      deploymentIds: [platform.deploymentId],
    },
    'test',
  )
}

/** NLS and a fake Moodle, registered with each other. */
export interface LtiWorld {
  readonly nls: RunningServer
  readonly platform: FakePlatform
  readonly registered: Platform
}

/** Starts NLS and a fake Moodle and registers them with each other. */
export async function startLtiWorld(
  options?: FakePlatformOptions,
  nlsOptions?: Parameters<typeof startNls>[0],
): Promise<LtiWorld> {
  const nls = await startNls(nlsOptions)
  const platform = await startFakePlatform(options)
  return { nls, platform, registered: await registerPlatform(nls, platform) }
}

/** Stops what `startLtiWorld` started. */
export async function stopLtiWorld(world: Partial<LtiWorld>): Promise<void> {
  await world.platform?.close()
  await world.nls?.close()
}
