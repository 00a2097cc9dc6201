import { expectValid, problemsOf, statementWith } from './fixtures/statements.ts'

// The Context (xAPI Data 2.4.6) and xAPI 2.0.0's contextAgents and contextGroups.

const MBOX = 'mailto:lan@example.edu.vn'
const ACTIVITY = { id: 'https://lms.example.edu.vn/course/view.php?id=7' }
const AGENT_OBJECT = { objectType: 'Agent', mbox: MBOX }
const REF = { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' }

describe('Context: bad examples', () => {
  it.each([
    [
      'a registration that is not a UUID',
      ['context', 'registration'],
      'should fail',
      ['context', 'registration'],
      '"registration" must be a UUID: "UUIDs MUST be in the standard string form"',
    ],
    [
      'a registration with too many digits',
      ['context', 'registration'],
      'AA97B177-9383-4934-8543-0F91A7A028368',
      ['context', 'registration'],
      'must be a UUID',
    ],
    [
      'a registration that is an object',
      ['context', 'registration'],
      { key: 'x' },
      ['context', 'registration'],
      '"registration" must be a string, not an object',
    ],
    [
      'a null registration',
      ['context', 'registration'],
      null,
      ['context', 'registration'],
      'must not be null',
    ],
    [
      'an instructor that is a string',
      ['context', 'instructor'],
      'should fail',
      ['context', 'instructor'],
      '"instructor" must be an object, not a string',
    ],
    [
      'an instructor without an IFI',
      ['context', 'instructor'],
      { name: 'Cô Hằng' },
      ['context', 'instructor'],
      'An Agent MUST be identified',
    ],
    [
      'a team that is a string',
      ['context', 'team'],
      'should fail',
      ['context', 'team'],
      '"team" must be an object, not a string',
    ],
    [
      'contextActivities that are a string',
      ['context', 'contextActivities'],
      'should fail',
      ['context', 'contextActivities'],
      '"contextActivities" must be an object, not a string',
    ],
    [
      'a parent that is a string',
      ['context', 'contextActivities', 'parent'],
      'x',
      ['context', 'contextActivities', 'parent'],
      '"parent" must be an Activity object or an array of Activity objects',
    ],
    [
      'a single parent with a bad id',
      ['context', 'contextActivities', 'parent'],
      { id: 'bad' },
      ['context', 'contextActivities', 'parent', 'id'],
      '"id" must be an IRI',
    ],
    [
      'a parent array with a bad id',
      ['context', 'contextActivities', 'parent'],
      [ACTIVITY, { id: 'bad' }],
      ['context', 'contextActivities', 'parent', 1, 'id'],
      '"id" must be an IRI',
    ],
    [
      'a grouping array holding a number',
      ['context', 'contextActivities', 'grouping'],
      [3],
      ['context', 'contextActivities', 'grouping', 0],
      'must be an object, not a number',
    ],
    [
      'a contextActivities key that is not a context type',
      ['context', 'contextActivities', 'related'],
      [ACTIVITY],
      ['context', 'contextActivities', 'related'],
      '"related" is not a property of contextActivities, whose keys "MUST be one of parent, grouping, category, or other"',
    ],
    [
      'a revision that is a number',
      ['context', 'revision'],
      12345,
      ['context', 'revision'],
      '"revision" must be a string, not a number',
    ],
    [
      'a platform that is an object',
      ['context', 'platform'],
      { key: 'x' },
      ['context', 'platform'],
      '"platform" must be a string, not an object',
    ],
    [
      'a language that is not a tag',
      ['context', 'language'],
      'something',
      ['context', 'language'],
      '"language" must be an RFC 5646 language tag',
    ],
    [
      'a statement reference with a bad id',
      ['context', 'statement'],
      { objectType: 'StatementRef', id: 'MA97B177-9383-4934-8543-0F91A7A02836' },
      ['context', 'statement', 'id'],
      'must be a UUID',
    ],
    [
      'extensions keyed by a non-IRI',
      ['context', 'extensions'],
      { altitude: 100 },
      ['context', 'extensions', 'altitude'],
      'is not an IRI',
    ],
    [
      'an unknown context property',
      ['context', 'school'],
      'THPT',
      ['context', 'school'],
      '"school" is not a property of a Context',
    ],
    [
      'contextAgents in an xAPI 1.0.3 request',
      ['context', 'contextAgents'],
      [{ objectType: 'contextAgent', agent: { mbox: MBOX } }],
      ['context', 'contextAgents'],
      '"contextAgents" is an xAPI 2.0.0 property, not allowed in an xAPI 1.0.3 request',
    ],
    [
      'contextGroups in an xAPI 1.0.3 request',
      ['context', 'contextGroups'],
      [],
      ['context', 'contextGroups'],
      '"contextGroups" is an xAPI 2.0.0 property',
    ],
  ] as const)('%s', (_name, at, value, path, message) => {
    expect(problemsOf(statementWith(at, value))).toEqual([
      { path, message: expect.stringContaining(message) },
    ])
  })

  it('needs "objectType" on a statement reference', () => {
    expect(problemsOf(statementWith(['context', 'statement'], { id: REF.id }))).toEqual([
      { path: ['context', 'statement', 'objectType'], message: '"objectType" is required' },
    ])
  })

  it.each([
    ['an Agent', AGENT_OBJECT],
    ['a Group', { objectType: 'Group', member: [{ mbox: MBOX }] }],
    ['a StatementRef', REF],
  ])(
    'refuses "revision" and "platform" when the object is %s (Data 2.4.6.s4.b1, b2)',
    (_name, object) => {
      const statement = statementWith(['object'], object)
      statement.context = { revision: '2', platform: 'Moodle' }
      const rule = "MUST only be used if the Statement's Object is an Activity"
      expect(problemsOf(statement)).toEqual([
        {
          path: ['context', 'revision'],
          message: expect.stringContaining(
            `"revision" is not allowed here: 'The "revision" property ${rule}'`,
          ),
        },
        {
          path: ['context', 'platform'],
          message: expect.stringContaining(`'The "platform" property ${rule}'`),
        },
      ])
    },
  )

  it('applies the same rule inside a SubStatement', () => {
    const sub = {
      objectType: 'SubStatement',
      actor: { mbox: MBOX },
      verb: { id: 'http://example.com/planned' },
      object: AGENT_OBJECT,
      context: { revision: '2' },
    }
    expect(problemsOf(statementWith(['object'], sub))).toEqual([
      {
        path: ['object', 'context', 'revision'],
        message: expect.stringContaining('MUST only be used if'),
      },
    ])
  })
})

describe('Context: good examples', () => {
  it('every xAPI 1.0.3 property, with single Activities as contextActivities values', () => {
    const context = {
      registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      instructor: { name: 'Cô Hằng', mbox: 'mailto:gv.hang@example.edu.vn' },
      team: { objectType: 'Group', name: 'Nhóm 3', member: [{ mbox: MBOX }] },
      contextActivities: {
        parent: ACTIVITY,
        grouping: [ACTIVITY],
        category: { id: 'https://w3id.org/xapi/vle' },
        other: [],
      },
      revision: '2',
      platform: 'Moodle',
      language: 'vi-VN',
      statement: REF,
      extensions: { 'http://example.com/ext': { any: ['json', 1, null] } },
    }
    expectValid(statementWith(['context'], context))
  })

  it('an instructor that is a Group', () => {
    expectValid(
      statementWith(['context', 'instructor'], {
        objectType: 'Group',
        mbox: 'mailto:to-tin@example.edu.vn',
      }),
    )
  })
})
