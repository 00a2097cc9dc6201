import type { Platform } from '../store/platform-store.ts'
import { framingOrigins, originOf } from './framing-origins.ts'

const platform = (issuer: string, authUrl: string) => ({ issuer, authUrl }) as Platform

describe('framingOrigins', () => {
  it('reads the issuer and auth origins once, then again after the TTL, keeping the list on failure', async () => {
    let now = 0
    let reads = 0
    let answer: () => Promise<Platform[]> = async () => [
      platform('https://moodle.a.edu.vn', 'https://moodle.a.edu.vn/mod/lti/auth.php'),
      platform('https://lms.b.edu.vn/', 'https://sso.b.edu.vn:8443/auth'),
    ]
    const origins = framingOrigins(
      { listPlatforms: () => (reads++, answer()) },
      { ttlMs: 1_000, now: () => now },
    )
    const first = ['https://lms.b.edu.vn', 'https://moodle.a.edu.vn', 'https://sso.b.edu.vn:8443']
    expect(await origins.current()).toEqual(first)
    now = 999
    expect(await origins.current()).toEqual(first)
    expect(reads).toBe(1)

    // Stale: answered at once with the old list while the new one is read.
    answer = async () => [platform('https://c.edu.vn', 'https://c.edu.vn/auth')]
    now = 1_000
    expect(await origins.current()).toEqual(first)
    expect(reads).toBe(2)
    expect(await origins.current()).toEqual(['https://c.edu.vn'])

    answer = () => Promise.reject(new Error('database down'))
    now = 5_000
    await origins.current()
    expect(await origins.current()).toEqual(['https://c.edu.vn'])
  })
})

describe('originOf', () => {
  it('is the origin CSP can name, or undefined', () => {
    expect(originOf('https://moodle.a.edu.vn:8443/x?y=1')).toBe('https://moodle.a.edu.vn:8443')
    expect(originOf('http://[::1]:3000/')).toBe('http://[::1]:3000')
    expect(originOf('not a url')).toBeUndefined()
    expect(originOf('javascript:alert(1)')).toBeUndefined()
  })
})
