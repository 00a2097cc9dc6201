import { expectValid, problemsOf, statementWith } from './fixtures/statements.ts'

// Agents, Groups and their Inverse Functional Identifiers (xAPI Data 2.4.2), wherever they occur.

const MBOX = 'mailto:lan@example.edu.vn'
const SHA1 = 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9'
const ACCOUNT = { homePage: 'https://lms.example.edu.vn', name: '1234' }

describe('Agents and Groups: bad examples', () => {
  it.each([
    [
      'an Agent without an IFI',
      ['actor'],
      { name: 'Lan' },
      ['actor'],
      'An Agent MUST be identified by one (1) of the four types of Inverse Functional Identifiers',
    ],
    [
      'an Agent with two IFIs',
      ['actor'],
      { mbox: MBOX, openid: 'https://openid.example.edu.vn/lan' },
      ['actor'],
      'An Agent MUST NOT include more than one (1) Inverse Functional Identifier; found mbox, openid',
    ],
    [
      'an mbox that is not a mailto IRI',
      ['actor', 'mbox'],
      'http://should.fail.com',
      ['actor', 'mbox'],
      '"mbox" must be a mailto IRI: \'The required format is "mailto:email address"\'',
    ],
    [
      'an mbox without an address',
      ['actor', 'mbox'],
      'mailto:should.fail.com',
      ['actor', 'mbox'],
      '"mbox" must be a mailto IRI',
    ],
    ['an empty mbox', ['actor', 'mbox'], '', ['actor', 'mbox'], '"mbox" must be a mailto IRI'],
    [
      'an mbox_sha1sum that is not 40 hex digits',
      ['actor'],
      { mbox_sha1sum: 'abc' },
      ['actor', 'mbox_sha1sum'],
      '"mbox_sha1sum" must be the hex-encoded SHA1 hash of a mailto IRI',
    ],
    [
      'an mbox_sha1sum that is an object',
      ['actor'],
      { mbox_sha1sum: { key: 'value' } },
      ['actor', 'mbox_sha1sum'],
      '"mbox_sha1sum" must be a string, not an object',
    ],
    [
      'an openid that is not a URI',
      ['actor'],
      { openid: 'not a uri' },
      ['actor', 'openid'],
      '"openid" must be an IRI with a scheme',
    ],
    [
      'an account homePage without a valid scheme',
      ['actor'],
      { account: { homePage: 'ab=c://should.fail.com', name: '1' } },
      ['actor', 'account', 'homePage'],
      '"homePage" must be an IRL with a scheme',
    ],
    [
      'an account without a name',
      ['actor'],
      { account: { homePage: ACCOUNT.homePage } },
      ['actor', 'account', 'name'],
      '"name" is required',
    ],
    [
      'an account name that is an object',
      ['actor'],
      { account: { homePage: ACCOUNT.homePage, name: { key: 'x' } } },
      ['actor', 'account', 'name'],
      '"name" must be a string, not an object',
    ],
    [
      'an empty account name',
      ['actor'],
      { account: { homePage: ACCOUNT.homePage, name: '' } },
      ['actor', 'account', 'name'],
      '"name" must not be empty',
    ],
    [
      'an account with another property',
      ['actor'],
      { account: { ...ACCOUNT, id: 1 } },
      ['actor', 'account', 'id'],
      '"id" is not a property of an Account',
    ],
    [
      'a null name',
      ['actor', 'name'],
      null,
      ['actor', 'name'],
      '"name" must not be null: the LRS MUST reject Statements "with any null values (except inside extensions)"',
    ],
    [
      'a name that is a number',
      ['actor', 'name'],
      123,
      ['actor', 'name'],
      '"name" must be a string, not a number',
    ],
    [
      'an objectType in the wrong case',
      ['actor', 'objectType'],
      'agent',
      ['actor', 'objectType'],
      '"objectType" must be one of "Agent", "Group" (found "agent")',
    ],
    [
      'an Agent with "member"',
      ['actor', 'member'],
      [{ mbox: MBOX }],
      ['actor', 'member'],
      '"member" is not a property of an Agent',
    ],
    [
      'an Anonymous Group without members',
      ['actor'],
      { objectType: 'Group', name: 'Tổ 1' },
      ['actor', 'member'],
      'An Anonymous Group MUST include a "member" property',
    ],
    [
      'an Identified Group with two IFIs',
      ['actor'],
      { objectType: 'Group', mbox: MBOX, account: ACCOUNT },
      ['actor'],
      'An Identified Group MUST include exactly one (1) Inverse Functional Identifier; found mbox, account',
    ],
    [
      'a Group inside a Group',
      ['actor'],
      { objectType: 'Group', member: [{ objectType: 'Group', mbox: MBOX }] },
      ['actor', 'member', 0, 'objectType'],
      'a Group "MUST NOT contain Group Objects in the \'member\' property"',
    ],
    [
      'a member without an IFI',
      ['actor'],
      { objectType: 'Group', member: [{ name: 'Lan' }] },
      ['actor', 'member', 0],
      'An Agent MUST be identified by one (1)',
    ],
    [
      'a member with a bad mbox',
      ['actor'],
      { objectType: 'Group', member: [{ mbox: 'lan@example.edu.vn' }] },
      ['actor', 'member', 0, 'mbox'],
      '"mbox" must be a mailto IRI',
    ],
    [
      '"member" that is not an array',
      ['actor'],
      { objectType: 'Group', member: { mbox: MBOX } },
      ['actor', 'member'],
      '"member" must be an array, not an object',
    ],
    [
      'an actor that is a string',
      ['actor'],
      'Lan',
      ['actor'],
      '"actor" must be an object, not a string',
    ],
    [
      'a bad authority',
      ['authority'],
      { mbox: 'http://should.fail.com' },
      ['authority', 'mbox'],
      '"mbox" must be a mailto IRI',
    ],
    [
      'a bad instructor',
      ['context', 'instructor'],
      { account: { homePage: 'nope', name: 'gv01' } },
      ['context', 'instructor', 'account', 'homePage'],
      '"homePage" must be an IRL',
    ],
    [
      'a team that is an Agent',
      ['context', 'team'],
      { mbox: MBOX },
      ['context', 'team', 'objectType'],
      '"objectType" is required',
    ],
    [
      'an Agent object without "objectType"',
      ['object'],
      { account: ACCOUNT },
      ['object', 'account'],
      '"Statements that specify an Agent or Group as an Object MUST specify an \'objectType\' property"',
    ],
  ] as const)('%s', (_name, at, value, path, message) => {
    expect(problemsOf(statementWith(at, value))).toContainEqual({
      path,
      message: expect.stringContaining(message),
    })
  })

  it('reports a key in the wrong case and the missing IFI together', () => {
    expect(problemsOf(statementWith(['actor'], { Mbox: MBOX }))).toEqual([
      {
        path: ['actor', 'Mbox'],
        message: expect.stringMatching(
          /^"Mbox" is not a property of an Agent: .*did you mean "mbox"\?/,
        ),
      },
      { path: ['actor'], message: expect.stringContaining('An Agent MUST be identified') },
    ])
  })
})

describe('Agents and Groups: good examples', () => {
  it.each([
    ['an Agent by mbox', { objectType: 'Agent', name: 'Lan', mbox: MBOX }],
    ['an Agent by mbox_sha1sum', { mbox_sha1sum: SHA1 }],
    ['an Agent by mbox_sha1sum in upper case', { mbox_sha1sum: SHA1.toUpperCase() }],
    ['an Agent by openid', { openid: 'https://openid.example.edu.vn/lan' }],
    ['an Agent by account', { name: 'Nguyễn Thị Lan', account: ACCOUNT }],
    ['an Anonymous Group', { objectType: 'Group', member: [{ mbox: MBOX }, { account: ACCOUNT }] }],
    [
      'an Identified Group without members',
      { objectType: 'Group', openid: 'https://example.edu.vn/to-1' },
    ],
    [
      'an Identified Group with members',
      {
        objectType: 'Group',
        name: 'Tổ Tin',
        mbox: 'mailto:totin@example.edu.vn',
        member: [{ objectType: 'Agent', mbox: MBOX }],
      },
    ],
  ])('%s as the actor', (_name, actor) => {
    expectValid(statementWith(['actor'], actor))
  })

  it('takes an Agent or Group as the object when "objectType" says so', () => {
    expectValid(statementWith(['object'], { objectType: 'Agent', mbox: MBOX }))
    expectValid(statementWith(['object'], { objectType: 'Group', member: [{ mbox: MBOX }] }))
  })

  it('takes a 3-legged OAuth authority: a Group of two Agents', () => {
    const authority = {
      objectType: 'Group',
      member: [
        {
          account: {
            homePage: 'http://example.com/xAPI/OAuth/Token',
            name: 'oauth_consumer_x75db',
          },
        },
        { mbox: 'mailto:bob@example.com' },
      ],
    }
    expectValid(statementWith(['authority'], authority))
  })
})

describe('authority (xAPI Data 2.4.9)', () => {
  const consumer = {
    account: { homePage: 'http://example.com/xAPI/OAuth/Token', name: 'oauth_consumer_x75db' },
  }
  const messageOf = (authority: unknown) => {
    const problems = problemsOf(statementWith(['authority'], authority))
    const own = problems.filter((p) => p.path.join('.') === 'authority')
    expect(own).toHaveLength(1)
    return own[0]!.message
  }

  it('takes an Agent', () => {
    expectValid(statementWith(['authority'], { mbox: MBOX }))
  })

  it.each([
    [
      'an identified Group',
      { objectType: 'Group', mbox: MBOX, member: [consumer, { mbox: MBOX }] },
      'MUST be an anonymous Group',
    ],
    [
      'an identified Group without members',
      { objectType: 'Group', openid: 'http://openid.example.org/12345' },
      'MUST be an anonymous Group',
    ],
    [
      'a Group of one',
      { objectType: 'Group', member: [{ mbox: MBOX }] },
      'exactly two members, the application and the user; found 1',
    ],
    [
      'a Group of three',
      {
        objectType: 'Group',
        member: [consumer, { mbox: MBOX }, { mbox: 'mailto:b@example.edu.vn' }],
      },
      'found 3',
    ],
    ['a Group without members', { objectType: 'Group' }, 'found 0'],
    [
      'a Group of two users',
      { objectType: 'Group', member: [{ mbox: MBOX }, { mbox: 'mailto:b@example.edu.vn' }] },
      'identified by an account',
    ],
  ])('refuses %s', (_name, authority, message) => {
    expect(messageOf(authority)).toContain(message)
  })
})
