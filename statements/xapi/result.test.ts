import { expectValid, problemsOf, statementWith } from './fixtures/statements.ts'

// The Result and its Score (xAPI Data 2.4.5).

describe('Result: bad examples', () => {
  it.each([
    [
      'a max that is a word',
      ['result', 'score'],
      { max: 'one hundred' },
      ['result', 'score', 'max'],
      '"max" must be a number, not a string',
    ],
    [
      'a max that is a string of digits',
      ['result', 'score'],
      { max: '100' },
      ['result', 'score', 'max'],
      'the LRS MUST reject Statements "with strings where numbers are required, even if those strings contain numbers"',
    ],
    [
      'a success that is a sentence',
      ['result', 'success'],
      'We regret to inform you that your effort was unsuccessful.',
      ['result', 'success'],
      '"success" must be a boolean (true or false), not a string',
    ],
    [
      'a completion that is "false"',
      ['result', 'completion'],
      'false',
      ['result', 'completion'],
      '"with strings where booleans are required, even if those strings contain booleans"',
    ],
    [
      'a scaled above 1',
      ['result', 'score'],
      { scaled: 1.5 },
      ['result', 'score', 'scaled'],
      '"scaled" must be between -1 and 1: "scaled" is a "Decimal number between -1 and 1, inclusive"',
    ],
    [
      'a scaled below -1',
      ['result', 'score'],
      { scaled: -1.01 },
      ['result', 'score', 'scaled'],
      'must be between -1 and 1',
    ],
    [
      'a min equal to max',
      ['result', 'score'],
      { min: 10, max: 10 },
      ['result', 'score', 'min'],
      '"min" must be less than "max" (10 is not less than 10): "min" is a "Decimal number less than max (if present)"',
    ],
    [
      'a min above max',
      ['result', 'score'],
      { min: 10, max: 0 },
      ['result', 'score', 'min'],
      'must be less than "max"',
    ],
    [
      'a raw above max',
      ['result', 'score'],
      { raw: 11, min: 0, max: 10 },
      ['result', 'score', 'raw'],
      '"raw" must lie within "min" and "max": "raw" is a "Decimal number between min and max (if present, otherwise unrestricted), inclusive"',
    ],
    [
      'a raw below min',
      ['result', 'score'],
      { raw: -1, min: 0 },
      ['result', 'score', 'raw'],
      'must lie within',
    ],
    [
      'a score with another property',
      ['result', 'score'],
      { percent: 80 },
      ['result', 'score', 'percent'],
      '"percent" is not a property of a Score',
    ],
    [
      'a duration with a bad designator',
      ['result', 'duration'],
      'PA1H0M0S',
      ['result', 'duration'],
      '"duration" must be an ISO 8601 duration such as "PT1H30M5.25S": "A Duration MUST be expressed using the format for Duration in ISO 8601:2004(E) section 4.4.3.2"',
    ],
    [
      'weeks combined with days',
      ['result', 'duration'],
      'P4W1D',
      ['result', 'duration'],
      'must be an ISO 8601 duration',
    ],
    [
      'a duration that is a number',
      ['result', 'duration'],
      12345,
      ['result', 'duration'],
      '"duration" must be a string, not a number',
    ],
    [
      'a duration that is an object',
      ['result', 'duration'],
      { key: 'invalid' },
      ['result', 'duration'],
      '"duration" must be a string, not an object',
    ],
    [
      'a response that is a number',
      ['result', 'response'],
      42,
      ['result', 'response'],
      '"response" must be a string, not a number',
    ],
    [
      'an extension key that is not an IRI',
      ['result', 'extensions'],
      { diem: 8 },
      ['result', 'extensions', 'diem'],
      'is not an IRI',
    ],
    [
      'a result key in the wrong case',
      ['result'],
      { Success: true },
      ['result', 'Success'],
      'did you mean "success"?',
    ],
    ['a null result', ['result'], null, ['result'], '"result" must not be null'],
  ] as const)('%s', (_name, at, value, path, message) => {
    expect(problemsOf(statementWith(at, value))).toEqual([
      { path, message: expect.stringContaining(message) },
    ])
  })
})

describe('Result: good examples', () => {
  it.each([
    [
      'a full result',
      {
        score: { scaled: 0.85, raw: 8.5, min: 0, max: 10 },
        success: true,
        completion: true,
        response: 'b[,]d',
        duration: 'PT12M34S',
      },
    ],
    ['scaled at the bounds', { score: { scaled: -1 } }],
    ['scaled at 1', { score: { scaled: 1 } }],
    ['raw equal to min and max bounds', { score: { raw: 0, min: 0, max: 10 } }],
    ['raw without min or max', { score: { raw: 1234 } }],
    ['a duration in seconds only', { duration: 'PT16559.14S' }],
    ['a duration in weeks', { duration: 'P4W' }],
    ['a duration finer than 0.01 s ("the LRS SHOULD* NOT reject")', { duration: 'PT1.2345S' }],
    ['an extension with a null value', { extensions: { 'http://example.com/null': null } }],
  ])('%s', (_name, result) => {
    expectValid(statementWith(['result'], result))
  })
})
