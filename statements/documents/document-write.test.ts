import { checkConditions, documentToStore, putInOne, type WriteRequest } from './document-write.ts'

const stored = {
  contents: Buffer.from('{"a":1,"o":{"x":1}}'),
  contentType: 'application/json; charset=utf-8',
  sha1: 'a'.repeat(40),
  updatedAt: new Date(0),
}
const request = (over: Partial<WriteRequest> = {}): WriteRequest => ({
  method: 'PUT',
  resource: 'activity_profile',
  version: '1.0.3',
  sent: { contents: Buffer.from('{"b":2,"o":{"y":2}}'), contentType: 'application/json' },
  conditions: {},
  ...over,
})
const code = (f: () => unknown) => {
  try {
    f()
    return 'ok'
  } catch (err) {
    return (err as { code: string }).code
  }
}

describe('checkConditions', () => {
  const check = (
    doc: typeof stored | undefined,
    conditions: { ifMatch?: string; ifNoneMatch?: string },
    what: Partial<Pick<WriteRequest, 'resource' | 'version'>> & {
      method?: 'PUT' | 'POST' | 'DELETE'
    } = {},
  ) =>
    code(() =>
      checkConditions(doc, conditions, {
        method: 'PUT',
        resource: 'activity_profile',
        version: '1.0.3',
        ...what,
      }),
    )

  it('holds If-Match to the stored ETag (weak or strong, any of a list, or *)', () => {
    expect(check(stored, { ifMatch: `"${stored.sha1}"` })).toBe('ok')
    expect(check(stored, { ifMatch: `"b", W/"${stored.sha1.toUpperCase()}"` })).toBe('ok')
    expect(check(stored, { ifMatch: '*' })).toBe('ok')
    expect(check(stored, { ifMatch: '"b"' })).toBe('ERR_XAPI_PRECONDITION_FAILED')
    expect(check(undefined, { ifMatch: '*' })).toBe('ERR_XAPI_PRECONDITION_FAILED')
  })

  it('holds If-None-Match: * to no document', () => {
    expect(check(undefined, { ifNoneMatch: '*' })).toBe('ok')
    expect(check(stored, { ifNoneMatch: '*' })).toBe('ERR_XAPI_PRECONDITION_FAILED')
    expect(check(stored, { ifNoneMatch: '"b"' })).toBe('ok')
  })

  it('asks a PUT without conditions to name one as each version requires', () => {
    expect(check(stored, {})).toBe('ERR_XAPI_DOCUMENT_CONFLICT')
    expect(check(undefined, {})).toBe('ERR_XAPI_DOCUMENT_INVALID')
    expect(check(undefined, {}, { version: '2.0.0' })).toBe('ok')
    expect(check(stored, {}, { resource: 'state' })).toBe('ok')
    expect(check(stored, {}, { resource: 'state', version: '2.0.0' })).toBe(
      'ERR_XAPI_DOCUMENT_CONFLICT',
    )
    expect(check(stored, {}, { method: 'POST' })).toBe('ok')
    expect(check(stored, {}, { method: 'DELETE' })).toBe('ok')
  })
})

describe('documentToStore', () => {
  it('merges top-level properties of JSON objects on POST, and stores a PUT as sent', () => {
    const merged = documentToStore(stored, request({ method: 'POST' }))
    expect(JSON.parse(merged.contents.toString())).toEqual({ a: 1, b: 2, o: { y: 2 } })
    expect(merged.contentType).toBe('application/json')
    const put = request({ conditions: { ifMatch: '*' } })
    expect(documentToStore(stored, put)).toBe(put.sent)
  })

  it('refuses what cannot merge, and JSON that does not parse', () => {
    const text = { contents: Buffer.from('x'), contentType: 'text/plain' }
    expect(code(() => documentToStore(stored, request({ method: 'POST', sent: text })))).toBe(
      'ERR_XAPI_DOCUMENT_INVALID',
    )
    expect(code(() => documentToStore({ ...stored, ...text }, request({ method: 'POST' })))).toBe(
      'ERR_XAPI_DOCUMENT_INVALID',
    )
    const bad = { contents: Buffer.from('{"a":'), contentType: 'application/json' }
    expect(
      code(() =>
        documentToStore(undefined, request({ sent: bad, conditions: { ifNoneMatch: '*' } })),
      ),
    ).toBe('ERR_XAPI_DOCUMENT_INVALID')
    expect(code(() => documentToStore(undefined, request({ method: 'POST', sent: text })))).toBe(
      'ok',
    )
  })
})

describe('putInOne', () => {
  it('stores in one statement only the PUTs whose outcome needs nothing read', () => {
    expect(putInOne(request({ resource: 'state' }))).toBe('replace')
    expect(putInOne(request({ resource: 'state', version: '2.0.0' }))).toBe('create')
    expect(putInOne(request({ version: '2.0.0' }))).toBe('create')
    expect(putInOne(request({ conditions: { ifNoneMatch: '*' } }))).toBe('create')
    expect(putInOne(request())).toBeUndefined()
    expect(putInOne(request({ conditions: { ifMatch: '"a"' } }))).toBeUndefined()
    expect(putInOne(request({ conditions: { ifNoneMatch: '"a"' } }))).toBeUndefined()
    expect(putInOne(request({ method: 'POST', resource: 'state' }))).toBeUndefined()
  })
})
