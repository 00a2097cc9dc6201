import { ipKeyGenerator } from 'express-rate-limit'
import { normaliseUsername } from '../accounts/username.ts'

// The keys attempts are counted under. A client address is taken as express-rate-limit does: an
// IPv4 address whole, an IPv6 one by its /56 network (one customer's block).
const address = (ip: string | undefined) => ipKeyGenerator(ip ?? '')

/** Sign-ins to one user name, as accounts are found by it (normalised). */
export const signInNameKey = (username: string) => `sign-in:name:${normaliseUsername(username)}`

/** Sign-ins from one client address. */
export const signInAddressKey = (ip: string | undefined) => `sign-in:address:${address(ip)}`

/** Wrong admin tokens from one client address. */
export const adminTokenAddressKey = (ip: string | undefined) => `admin-token:address:${address(ip)}`

/** Wrong xAPI client credentials from one client address. */
export const xapiAddressKey = (ip: string | undefined) => `xapi:address:${address(ip)}`

/** Wrong current passwords of one person on the password page. */
export const passwordPersonKey = (personId: string) => `password:person:${personId}`
