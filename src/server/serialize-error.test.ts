import { DrizzleQueryError } from 'drizzle-orm/errors'
import { MAX_FIELD, serializeError } from './serialize-error.ts'

/** A PostgreSQL error as pg raises it, quoting the failing values in `detail` and `where`. */
function pgError(): Error {
  return Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
    code: '22021',
    severity: 'ERROR',
    routine: 'report_invalid_encoding',
    detail: 'Key (email)=(lan.nguyen@thpt.edu.vn) already exists.',
    where: "unnamed portal parameter $3 = '...lan.nguyen@thpt.edu.vn...'",
    internalQuery: 'select lan.nguyen@thpt.edu.vn',
  })
}

const bigParams = Array.from({ length: 20_000 }, (_, i) => `teacher${i}@thpt.edu.vn`)

describe('serializeError', () => {
  it('keeps the SQL, code and cause of a DrizzleQueryError, never its parameters', () => {
    const err = new DrizzleQueryError(
      'insert into "statements" ("id", "statement") values ($1, $2)',
      bigParams,
      pgError(),
    )
    const out = serializeError(err)
    const text = JSON.stringify(out)
    expect(text.length).toBeLessThan(8 * 1024)
    expect(text).not.toContain('@thpt.edu.vn')
    expect(out).toMatchObject({
      type: 'DrizzleQueryError',
      message:
        'Failed query: insert into "statements" ("id", "statement") values ($1, $2)\nparams: [not logged]',
      query: 'insert into "statements" ("id", "statement") values ($1, $2)',
      cause: {
        type: 'Error',
        message: 'invalid byte sequence for encoding "UTF8": 0x00',
        code: '22021',
        severity: 'ERROR',
        routine: 'report_invalid_encoding',
      },
    })
    expect(out).not.toHaveProperty('params')
    expect((out as { cause: object }).cause).not.toHaveProperty('detail')
    expect((out as { stack: string }).stack).toMatch(/^\s+at /)
  })

  it('caps every string at MAX_FIELD characters', () => {
    const out = serializeError(new Error('x'.repeat(1_000_000))) as { message: string }
    expect(out.message.length).toBeLessThan(MAX_FIELD + 100)
    expect(out.message).toMatch(/… \[997952 more characters\]$/)
  })

  it('follows causes to a bounded depth, circular ones too', () => {
    const a = new Error('a') as Error & { cause?: unknown }
    const b = new Error('b', { cause: a })
    a.cause = b
    const text = JSON.stringify(serializeError(b))
    expect(text).toContain('[cause not followed]')
    expect(text.length).toBeLessThan(20_000)
  })

  it('keeps numbers and flags, drops objects and unnamed strings (a body, a batch)', () => {
    const err = Object.assign(new Error('refused'), {
      status: 502,
      retryable: true,
      body: '{"actor":{"mbox":"mailto:lan@thpt.edu.vn"}}',
      statements: [{ actor: { mbox: 'mailto:lan@thpt.edu.vn' } }],
    })
    expect(serializeError(err)).toEqual({
      type: 'Error',
      message: 'refused',
      stack: expect.any(String),
      status: 502,
      retryable: true,
    })
  })

  it('clears tokens from messages: URL parameters and bare JWTs', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0In0.c2lnbmF0dXJl'
    const out = serializeError(
      new Error(`https://moodle.example/reg?registration_token=${jwt} answered 500; saw ${jwt}`),
    ) as { message: string }
    expect(out.message).toBe(
      'https://moodle.example/reg?registration_token=[redacted] answered 500; saw [redacted jwt]',
    )
  })

  it('unwraps the error pino-http hands over already serialized', () => {
    const raw = new DrizzleQueryError('select 1', bigParams)
    const wrapped = { type: 'DrizzleQueryError', message: 'm', params: bigParams, raw }
    expect(JSON.stringify(serializeError(wrapped))).not.toContain('@thpt.edu.vn')
  })

  it('passes what is not an error through as a capped string', () => {
    expect(serializeError('boom')).toBe('boom')
  })
})
