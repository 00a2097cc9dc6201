import { expectValid, problemsOf, statementWith } from './fixtures/statements.ts'

// The statement's object (xAPI Data 2.4.4): objectType, StatementRef, SubStatement, and voiding (2.3.2).

const MBOX = 'mailto:lan@example.edu.vn'
const REF = { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' }
const sub = (extra: Record<string, unknown> = {}) => ({
  objectType: 'SubStatement',
  actor: { mbox: MBOX },
  verb: { id: 'http://example.com/visited', display: { 'en-US': 'will visit' } },
  object: { objectType: 'Activity', id: 'http://example.com/website' },
  ...extra,
})

describe('Statement object: bad examples', () => {
  it.each([
    [
      'an object with an unknown objectType',
      ['object', 'objectType'],
      'Sub',
      ['object', 'objectType'],
      '"objectType" must be one of "Activity", "Agent", "Group", "StatementRef", "SubStatement" (found "Sub"); "objectType" values are case-sensitive',
    ],
    [
      'a null objectType',
      ['object', 'objectType'],
      null,
      ['object', 'objectType'],
      '"objectType" must not be null',
    ],
    [
      'a StatementRef without an id',
      ['object'],
      { objectType: 'StatementRef' },
      ['object', 'id'],
      '"id" is required',
    ],
    [
      'a StatementRef with a bad id',
      ['object'],
      { objectType: 'StatementRef', id: 'should fail' },
      ['object', 'id'],
      'must be a UUID',
    ],
    [
      'a StatementRef with another property',
      ['object'],
      { ...REF, definition: {} },
      ['object', 'definition'],
      '"definition" is not a property of a Statement Reference',
    ],
    [
      'a SubStatement inside a SubStatement',
      ['object'],
      sub({ object: sub() }),
      ['object', 'object', 'objectType'],
      '"objectType" must not be "SubStatement" here: "A SubStatement MUST NOT contain a SubStatement of its own, i.e., cannot be nested"',
    ],
    [
      'a SubStatement without a verb',
      ['object'],
      sub({ verb: undefined }),
      ['object', 'verb'],
      '"verb" is required',
    ],
    [
      'a SubStatement with a bad timestamp',
      ['object'],
      sub({ timestamp: 'soon' }),
      ['object', 'timestamp'],
      'must be an ISO 8601 timestamp',
    ],
    [
      'an objectType "substatement"',
      ['object'],
      { ...sub(), objectType: 'substatement' },
      ['object', 'objectType'],
      'must be one of',
    ],
    [
      'a voiding statement whose object is an Activity',
      ['verb', 'id'],
      'http://adlnet.gov/expapi/verbs/voided',
      ['object', 'objectType'],
      '"objectType" must be "StatementRef" with the verb "voided": \'the Object of that voiding Statement MUST have the "objectType" property set to StatementRef\'',
    ],
  ] as const)('%s', (_name, at, value, path, message) => {
    expect(problemsOf(statementWith(at, value))).toEqual([
      { path, message: expect.stringContaining(message) },
    ])
  })

  it.each(['id', 'stored', 'version', 'authority'])(
    'refuses "%s" in a SubStatement (Data 2.4.4.3.s8.b3)',
    (key) => {
      const value =
        key === 'authority'
          ? { mbox: MBOX }
          : key === 'version'
            ? '1.0.0'
            : key === 'id'
              ? REF.id
              : '2026-03-12T08:45:10Z'
      expect(problemsOf(statementWith(['object'], sub({ [key]: value })))).toEqual([
        {
          path: ['object', key],
          message: `"${key}" is not allowed: "A SubStatement MUST NOT have the 'id', 'stored', 'version' or 'authority' properties" (xAPI Data 2.4.4.3)`,
        },
      ])
    },
  )
})

describe('Statement object: good examples', () => {
  it('a voiding statement (Data 2.3.2 example)', () => {
    expectValid({
      actor: {
        objectType: 'Agent',
        name: 'Example Admin',
        mbox: 'mailto:admin@example.adlnet.gov',
      },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' },
    })
  })

  it('a SubStatement (Data 2.4.4.3 example) with a future timestamp', () => {
    expectValid(
      statementWith(
        ['object'],
        sub({ timestamp: '2099-01-01T00:00:00Z', result: { completion: true } }),
      ),
    )
  })
})
