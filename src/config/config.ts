import { resolve } from 'node:path'
import { isIP } from 'node:net'
import { z } from 'zod'
import { redactUrl as redactSecrets } from '../server/redact-url.ts'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const port = (name: string, fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .transform((s, ctx) => {
      const n = Number(s)
      if (!/^\d+$/.test(s.trim()) || n > 65535) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a port number from 0 to 65535 (got "${s}")`,
        })
        return z.NEVER
      }
      return n
    })

const positiveInt = (name: string, fallback: number, max: number) =>
  z
    .string()
    .default(String(fallback))
    .transform((s, ctx) => {
      const n = Number(s)
      if (!/^\d+$/.test(s.trim()) || n < 1 || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from 1 to ${max} (got "${s}")`,
        })
        return z.NEVER
      }
      return n
    })

const postgresUrl = z.string().transform((s, ctx) => {
  let url: URL | undefined
  try {
    url = new URL(s)
  } catch {
    url = undefined
  }
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
    ctx.addIssue({
      code: 'custom',
      message: `DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/nls (got "${redactUrl(s)}")`,
    })
    return z.NEVER
  }
  return s
})

const httpUrl = (name: string) =>
  z.string().transform((s, ctx) => {
    let url: URL | undefined
    try {
      url = new URL(s)
    } catch {
      url = undefined
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be an http(s) URL without query or fragment, such as https://nls.example.edu.vn (got "${s}")`,
      })
      return z.NEVER
    }
    return url.href.replace(/\/+$/, '')
  })

/**
 * Which proxies to believe about the client (X-Forwarded-For) and the scheme (X-Forwarded-Proto),
 * as express' 'trust proxy' takes it: false (none), true (any), a hop count, or addresses, CIDRs
 * and express' names (loopback, linklocal, uniquelocal), comma-separated.
 */
export type TrustProxy = boolean | number | readonly string[]

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isProxyAddress(s: string): boolean {
  if (PROXY_NAMES.has(s)) return true
  const [address = '', prefix, ...rest] = s.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  const max = version === 4 ? 32 : 128
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max
}

const trustProxy = z
  .string()
  .default('false')
  .transform((s, ctx): TrustProxy => {
    const v = s.trim().toLowerCase()
    if (v === 'false') return false
    if (v === 'true') return true
    if (/^\d{1,2}$/.test(v)) return Number(v)
    const list = v.split(',').map((x) => x.trim())
    if (list.every(isProxyAddress)) return list
    ctx.addIssue({
      code: 'custom',
      message: `NLS_TRUST_PROXY must be true, false, a number of proxies, or comma-separated addresses and CIDRs such as 10.0.0.0/8,loopback (got "${s}")`,
    })
    return z.NEVER
  })

/** The environment variables NLS reads; empty strings count as unset. */
const Env = z.object({
  PORT: port('PORT', 3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: postgresUrl.optional(),
  NLS_DATA_DIR: z.string().min(1).default('./data'),
  NLS_PUBLIC_URL: httpUrl('NLS_PUBLIC_URL').optional(),
  NLS_DB_POOL_MAX: positiveInt('NLS_DB_POOL_MAX', 10, 1000),
  NLS_TRUST_PROXY: trustProxy,
  LOG_LEVEL: z
    .enum(LOG_LEVELS, {
      error: (issue) =>
        `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${String(issue.input)}")`,
    })
    .default('info'),
})

/** Where the data lives: a PostgreSQL server, or PGlite embedded in a local directory. */
export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolMax: number }
  | { readonly kind: 'pglite'; readonly dataDir: string }

export interface Config {
  readonly port: number
  readonly host: string
  readonly publicUrl: string | undefined
  readonly logLevel: (typeof LOG_LEVELS)[number]
  readonly database: DatabaseConfig
  /** Proxies believed about client address and scheme (TLS ends at them). */
  readonly trustProxy: TrustProxy
}

/** A configuration value that cannot be used; the message names the variable and what it expects. */
export class ConfigInvalid extends TypeError {
  readonly code = 'ERR_CONFIG_INVALID'
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super(problems.join('\n'))
    this.problems = problems
  }
}

/** Reads and checks the configuration from environment variables. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present = Object.fromEntries(
    Object.keys(Env.shape).flatMap((key) => {
      const value = env[key]
      return value === undefined || value.trim() === '' ? [] : [[key, value]]
    }),
  )
  const parsed = Env.safeParse(present)
  if (!parsed.success) {
    throw new ConfigInvalid(
      parsed.error.issues.map((issue) =>
        issue.code === 'custom' || issue.message.startsWith(String(issue.path[0]))
          ? issue.message
          : `${String(issue.path[0])}: ${issue.message}`,
      ),
    )
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.NLS_PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.NLS_TRUST_PROXY,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.NLS_DB_POOL_MAX }
      : { kind: 'pglite', dataDir: resolve(e.NLS_DATA_DIR) },
  }
}

/** A PostgreSQL URL with its password replaced, safe to print and log. */
export function redactUrl(url: string): string {
  return redactSecrets(url)
}

/** One line saying which database is in use, for people and logs. */
export function describeDatabase(database: DatabaseConfig): string {
  return database.kind === 'postgres'
    ? `PostgreSQL server ${redactUrl(database.url)}`
    : `PGlite (embedded PostgreSQL) in ${database.dataDir}`
}
