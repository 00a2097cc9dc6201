import type { XapiClient } from '../../src/store/xapi-client-store.ts'
import { VerifiedClients } from './verified-clients.ts'

const client = (id: string) => ({ id, tenantId: 't', name: id, key: `key-${id}` }) as XapiClient

describe('VerifiedClients', () => {
  it('trusts verified credentials for the TTL, then asks again', () => {
    const verified = new VerifiedClients(1_000)
    verified.remember('Basic a', client('a'), 10_000)
    expect(verified.get('Basic a', 10_999)?.id).toBe('a')
    expect(verified.get('Basic a', 11_000)).toBeUndefined()
    expect(verified.get('Basic other', 10_500)).toBeUndefined()
  })

  it('forgets every credential of a revoked client, and only those', () => {
    const verified = new VerifiedClients(1_000)
    verified.remember('Basic a', client('a'), 0)
    verified.remember('Basic a, padded ', client('a'), 0)
    verified.remember('Basic b', client('b'), 0)
    verified.forget('a')
    expect(verified.get('Basic a', 1)).toBeUndefined()
    expect(verified.get('Basic a, padded ', 1)).toBeUndefined()
    expect(verified.get('Basic b', 1)?.id).toBe('b')
  })
})
