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
        path: [1, 'result', 'response'],
        message: expect.stringMatching(
          /^"response" is 66002 bytes of JSON, which makes the statement \d+ bytes; a statement may be at most 65536 bytes \(64 KiB\)/,
        ),
      },
    ])
    const fits = statementWith(['result'], { response: 'ố'.repeat(21_000) })
    expect(JSON.stringify(fits).length).toBeLessThan(MAX_STATEMENT_BYTES)
    expect(validateStatements(fits, { version: '1.0.3' }).ok).toBe(true)
  })

  it('names the extensions map that makes a statement too large, not the whole statement', () => {
    const many = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`https://nls.example/x/${i}`, 'a'.repeat(1000)]),
    )
    expect(problemsOf([baseStatement(), statementWith(['result', 'extensions'], many)])).toEqual([
      {
        path: [1, 'result', 'extensions'],
        message: expect.stringMatching(/^"extensions" is \d+ bytes of JSON, which makes/),
      },
    ])
  })

  it('refuses nesting deeper than 64 levels without recursing, at the path where it passes 64', () => {
    for (const levels of [5_000, 3_000, 65]) {
      let deep: unknown = 'bottom'
      for (let i = 0; i < levels; i++) deep = { a: deep }
      const statement = statementWith(['result', 'extensions'], { 'https://nls.example/x': deep })
      const problems = problemsOf([baseStatement(), statement])
      expect(problems).toHaveLength(1)
      // The statement is level 1, result 2, extensions 3, the extension's value 4, then "a"s.
      const path = problems[0]!.path
      expect(path.slice(0, 4)).toEqual([1, 'result', 'extensions', 'https://nls.example/x'])
      expect(path).toHaveLength(1 + 64)
      expect(problems[0]!.message).toBe(
        '"a" nests objects and arrays deeper than 64 levels; a statement may nest at most 64 levels deep',
      )
    }
    let fits: unknown = 'bottom'
    for (let i = 0; i < 61; i++) fits = { a: fits }
    expect(
      validateStatements(
        statementWith(['result', 'extensions'], { 'https://nls.example/x': fits }),
        {
          version: '1.0.3',
        },
      ).ok,
    ).toBe(true)
  })

  it('refuses U+0000 and unpaired surrogates in any string, IRIs and property names too', () => {
    const batch = [
      baseStatement(),
      statementWith(['verb', 'display', 'vi'], 'đã\u0000xem'),
      statementWith(['object', 'id'], 'https://lms.example.edu.vn/mod/page/view.php?id=\ud800'),
      statementWith(['result', 'extensions'], { 'https://nls.example/\udc00': 1 }),
      statementWith(['result', 'extensions'], {
        'https://nls.example/x': ['ok', { k: 'a\u0000' }],
      }),
    ]
    expect(problemsOf(batch)).toEqual([
      {
        path: [1, 'verb', 'display', 'vi'],
        message: expect.stringContaining('"vi" contains the character U+0000'),
      },
      {
        path: [2, 'object', 'id'],
        message: expect.stringContaining('"id" contains an unpaired UTF-16 surrogate'),
      },
      {
        path: [3, 'result', 'extensions', 'https://nls.example/\udc00'],
        message: expect.stringContaining(
          'is a property name that contains an unpaired UTF-16 surrogate',
        ),
      },
      {
        path: [4, 'result', 'extensions', 'https://nls.example/x', 1, 'k'],
        message: expect.stringContaining('"k" contains the character U+0000'),
      },
    ])
    // A pair is a character (an emoji), not a problem.
    expect(
      validateStatements(statementWith(['verb', 'display', 'vi'], 'xem 👀'), { version: '1.0.3' })
        .ok,
    ).toBe(true)
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
