import { baseStatement, expectValid, problemsOf, statementWith } from './fixtures/statements.ts'

// Statement-level rules (xAPI Data 2.2, 2.4): required and unknown properties, ids, verbs,
// timestamps, version. The object's rules are in statement-object.test.ts.

describe('Statement: bad examples', () => {
  it.each(['actor', 'verb', 'object'])(
    'refuses a statement without "%s" (Data 2.2.s2.b3)',
    (key) => {
      expect(problemsOf(statementWith([key], undefined))).toEqual([
        {
          path: [key],
          message: `"${key}" is required: 'A Statement MUST use "actor", "verb", and "object".' (xAPI Data 2.2.s2.b3)`,
        },
      ])
    },
  )

  it.each([
    ['an id that is a number', ['id'], 12345, ['id'], '"id" must be a string, not a number'],
    [
      'an id that is an object',
      ['id'],
      { key: 'should fail' },
      ['id'],
      '"id" must be a string, not an object',
    ],
    [
      'an id with too many digits',
      ['id'],
      'AA97B177-9383-4934-8543-0F91A7A028368',
      ['id'],
      '"id" must be a UUID: "UUIDs MUST be in the standard string form"',
    ],
    [
      'an id with a letter beyond F',
      ['id'],
      'MA97B177-9383-4934-8543-0F91A7A02836',
      ['id'],
      '"id" must be a UUID',
    ],
    [
      'a verb without an id',
      ['verb'],
      { display: { vi: 'đã xem' } },
      ['verb', 'id'],
      '"id" is required',
    ],
    [
      'a verb id that is not an IRI',
      ['verb', 'id'],
      'viewed',
      ['verb', 'id'],
      '"id" must be an IRI',
    ],
    [
      'a verb display that is a string',
      ['verb', 'display'],
      'viewed',
      ['verb', 'display'],
      '"display" must be an object, not a string',
    ],
    [
      'a null verb display value',
      ['verb', 'display'],
      { 'en-US': null },
      ['verb', 'display', 'en-US'],
      '"en-US" must not be null: the LRS MUST reject Statements "with any null values (except inside extensions)"',
    ],
    [
      'a verb display keyed by a non-language',
      ['verb', 'display'],
      { something: 'besucht' },
      ['verb', 'display', 'something'],
      'is not an RFC 5646 language tag',
    ],
    [
      'a verb with another property',
      ['verb', 'name'],
      'x',
      ['verb', 'name'],
      '"name" is not a property of a Verb',
    ],
    [
      'an unknown top-level property',
      ['objectType'],
      'Statement',
      ['objectType'],
      '"objectType" is not a property of a Statement: the LRS MUST reject Statements "where a key or value is not allowed by this specification"',
    ],
    [
      'a property in the wrong case',
      ['timeStamp'],
      '2026-03-12T08:45:10+07:00',
      ['timeStamp'],
      'Property names are case-sensitive: did you mean "timestamp"?',
    ],
    [
      'a timestamp that is not a date',
      ['timestamp'],
      'should fail',
      ['timestamp'],
      '"timestamp" must be an ISO 8601 timestamp with a time zone',
    ],
    [
      'a timestamp in another date format',
      ['timestamp'],
      '01/011/2015',
      ['timestamp'],
      'must be an ISO 8601 timestamp',
    ],
    [
      'a timestamp with offset -00',
      ['timestamp'],
      '2008-09-15T15:53:00.601-00',
      ['timestamp'],
      'must be an ISO 8601 timestamp',
    ],
    [
      'a timestamp with offset -0000',
      ['timestamp'],
      '2008-09-15T15:53:00.601-0000',
      ['timestamp'],
      'must be an ISO 8601 timestamp',
    ],
    [
      'a timestamp with offset -00:00',
      ['timestamp'],
      '2008-09-15T15:53:00.601-00:00',
      ['timestamp'],
      'must be an ISO 8601 timestamp',
    ],
    [
      'a timestamp without a time zone',
      ['timestamp'],
      '2008-09-15T15:53:00.601',
      ['timestamp'],
      'with a time zone',
    ],
    [
      'a stored that is not a date',
      ['stored'],
      'yesterday',
      ['stored'],
      '"stored" must be an ISO 8601 timestamp',
    ],
    [
      'a version that is a word',
      ['version'],
      'should fail',
      ['version'],
      '"version" must start with "1.0.": "An LRS MUST reject all Statements with a version specified that does not start with 1.0."',
    ],
    ['version 0.9.9', ['version'], '0.9.9', ['version'], 'must start with "1.0."'],
    ['version 1.1.0', ['version'], '1.1.0', ['version'], 'must start with "1.0."'],
    [
      'version 2.0.0 in an xAPI 1.0.3 request',
      ['version'],
      '2.0.0',
      ['version'],
      'must start with "1.0."',
    ],
    ['a null result', ['result'], null, ['result'], 'must not be null'],
    [
      'attachments that are not an array',
      ['attachments'],
      {},
      ['attachments'],
      '"attachments" must be an array, not an object',
    ],
  ] as const)('%s', (_name, at, value, path, message) => {
    expect(problemsOf(statementWith(at, value))).toEqual([
      { path, message: expect.stringContaining(message) },
    ])
  })

  it('reports every problem of a statement, not only the first', () => {
    const statement = {
      actor: { mbox: 'lan' },
      verb: { id: 'viewed' },
      object: { id: 'x' },
      Timestamp: 'now',
    }
    expect(problemsOf(statement).map((p) => p.path)).toEqual([
      ['actor', 'mbox'],
      ['verb', 'id'],
      ['object', 'id'],
      ['Timestamp'],
    ])
  })

  it('refuses version 3.0.0 in an xAPI 2.0.0 request', () => {
    expect(problemsOf(statementWith(['version'], '3.0.0'), '2.0.0')).toEqual([
      { path: ['version'], message: expect.stringContaining('"version" must be 1.0.x or 2.0.x') },
    ])
  })
})

describe('Statement: good examples', () => {
  it('the simplest statement', () => expectValid(baseStatement()))

  it.each(['1.0', '1.0.0', '1.0.3', '1.0.9'])('version %s', (version) =>
    expectValid(statementWith(['version'], version)),
  )

  it('version 2.0.0 in an xAPI 2.0.0 request', () =>
    expectValid(statementWith(['version'], '2.0.0'), '2.0.0'))

  it('an RFC 3339 timestamp with a space, and the basic ISO 8601 format', () => {
    expectValid(statementWith(['timestamp'], '2008-09-15 15:53:00.601+00:00'))
    expectValid(statementWith(['timestamp'], '20080915T155300Z'))
  })

  it('the long example of Data Appendix A, as an LRS returns it', () => {
    expectValid({
      id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
      actor: {
        name: 'Team PB',
        mbox: 'mailto:teampb@example.com',
        member: [
          {
            name: 'Andrew Downes',
            account: { homePage: 'http://www.example.com', name: '13936749' },
            objectType: 'Agent',
          },
          { name: 'Toby Nichols', openid: 'http://toby.openid.example.org/', objectType: 'Agent' },
          {
            name: 'Ena Hills',
            mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9',
            objectType: 'Agent',
          },
        ],
        objectType: 'Group',
      },
      verb: {
        id: 'http://adlnet.gov/expapi/verbs/attended',
        display: { 'en-GB': 'attended', 'en-US': 'attended' },
      },
      result: {
        extensions: {
          'http://example.com/profiles/meetings/resultextensions/minuteslocation':
            'X:\\meetings\\minutes\\examplemeeting.one',
        },
        success: true,
        completion: true,
        response: 'We agreed on some example actions.',
        duration: 'PT1H0M0S',
      },
      context: {
        registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
        contextActivities: {
          parent: [{ id: 'http://www.example.com/meetings/series/267', objectType: 'Activity' }],
          category: [
            {
              id: 'http://www.example.com/meetings/categories/teammeeting',
              objectType: 'Activity',
              definition: {
                name: { en: 'team meeting' },
                type: 'http://example.com/expapi/activities/meetingcategory',
              },
            },
          ],
          other: [
            { id: 'http://www.example.com/meetings/occurances/34257', objectType: 'Activity' },
          ],
        },
        instructor: {
          name: 'Andrew Downes',
          account: { homePage: 'http://www.example.com', name: '13936749' },
          objectType: 'Agent',
        },
        team: { name: 'Team PB', mbox: 'mailto:teampb@example.com', objectType: 'Group' },
        platform: 'Example virtual meeting software',
        language: 'tlh',
        statement: { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' },
      },
      timestamp: '2013-05-18T05:32:34.804+00:00',
      stored: '2013-05-18T05:32:34.804+00:00',
      authority: {
        account: { homePage: 'http://cloud.scorm.com/', name: 'anonymous' },
        objectType: 'Agent',
      },
      version: '1.0.0',
      object: {
        id: 'http://www.example.com/meetings/occurances/34534',
        definition: {
          extensions: {
            'http://example.com/profiles/meetings/activitydefinitionextensions/room': {
              name: 'Kilby',
              id: 'http://example.com/rooms/342',
            },
          },
          name: { 'en-GB': 'example meeting', 'en-US': 'example meeting' },
          type: 'http://adlnet.gov/expapi/activities/meeting',
          moreInfo: 'http://virtualmeeting.example.com/345256',
        },
        objectType: 'Activity',
      },
    })
  })
})
