import { resolve } from 'node:path'
import { ConfigInvalid, describeDatabase, loadConfig } from './config.ts'

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigInvalid) return err.problems
    throw err
  }
  throw new Error('expected ConfigInvalid')
}

describe('loadConfig', () => {
  it('defaults: port 3000, PGlite in ./data', () => {
    const config = loadConfig({})
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: undefined,
      logLevel: 'info',
      database: { kind: 'pglite', dataDir: resolve('data') },
      trustProxy: false,
    })
  })

  it('NLS_TRUST_PROXY: true or false, a hop count, or addresses and CIDRs as express takes them', () => {
    expect(loadConfig({ NLS_TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(loadConfig({ NLS_TRUST_PROXY: 'False' }).trustProxy).toBe(false)
    expect(loadConfig({ NLS_TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ NLS_TRUST_PROXY: '10.0.0.0/8, 2001:db8::1,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '2001:db8::1',
      'loopback',
    ])
    expect(problems({ NLS_TRUST_PROXY: 'yes' })).toEqual([
      'NLS_TRUST_PROXY must be true, false, a number of proxies, or comma-separated addresses and CIDRs such as 10.0.0.0/8,loopback (got "yes")',
    ])
    expect(problems({ NLS_TRUST_PROXY: '10.0.0.0/33' })).toHaveLength(1)
  })

  it('DATABASE_URL selects the server, with its pool size', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://nls:secret@db:5432/nls',
      NLS_DB_POOL_MAX: '4',
      PORT: '8080',
      NLS_PUBLIC_URL: 'https://nls.example.edu.vn/',
    })
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://nls:secret@db:5432/nls',
      poolMax: 4,
    })
    expect(config.port).toBe(8080)
    expect(config.publicUrl).toBe('https://nls.example.edu.vn')
    expect(describeDatabase(config.database)).toBe(
      'PostgreSQL server postgres://nls:***@db:5432/nls',
    )
  })

  it('empty values count as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }).database.kind).toBe('pglite')
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535 (got "70000")'],
    [{ PORT: '-1' }, 'PORT must be a port number from 0 to 65535 (got "-1")'],
    [
      { DATABASE_URL: 'mysql://root:pw@localhost/nls' },
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/nls (got "mysql://root:***@localhost/nls")',
    ],
    [{ NLS_DB_POOL_MAX: '0' }, 'NLS_DB_POOL_MAX must be a whole number from 1 to 1000 (got "0")'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ],
    [
      { NLS_PUBLIC_URL: 'nls.example' },
      'NLS_PUBLIC_URL must be an http(s) URL without query or fragment, such as https://nls.example.edu.vn (got "nls.example")',
    ],
  ])('%j is refused with one line naming the variable', (env, message) => {
    expect(problems(env)).toEqual([message])
  })

  it('every bad variable is named, one line each', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2)
  })
})
