import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// Passwords of local accounts, hashed with scrypt (Node's own, memory-hard; RFC 7914) and a
// random salt per password: scrypt$N$r$p$salt$hash, salt and hash in base64url.

const N = 16_384
const R = 8
const P = 1
const KEY_LENGTH = 32
/** Shorter passwords are refused when an account is made or its password changed. */
export const MIN_PASSWORD_LENGTH = 10

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  )
}

/** A password's hash to keep. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await derive(password, salt, N, R, P)
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

/** Whether a password matches a kept hash (false for a hash NLS did not make). */
export async function verifyPassword(password: string, kept: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = kept.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
  )
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A random password people can type: 16 letters and digits, no look-alikes (0/O, 1/l/I). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(16)
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('')
}
