import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { createPlatformKeySets, type PlatformKeySetOptions } from '../../lti/platform-key-sets.ts'
import { ensureToolKey } from '../../lti/tool-keys.ts'
import type { Config } from '../config/config.ts'
import { publicUrl } from '../config/public-url.ts'
import { profileIriSource } from '../evaluation/profile-iri.ts'
import { OTHER_WRITERS_LAG_MS } from '../../statements/endpoint/consistent-through.ts'
import { keepTogether } from '../../statements/receive/keep-together.ts'
import {
  forgetRevokedClients,
  VerifiedClients,
} from '../../statements/endpoint/verified-clients.ts'
import { type Database, openDatabase } from '../store/database.ts'
import { migrate } from '../store/migrate.ts'
import { createStores, type Stores } from '../store/index.ts'
import { createApp } from './app.ts'
import { ListenFailed } from './errors.ts'
import { frameworkSource } from '../evaluation/frameworks-in-force.ts'
import { changeDirection } from '../evaluation/levels-to-save.ts'
import {
  type InferenceWorker,
  type InferenceWorkerOptions,
  startInferenceWorker,
} from '../workers/inference-worker.ts'
import type { Loop } from '../workers/loop.ts'
import { startMaintenanceWorker } from '../workers/maintenance-worker.ts'
import { createMetrics } from './metrics.ts'
import { countIngested } from './count-ingested.ts'
import {
  type OutboxWorker,
  type OutboxWorkerOptions,
  startOutboxWorker,
} from '../workers/outbox-worker.ts'
import { type PullWorker, type PullWorkerOptions, startPullWorker } from '../workers/pull-worker.ts'

/** A listening NLS server. */
/** How often a running server looks for a newly imported framework. */
const FRAMEWORK_CHECK_MS = 30_000

export interface RunningServer {
  readonly url: string
  readonly database: Database
  /** The repositories the server uses. */
  readonly stores: Stores
  /** The worker pulling tenants' upstream LRSs. */
  readonly puller: PullWorker
  /** The worker delivering the outbox. */
  readonly outbox: OutboxWorker
  /** The worker working out evidence and levels of queued people. */
  readonly inference: InferenceWorker
  /** Removes deep links never launched; keeps the embedded database's statistics current. */
  readonly maintenance: Loop
  /** Graceful stop: refuse new connections, finish in-flight requests, close the database. */
  close(): Promise<void>
}

/** Shutdown finishes within this, whatever clients do. */
export const SHUTDOWN_LIMIT_MS = 10_000

/** Opens and migrates the database, then serves HTTP on the configured host and port. */
export async function startServer(
  config: Config,
  logger: Logger,
  options: {
    readonly keySets?: PlatformKeySetOptions
    /** An open database to serve instead of the configured one (tests); closed with the server. */
    readonly database?: Database
    readonly pull?: PullWorkerOptions
    readonly outbox?: OutboxWorkerOptions
    readonly inference?: InferenceWorkerOptions
    /** The maintenance worker's clock (tests move it on); default the system's. */
    readonly maintenanceClock?: () => Date
    /**
     * The public URL when it is known only once the port is bound (tests listen on port 0):
     * taken as NLS_PUBLIC_URL would be.
     */
    readonly publicUrlOf?: (port: number) => string
  } = {},
): Promise<RunningServer> {
  const database = options.database ?? (await openDatabase(config.database))
  try {
    const applied = await migrate(database)
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated')
  } catch (err) {
    await database.close()
    throw err
  }

  let draining = false
  // Revoking an xAPI client here refuses its credentials at once (others cache them briefly).
  const verifiedClients = new VerifiedClients()
  const stores = forgetRevokedClients(createStores(database.db), verifiedClients)
  const metrics = createMetrics({
    databaseKind: database.kind,
    poolStats: database.poolStats,
    outboxDepth: () => stores.outbox.depth(),
    outboxGivenUp: () => stores.outbox.givenUpCount(),
    inferenceQueue: async () => {
      const { count, oldest, setAside } = await stores.inference.queueDepth()
      return {
        count,
        oldestSeconds: oldest ? (Date.now() - oldest.getTime()) / 1000 : 0,
        setAside,
      }
    },
    sourceLags: async () =>
      (await stores.lrsSources.listSources())
        .filter((s) => s.pull)
        .map((s) => ({
          tenantId: s.tenantId,
          lagSeconds: s.cursor && (Date.now() - s.cursor.getTime()) / 1000,
          failures: s.failures,
        })),
  })
  await ensureToolKey(stores.toolKeys)
  const sessionSecret = Buffer.from(
    await stores.toolKeys.secret('session', () => randomBytes(32).toString('base64url')),
    'base64url',
  )
  let url = config.publicUrl ?? ''
  // Without NLS_PUBLIC_URL the URL is a guess from the listen address: good for links to this
  // process, never for the profile IRI that every progress statement of the installation names.
  const guessed = config.publicUrl === undefined && options.publicUrlOf === undefined
  const profileIri = profileIriSource(stores.installationSettings, () => ({ url, guessed }), logger)
  // Statements commit with their people queued for inference; the pipeline only wakes the
  // worker so that profiles follow within moments rather than at its next tick.
  const started: { inference?: InferenceWorker } = {}
  const wake = async () => started.inference?.wake()
  // The frameworks in force (shipped, and any a district imported), read again after an import.
  const frameworks = await frameworkSource(stores, (id, reason) =>
    logger.error(
      { framework: id, reason },
      'an imported framework cannot be read; the shipped one stands',
    ),
  )
  const pipeline = countIngested(
    { statementsAccepted: wake, statementsVoided: wake },
    metrics.statementsIngested,
  )
  const app = createApp({
    logger,
    trustProxy: config.trustProxy,
    metrics,
    ping: database.ping,
    draining: () => draining,
    ...(database.dumpDataDir && { backup: () => database.dumpDataDir!() }),
    stores,
    pipeline,
    // One process owns a PGlite data directory: no other writer's commits to wait for.
    xapi: {
      profileIri,
      otherWritersLagMs: database.kind === 'pglite' ? 0 : OTHER_WRITERS_LAG_MS,
      // Requests arriving together share a commit on a server; PGlite, one connection that runs
      // one query at a time, has no commits to share.
      ...(database.kind === 'postgres' && { keep: keepTogether(stores) }),
      verifiedClients,
    },
    inference: { frameworks: frameworks.current, wake: () => void wake() },
    lti: {
      frameworks: frameworks.current,
      wakeInference: () => void wake(),
      keySets: createPlatformKeySets(options.keySets),
      sessionSecret,
      baseUrl: () => url,
      now: () => new Date(),
    },
  })

  const server = createServer(app)
  server.listen(config.port, config.host)
  try {
    await once(server, 'listening')
  } catch (err) {
    await database.close()
    throw new ListenFailed(config.host, config.port, err)
  }
  const { port } = server.address() as AddressInfo
  url ||= options.publicUrlOf?.(port) ?? publicUrl(config, port).url
  // Workers start once the server is up (a failed start leaves nothing running).
  const puller = startPullWorker({ stores, pipeline, now: () => new Date(), logger }, options.pull)
  const outbox = startOutboxWorker({ stores, now: () => new Date(), logger }, options.outbox)
  const inference = (started.inference = startInferenceWorker(
    {
      stores,
      model: () => frameworks.current().model,
      writeBack: async () => {
        const iri = await profileIri()
        return iri === undefined
          ? undefined
          : { profileIri: iri, catalog: frameworks.current().catalog }
      },
      logger,
      onEvaluated: (_tenantId, evaluations) => {
        metrics.peopleEvaluated.inc(evaluations.length)
        for (const e of evaluations) {
          for (const change of e.changes) {
            metrics.levelChanges.inc({
              direction: changeDirection(frameworks.current().model, change),
            })
          }
        }
      },
    },
    options.inference,
  ))
  const maintenance = startMaintenanceWorker({
    database,
    stores,
    logger,
    now: options.maintenanceClock ?? (() => new Date()),
  })
  const frameworkCheck = setInterval(() => {
    frameworks.refresh().then(
      (changed) => changed && logger.info('imported frameworks read again'),
      (err: unknown) => logger.warn({ err }, 'reading imported frameworks failed'),
    )
  }, FRAMEWORK_CHECK_MS)
  frameworkCheck.unref()

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      draining = true
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      // Keep-alive connections go idle as their last response ends; close them as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 100)
      const deadline = setTimeout(() => {
        logger.warn('shutdown limit reached: closing the remaining connections')
        server.closeAllConnections()
      }, SHUTDOWN_LIMIT_MS - 1_000)
      await closed
      clearInterval(sweep)
      clearTimeout(deadline)
      await puller.stop()
      await outbox.stop()
      clearInterval(frameworkCheck)
      await inference.stop()
      await maintenance.stop()
      await database.close()
    })()
    return closing
  }
  return { url, database, stores, puller, outbox, inference, maintenance, close }
}
