// The platform's signing keys, as Moodle's jwks_helper keeps them (RS256, kid = 20 hex digits),
// plus what the fake adds: rotation, and signing variants for attack tests.
import { randomBytes } from 'node:crypto'
import {
  base64url,
  createLocalJWKSet,
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose'
import type { SignOptions } from './types.ts'

interface SigningKey {
  readonly kid: string
  readonly privateKey: CryptoKey
  readonly publicKey: CryptoKey
  readonly publicJwk: JWK
}

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  // mod/lti/classes/local/ltiopenid/jwks_helper.php: kid is bin2hex(openssl_random_pseudo_bytes(10)).
  const kid = randomBytes(10).toString('hex')
  const { kty, n, e } = await exportJWK(publicKey)
  return { kid, privateKey, publicKey, publicJwk: { kty, alg: 'RS256', kid, e, n, use: 'sig' } }
}

const encodeJson = (value: unknown): string => base64url.encode(JSON.stringify(value))

/** The platform's key pairs: published ones (the last signs) and one never published. */
export class PlatformKeys {
  private constructor(
    private readonly published: SigningKey[],
    private readonly unpublished: SigningKey,
  ) {}

  static async create(): Promise<PlatformKeys> {
    const [current, unpublished] = await Promise.all([newKey(), newKey()])
    return new PlatformKeys([current], unpublished)
  }

  private get current(): SigningKey {
    const key = this.published.at(-1)
    if (!key) throw new TypeError('no signing key')
    return key
  }

  async rotate(): Promise<string> {
    const key = await newKey()
    this.published.push(key)
    return key.kid
  }

  /** certs.php: public keys only. */
  jwks(): { keys: JWK[] } {
    return { keys: this.published.map((key) => ({ ...key.publicJwk })) }
  }

  async sign(claims: Record<string, unknown>, options: SignOptions = {}): Promise<string> {
    const key = options.key === 'unpublished' ? this.unpublished : this.current
    // The published kid by default, so an unpublished key is "right kid, wrong key".
    const kid = options.kid ?? this.current.kid
    switch (options.alg ?? 'RS256') {
      case 'RS256':
        // Firebase\JWT\JWT::encode writes typ, alg and kid.
        return new SignJWT(claims as JWTPayload)
          .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid })
          .sign(key.privateKey)
      case 'none':
        return `${encodeJson({ typ: 'JWT', alg: 'none', kid })}.${encodeJson(claims)}.`
      case 'HS256-with-public-key': {
        // The algorithm-confusion attack: HMAC keyed with the bytes of the published public key.
        const secret = new TextEncoder().encode(await exportSPKI(key.publicKey))
        return new SignJWT(claims as JWTPayload)
          .setProtectedHeader({ typ: 'JWT', alg: 'HS256', kid })
          .sign(secret)
      }
    }
  }

  /** Verifies a JWT this platform signed (the registration token); throws when it cannot. */
  async verify(jwt: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(this.jwks()), {
      algorithms: ['RS256'],
    })
    return payload
  }
}
