import { moodleBatch } from './fixtures/statements.ts'
import { MAX_DEPTH } from './limits.ts'
import { surveyJson } from './survey-json.ts'

const findJsonHazards = (value: unknown, prefix: (string | number)[]) =>
  surveyJson(value, prefix).hazards

/** `levels` arrays, one inside the other, as JSON.parse makes them from "[[[…]]]". */
function nestedArrays(levels: number): unknown {
  return JSON.parse('['.repeat(levels) + ']'.repeat(levels))
}

describe('surveyJson: hazards', () => {
  it("finds nothing in Moodle's statements or in Vietnamese text and emoji", () => {
    for (const statement of moodleBatch(30)) expect(findJsonHazards(statement, [])).toEqual([])
    expect(findJsonHazards({ 'Năng lực số': ['Thành thạo 👩‍🏫', { ố: 'ự' }] }, [])).toEqual([])
  })

  it('walks 100,000 levels without a stack overflow and reports the first level past the limit', () => {
    const problems = findJsonHazards(nestedArrays(100_000), [7])
    expect(problems).toEqual([
      {
        path: [7, ...Array<number>(MAX_DEPTH).fill(0)],
        message:
          'nests objects and arrays deeper than 64 levels; a statement may nest at most 64 levels deep',
      },
    ])
  })

  it(`takes exactly ${MAX_DEPTH} levels`, () => {
    expect(findJsonHazards(nestedArrays(MAX_DEPTH), [])).toEqual([])
    expect(findJsonHazards(nestedArrays(MAX_DEPTH + 1), [])).toHaveLength(1)
  })

  it('names the string or the property name holding U+0000 or an unpaired surrogate, in document order', () => {
    const value = {
      a: 'ok',
      b: ['x', 'nul\u0000'],
      'high\uD83D': 1,
      c: { d: '\uDE00low' },
      e: '\uD83D\uDE00',
    }
    expect(findJsonHazards(value, [])).toEqual([
      { path: ['b', 1], message: expect.stringMatching(/^contains the character U\+0000/) },
      {
        path: ['high\uD83D'],
        message: expect.stringMatching(
          /^"high\uD83D" is a property name that contains an unpaired UTF-16 surrogate/,
        ),
      },
      {
        path: ['c', 'd'],
        message: expect.stringMatching(/^"d" contains an unpaired UTF-16 surrogate/),
      },
    ])
  })

  it('reports at most 20 hazards of one statement', () => {
    expect(findJsonHazards(Array<string>(1000).fill('\u0000'), [])).toHaveLength(20)
  })
})

/** The UTF-8 bytes of a value's JSON. */
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8')

describe('surveyJson: a bound on the size of the JSON', () => {
  it('is never less than the JSON, whatever the text, numbers and nesting', () => {
    const values: unknown[] = [
      ...moodleBatch(30),
      { 'Năng lực số': ['Thành thạo 👩‍🏫', { ố: 'ự' }] },
      // Every character escaped: \u0001 is six bytes for one code unit.
      { ['\u0001'.repeat(10)]: '\u0001\u001f"\\'.repeat(100) },
      // The longest numbers JSON.stringify writes.
      [-0.0000012345678901234567, -1.7976931348623157e308, -2.2250738585072014e-308, 5e-324],
      [true, false, null, [], {}, [[[]]], { a: { b: {} } }, ''],
      '😀'.repeat(1000),
    ]
    for (const value of values) {
      const { hazards, jsonBytesAtMost } = surveyJson(value, [])
      expect(hazards).toEqual([])
      expect(jsonBytesAtMost).toBeGreaterThanOrEqual(jsonBytes(value))
    }
  })

  it('is within six times the JSON of a Moodle statement, under a fifth of the 64 KiB limit', () => {
    for (const statement of moodleBatch(30)) {
      const { jsonBytesAtMost } = surveyJson(statement, [])
      expect(jsonBytesAtMost).toBeLessThanOrEqual(6 * jsonBytes(statement))
      expect(jsonBytesAtMost).toBeLessThan((64 * 1024) / 5)
    }
  })

  it('is not given for a value with a hazard', () => {
    expect(surveyJson({ a: 'nul\u0000' }, []).jsonBytesAtMost).toBe(Infinity)
  })
})
