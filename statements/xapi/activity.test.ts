import { INTERACTION_TYPES } from './activity.ts'
import { expectValid, problemsOf, statementWith } from './fixtures/statements.ts'

// Activities and Activity Definitions (xAPI Data 2.4.4.1), interaction activities included.

const def = (definition: Record<string, unknown>) => [['object', 'definition'], definition] as const
const components = (...ids: string[]) =>
  ids.map((id) => ({ id, description: { vi: `Lựa chọn ${id}` } }))

describe('Activities: bad examples', () => {
  it.each([
    ['no id', ['object', 'id'], undefined, ['object', 'id'], '"id" is required'],
    [
      'an id without a valid scheme',
      ['object', 'id'],
      'ab=c://should.fail.com',
      ['object', 'id'],
      '"id" must be an IRI with a scheme: "Values requiring IRIs MUST be sent with valid IRIs"',
    ],
    ['an empty id', ['object', 'id'], '', ['object', 'id'], '"id" must be an IRI'],
    [
      'an objectType in the wrong case',
      ['object', 'objectType'],
      'activity',
      ['object', 'objectType'],
      '"objectType" must be one of "Activity", "Agent", "Group", "StatementRef", "SubStatement" (found "activity")',
    ],
    [
      'a definition that is a string',
      ['object', 'definition'],
      'should error',
      ['object', 'definition'],
      '"definition" must be an object, not a string',
    ],
    [
      'a name that is a number',
      ['object', 'definition', 'name'],
      12345,
      ['object', 'definition', 'name'],
      '"name" must be an object, not a number',
    ],
    [
      'a name keyed by a non-language',
      ['object', 'definition', 'name'],
      { something: 'x' },
      ['object', 'definition', 'name', 'something'],
      '"something" is not an RFC 5646 language tag: "Keys of language maps MUST be sent with valid RFC 5646 language tags"',
    ],
    [
      'a description keyed by a non-language',
      ['object', 'definition', 'description'],
      { a12345: 'x' },
      ['object', 'definition', 'description', 'a12345'],
      'is not an RFC 5646 language tag',
    ],
    [
      'a null name value',
      ['object', 'definition', 'name'],
      { vi: null },
      ['object', 'definition', 'name', 'vi'],
      '"vi" must not be null',
    ],
    [
      'a type that is not an IRI',
      ['object', 'definition', 'type'],
      'should error',
      ['object', 'definition', 'type'],
      '"type" must be an IRI',
    ],
    [
      'a moreInfo that is not an IRL',
      ['object', 'definition', 'moreInfo'],
      'should error',
      ['object', 'definition', 'moreInfo'],
      '"moreInfo" must be an IRL',
    ],
    [
      'a null moreInfo',
      ['object', 'definition', 'moreInfo'],
      null,
      ['object', 'definition', 'moreInfo'],
      '"moreInfo" must not be null',
    ],
    [
      'an interactionType in the wrong case',
      ...def({ interactionType: 'true-faLse' }),
      ['object', 'definition', 'interactionType'],
      '"interactionType" must be "true-false" or "choice" or "fill-in"',
    ],
    [
      'an interactionType that is a number',
      ...def({ interactionType: 12345 }),
      ['object', 'definition', 'interactionType'],
      'must be',
    ],
    [
      'interaction properties without an interactionType',
      ...def({ choices: components('a', 'b') }),
      ['object', 'definition', 'interactionType'],
      '"interactionType" is required with choices: "Interaction Activities MUST have a valid interactionType"',
    ],
    [
      'a component list the interactionType does not support',
      ...def({ interactionType: 'true-false', choices: components('a') }),
      ['object', 'definition', 'choices'],
      '"choices" is not an interaction component list of a "true-false" interaction; it supports no component lists',
    ],
    [
      '"scale" on a choice interaction',
      ...def({ interactionType: 'choice', scale: components('a') }),
      ['object', 'definition', 'scale'],
      'it supports "choices"',
    ],
    [
      'repeated component ids',
      ...def({ interactionType: 'choice', choices: components('a', 'b', 'a') }),
      ['object', 'definition', 'choices', 2, 'id'],
      '"id" repeats the id "a": "Within an array of interaction components, all id values MUST be distinct"',
    ],
    [
      'a component without an id',
      ...def({ interactionType: 'likert', scale: [{ description: { vi: 'Đồng ý' } }] }),
      ['object', 'definition', 'scale', 0, 'id'],
      '"id" is required',
    ],
    [
      'a component with another property',
      ...def({ interactionType: 'sequencing', choices: [{ id: 'a', name: 'x' }] }),
      ['object', 'definition', 'choices', 0, 'name'],
      '"name" is not a property of an interaction component',
    ],
    [
      'a correctResponsesPattern that is a string',
      ...def({ interactionType: 'fill-in', correctResponsesPattern: 'x' }),
      ['object', 'definition', 'correctResponsesPattern'],
      '"correctResponsesPattern" must be an array, not a string',
    ],
    [
      'extensions that are a string',
      ['object', 'definition', 'extensions'],
      'should error',
      ['object', 'definition', 'extensions'],
      '"extensions" must be an object, not a string',
    ],
    [
      'an extension key that is not an IRI',
      ['object', 'definition', 'extensions'],
      { id: 'valid' },
      ['object', 'definition', 'extensions', 'id'],
      '"id" is not an IRI: "The keys of an extensions map MUST be IRIs"',
    ],
    [
      'a definition property in the wrong case',
      ['object', 'definition', 'Name'],
      { vi: 'x' },
      ['object', 'definition', 'Name'],
      'did you mean "name"?',
    ],
  ] as const)('%s', (_name, at, value, path, message) => {
    expect(problemsOf(statementWith(at, value))).toEqual([
      { path, message: expect.stringContaining(message) },
    ])
  })
})

describe('Activities: good examples', () => {
  const lists: Record<string, Record<string, unknown>> = {
    choice: { choices: components('a', 'b', 'c') },
    sequencing: { choices: components('a', 'b') },
    likert: { scale: components('1', '2', '3', '4', '5') },
    matching: { source: components('s1', 's2'), target: components('t1', 't2') },
    performance: { steps: components('buoc1', 'buoc2') },
  }

  it.each(INTERACTION_TYPES)(
    'an interaction of type %s with its component lists',
    (interactionType) => {
      const definition = {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: { vi: 'Câu hỏi', 'en-US': 'Question' },
        interactionType,
        correctResponsesPattern: ['a'],
        ...lists[interactionType],
      }
      expectValid(statementWith(['object', 'definition'], definition))
    },
  )

  it('an object without "objectType" is an Activity', () => {
    expectValid(statementWith(['object'], { id: 'http://example.edu.vn/hoat-dong/1' }))
  })

  it('language maps keyed by well-formed RFC 5646 tags', () => {
    const name = {
      vi: 'a',
      'de-DE': 'b',
      'zh-Hant': 'c',
      'sr-Latn-RS': 'd',
      cmn: 'e',
      'es-419': 'f',
    }
    expectValid(statementWith(['object', 'definition', 'name'], name))
  })

  it('extension values of any JSON type, null included (Data 2.2.s4.b1: "except inside extensions")', () => {
    const extensions = {
      'http://example.com/null': null,
      'http://example.com/obj': { a: [1, null] },
    }
    expectValid(statementWith(['object', 'definition', 'extensions'], extensions))
  })

  it('an empty correctResponsesPattern ("there is no correct answer")', () => {
    expectValid(
      statementWith(['object', 'definition'], {
        interactionType: 'other',
        correctResponsesPattern: [],
      }),
    )
  })
})
