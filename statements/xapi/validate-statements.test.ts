import { baseStatement, problemsOf, statementWith, withValue } from './fixtures/statements.ts'
import { MAX_BATCH_STATEMENTS, MAX_STATEMENT_BYTES } from './limits.ts'
import { validateStatements } from './validate-statements.ts'

// The body as a whole: one statement or a batch, paths, limits, repeated ids, versions.

const ID = 'e05aa883-acaf-40ad-bf54-02c8ce485fb0'

describe('validateStatements', () => {
  it('returns one statement for a single statement, and a batch in order', () => {
    const one = validateStatements(baseStatement(), { version: '1.0.3' })
    expect(one).toEqual({ ok: true, statements: [baseStatement()] })
    const batch = [statementWith(['id'], ID), baseStatement()]
    expect(validateStatements(batch, { version: '1.0.3' })).toEqual({ ok: true, statements: batch })
  })

  it('gives paths from the statement for a single statement, from the index for a batch', () => {
    const bad = statementWith(['actor', 'mbox'], 'lan@example.edu.vn')
    expect(problemsOf(bad)[0]?.path).toEqual(['actor', 'mbox'])
    const batch = [baseStatement(), baseStatement(), baseStatement(), bad]
    expect(problemsOf(batch)).toEqual([
      {
        path: [3, 'actor', 'mbox'],
        message: expect.stringContaining('"mbox" must be a mailto IRI'),
      },
    ])
  })

  it('reports the problems of every statement in a batch', () => {
    const batch = [
      statementWith(['verb', 'id'], 'viewed'),
      baseStatement(),
      statementWith(['result', 'score', 'scaled'], 2),
    ]
    expect(problemsOf(batch).map((p) => p.path)).toEqual([
      [0, 'verb', 'id'],
      [2, 'result', 'score', 'scaled'],
    ])
  })

  it.each([
    ['a string', 'statement', 'must be an object, not a string'],
    ['a number', 42, 'must be an object, not a number'],
    ['null', null, 'must not be null'],
  ])('refuses a body that is %s', (_name, body, message) => {
    expect(problemsOf(body)).toEqual([{ path: [], message: expect.stringContaining(message) }])
  })

  it('refuses an empty batch', () => {
    expect(problemsOf([])).toEqual([{ path: [], message: 'must hold at least one statement' }])
  })

  it(`refuses a batch of more than ${MAX_BATCH_STATEMENTS} statements without checking each`, () => {
    const batch = Array.from({ length: MAX_BATCH_STATEMENTS + 1 }, () => ({}))
    expect(problemsOf(batch)).toEqual([
      {
        path: [],
        message: `holds ${MAX_BATCH_STATEMENTS + 1} statements; a request may carry at most ${MAX_BATCH_STATEMENTS}: send smaller batches`,
      },
    ])
    const full = Array.from({ length: MAX_BATCH_STATEMENTS }, () => baseStatement())
    expect(validateStatements(full, { version: '1.0.3' }).ok).toBe(true)
  })

  it('refuses a statement over 64 KiB of JSON, counting UTF-8 bytes', () => {
    // 22,000 "ố" are 66,000 bytes in UTF-8 though only 22,000 UTF-16 code units.
    const big = statementWith(['result'], { response: 'ố'.repeat(22_000) })
    const problems = problemsOf([baseStatement(), big])
    expect(problems).toEqual([
      {
        path: [1],
        message: expect.stringMatching(
          /^is \d+ bytes of JSON; a statement may be at most 65536 bytes \(64 KiB\)/,
        ),
      },
    ])
    const fits = statementWith(['result'], { response: 'ố'.repeat(21_000) })
    expect(JSON.stringify(fits).length).toBeLessThan(MAX_STATEMENT_BYTES)
    expect(validateStatements(fits, { version: '1.0.3' }).ok).toBe(true)
  })

  it('refuses a batch that carries one id twice, in any case (Communication 2.1.1)', () => {
    const batch = [
      statementWith(['id'], ID),
      baseStatement(),
      statementWith(['id'], ID.toUpperCase()),
    ]
    expect(problemsOf(batch)).toEqual([
      { path: [2, 'id'], message: expect.stringContaining('"id" repeats the id of statement 0') },
    ])
  })

  it('takes xAPI 2.0.0 properties only in a 2.0.0 request', () => {
    const statement = withValue(
      baseStatement(),
      ['context', 'contextAgents'],
      [{ objectType: 'contextAgent', agent: { mbox: 'mailto:gv@example.edu.vn' } }],
    )
    expect(validateStatements(statement, { version: '2.0.0' }).ok).toBe(true)
    expect(validateStatements(statement, { version: '1.0.3' }).ok).toBe(false)
  })

  it('reports a "__proto__" key in a language map or extensions, and changes no prototype', () => {
    const body = JSON.parse(
      '{"actor":{"mbox":"mailto:lan@example.edu.vn"},"verb":{"id":"http://example.com/v","display":{"__proto__":"x"}},' +
        '"object":{"id":"http://example.com/a","definition":{"extensions":{"__proto__":{"polluted":true}}}}}',
    )
    expect(problemsOf(body)).toEqual([
      {
        path: ['verb', 'display', '__proto__'],
        message: expect.stringContaining('is not an RFC 5646 language tag'),
      },
      {
        path: ['object', 'definition', 'extensions', '__proto__'],
        message: expect.stringContaining('is not an IRI'),
      },
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('throws a TypeError for a version it does not know', () => {
    expect(() => validateStatements(baseStatement(), { version: '1.0.2' as '1.0.3' })).toThrow(
      TypeError,
    )
  })

  it('does not change the body it checks', () => {
    const body = [baseStatement()]
    const copy = structuredClone(body)
    validateStatements(body, { version: '1.0.3' })
    expect(body).toEqual(copy)
  })
})
