import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { errors as joseErrors, exportJWK, generateKeyPair } from 'jose'
import { PlatformKeysUnavailable } from './errors.ts'
import { createPlatformKeySets } from './platform-key-sets.ts'

// Every way a platform's key set can fail is PlatformKeysUnavailable with its cause; a kid the set
// does not hold stays jose's JWKSNoMatchingKey (the launch's fault, answered as a bad signature).

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    server.close()
  }
})

/** A key set URL served by `handle` on loopback. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handle).listen(0, '127.0.0.1')
  servers.push(server)
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mod/lti/certs.php`
}

/** Looks up an RS256 key with `kid` in the set at `jwksUrl`. */
function lookUp(jwksUrl: string, kid = 'k1', timeoutMs = 5_000) {
  const keySets = createPlatformKeySets({ cooldownMs: 0, maxAgeMs: 60_000, timeoutMs })
  return keySets.keySet({ id: 'p1', jwksUrl })(
    { alg: 'RS256', kid },
    { payload: '', signature: '' },
  )
}

async function publicJwk() {
  const { publicKey } = await generateKeyPair('RS256', { extractable: true })
  return { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
}

describe('platform key sets', () => {
  it('finds the key of a kid', async () => {
    const jwk = await publicJwk()
    const url = await serve((_req, res) => res.end(JSON.stringify({ keys: [jwk] })))
    await expect(lookUp(url)).resolves.toBeDefined()
  })

  it.each([
    [
      'an HTTP status other than 200',
      (_req: IncomingMessage, res: ServerResponse) => res.writeHead(500).end('oops'),
      "the platform's key set answered HTTP 500, not 200",
    ],
    [
      'a body that is not JSON',
      (_req: IncomingMessage, res: ServerResponse) => res.end('<html>Moodle</html>'),
      "the platform's key set is not JSON",
    ],
    [
      'JSON that is not a key set',
      (_req: IncomingMessage, res: ServerResponse) => res.end('{"keys":"none"}'),
      "the platform's key set is not a JSON Web Key Set",
    ],
  ])('%s is PlatformKeysUnavailable', async (_name, handle, message) => {
    const url = await serve(handle)
    await expect(lookUp(url)).rejects.toMatchObject({
      code: 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE',
      message,
    })
  })

  it('a key set that does not answer in time is PlatformKeysUnavailable', async () => {
    // The request is held open until the key set's own timeout aborts it.
    const url = await serve(() => undefined)
    await expect(lookUp(url, 'k1', 200)).rejects.toMatchObject({
      code: 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE',
      message: "the platform's key set did not answer within 200 ms",
    })
  })

  it('a key set nobody listens at is PlatformKeysUnavailable, the network error its cause', async () => {
    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    server.close()
    await once(server, 'close')
    const err: unknown = await Promise.resolve(lookUp(`http://127.0.0.1:${port}/certs.php`)).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(PlatformKeysUnavailable)
    expect(err).toMatchObject({ message: "the platform's key set could not be reached" })
    // The bounded fetch's refusal, over fetch's own TypeError (Node's realm: compared by name).
    const refused = (err as Error).cause as Error
    expect(refused).toMatchObject({ code: 'ERR_LTI_FETCH_REFUSED', problem: 'unreachable' })
    expect(refused.cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' })
  })

  it('a key set over 256 KiB, or one redirecting to another origin, is refused unread', async () => {
    const jwk = await publicJwk()
    const huge = await serve((_req, res) =>
      res.end(JSON.stringify({ keys: [jwk], padding: 'x'.repeat(300 * 1024) })),
    )
    await expect(lookUp(huge)).rejects.toMatchObject({
      code: 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE',
      message: expect.stringContaining("the platform's key set was refused"),
    })
    const elsewhere = await serve((_req, res) =>
      res.writeHead(302, { location: 'http://localhost:9/certs.php' }).end(),
    )
    await expect(lookUp(elsewhere)).rejects.toMatchObject({
      code: 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE',
      message: expect.stringContaining('another origin'),
    })
  })

  it('a kid the set does not hold stays JWKSNoMatchingKey', async () => {
    const jwk = await publicJwk()
    const url = await serve((_req, res) => res.end(JSON.stringify({ keys: [jwk] })))
    await expect(lookUp(url, 'other')).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey)
  })
})
