import { randomUUID } from 'node:crypto'
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose'
import type { ToolKey, ToolKeyStore } from '../src/store/tool-key-store.ts'

/** How long a retired key stays published: platforms may have cached it, tokens may be in flight. */
export const KEY_GRACE_MS = 7 * 24 * 3_600_000

/** A fresh RS256 key pair with a random kid, as JWKs. */
export async function createToolKey(): Promise<Pick<ToolKey, 'kid' | 'publicJwk' | 'privateJwk'>> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  })
  const kid = randomUUID()
  const meta = { kid, alg: 'RS256', use: 'sig' }
  return {
    kid,
    publicJwk: { ...(await exportJWK(publicKey)), ...meta },
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
  }
}

/** The current signing key, made on first use (first start). */
export async function ensureToolKey(store: ToolKeyStore): Promise<ToolKey> {
  const current = await store.currentKey()
  if (current) return current
  try {
    return await store.addKey(await createToolKey(), new Date(), 'system')
  } catch (err) {
    // Two processes starting together: the other one's key won the single-current-key index.
    const winner = await store.currentKey()
    if (winner) return winner
    throw err
  }
}

/** Makes a new current key; the old one stays published for `graceMs`. */
export async function rotateToolKey(
  store: ToolKeyStore,
  now: Date,
  actor: string,
  graceMs = KEY_GRACE_MS,
): Promise<ToolKey> {
  return store.addKey(await createToolKey(), new Date(now.getTime() + graceMs), actor)
}

/** Our public key set (RFC 7517 §5), as served at /.well-known/jwks.json. */
export async function toolKeySet(store: ToolKeyStore, now: Date): Promise<JSONWebKeySet> {
  const keys = await store.publishedKeys(now)
  return { keys: keys.map((k) => publicOnly(k.publicJwk)) }
}

/** The current private key for signing, with its kid. */
export async function signingKey(
  store: ToolKeyStore,
): Promise<{ kid: string; key: Awaited<ReturnType<typeof importJWK>> }> {
  const current = await ensureToolKey(store)
  return { kid: current.kid, key: await importJWK(current.privateJwk, 'RS256') }
}

const PUBLIC_MEMBERS = ['kty', 'n', 'e', 'kid', 'alg', 'use'] as const

/** Only the public members of an RSA JWK, whatever was stored. */
function publicOnly(jwk: JWK): JWK {
  return Object.fromEntries(PUBLIC_MEMBERS.flatMap((m) => (jwk[m] ? [[m, jwk[m]]] : [])))
}
