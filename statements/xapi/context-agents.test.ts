import { expectValid, problemsOf, statementWith } from './fixtures/statements.ts'

// xAPI 2.0.0's contextAgents and contextGroups (IEEE 9274.1.1 §4.2.2.5), with the bad examples of
// the ADL conformance suite (test/v2_0/configs/contextagents.js, contextgroups.js).

const MBOX = 'mailto:lan@example.edu.vn'
const ACTIVITY = { id: 'https://lms.example.edu.vn/course/view.php?id=7' }

describe('Context (xAPI 2.0.0): contextAgents and contextGroups', () => {
  const agents = (value: unknown) => statementWith(['context', 'contextAgents'], value)
  const groups = (value: unknown) => statementWith(['context', 'contextGroups'], value)

  it.each([
    [
      'an objectType other than "contextAgent"',
      agents([{ objectType: 'Should fail', agent: { mbox: MBOX } }]),
      ['context', 'contextAgents', 0, 'objectType'],
      '"objectType" must be "contextAgent"',
    ],
    [
      'an invalid agent',
      agents([{ objectType: 'contextAgent', agent: { key: 'Should fail' } }]),
      ['context', 'contextAgents', 0, 'agent', 'key'],
      '"key" is not a property of an Agent',
    ],
    [
      'empty relevantTypes',
      agents([{ objectType: 'contextAgent', agent: { mbox: MBOX }, relevantTypes: [] }]),
      ['context', 'contextAgents', 0, 'relevantTypes'],
      '"relevantTypes" must hold at least one IRI: "A collection of 1 or more Relevant Type(s)"',
    ],
    [
      'a relevant type that is not an IRI',
      agents([{ objectType: 'contextAgent', agent: { mbox: MBOX }, relevantTypes: ['abc'] }]),
      ['context', 'contextAgents', 0, 'relevantTypes', 0],
      'must be an IRI',
    ],
    [
      'an objectType other than "contextGroup"',
      groups([{ objectType: 'Should fail', group: { objectType: 'Group', mbox: MBOX } }]),
      ['context', 'contextGroups', 0, 'objectType'],
      '"objectType" must be "contextGroup"',
    ],
    [
      'an invalid group',
      groups([{ objectType: 'contextGroup', group: { key: 'Should fail' } }]),
      ['context', 'contextGroups', 0, 'group', 'key'],
      '"key" is not a property of a Group',
    ],
    [
      'contextAgents that are not an array',
      agents({ objectType: 'contextAgent', agent: { mbox: MBOX } }),
      ['context', 'contextAgents'],
      '"contextAgents" must be an array, not an object',
    ],
  ] as const)('refuses %s', (_name, statement, path, message) => {
    expect(problemsOf(statement, '2.0.0')).toContainEqual({
      path,
      message: expect.stringContaining(message),
    })
  })

  it('accepts them in an xAPI 2.0.0 request, inside a SubStatement too', () => {
    const context = {
      contextAgents: [
        {
          objectType: 'contextAgent',
          agent: { mbox: 'mailto:gv.hang@example.edu.vn' },
          relevantTypes: ['https://w3id.org/xapi/cmi5/context/categories/instructor'],
        },
      ],
      contextGroups: [
        {
          objectType: 'contextGroup',
          group: {
            objectType: 'Group',
            name: 'Lớp 10A2',
            account: { homePage: 'https://lms.example.edu.vn', name: 'group-10a2' },
          },
        },
      ],
    }
    expectValid(statementWith(['context'], context), '2.0.0')
    const sub = {
      objectType: 'SubStatement',
      actor: { mbox: MBOX },
      verb: { id: 'http://example.com/planned' },
      object: ACTIVITY,
      context,
    }
    expectValid(statementWith(['object'], sub), '2.0.0')
  })
})
