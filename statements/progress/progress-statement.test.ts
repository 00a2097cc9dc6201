import { validateStatements, type Statement } from '../xapi/index.ts'
import {
  STATEMENT_NAMESPACE,
  descriptorReachedStatement,
  levelChangeStatement,
  uuidV5,
  type DescriptorReached,
  type LevelChange,
  type ProgressActor,
  type ProgressStatement,
} from './progress-statement.ts'
import {
  COMPETENCY,
  MASTERED,
  PROFILE_ACTIVITY_TYPE,
  PROGRESSED,
  SATISFIED,
  profileTerms,
} from './vocabulary.ts'

const PROFILE = 'https://nls.example.edu.vn/xapi/profile'
const TERMS = profileTerms(PROFILE)
const X = TERMS.extensions
const PERSON = '0b5cbd0e-3c1f-4d51-9a51-2a8f0e6a7c11'
const OTHER_PERSON = '7d0c6c52-5f7e-4d0a-9a3e-2c1d5b4a3f21'
const AT = new Date('2026-11-20T08:30:00+07:00')
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const COMPONENT = {
  id: 'TT18.PT.1.1',
  iri: 'urn:nls:TT18.PT.1.1',
  name: { vi: 'Khai thác dữ liệu và thông tin', en: 'Browsing data and information' },
  frameworkId: 'TT18',
  frameworkVersion: '2026-03-27',
}

function change(overrides: Partial<LevelChange> = {}): LevelChange {
  return {
    profileIri: PROFILE,
    actor: {
      name: 'Nguyễn Thị Lan',
      account: { homePage: 'https://lms.example.edu.vn', name: '42' },
    },
    personId: PERSON,
    component: COMPONENT,
    level: { code: 'TT' },
    previous: { code: 'CB' },
    topLevel: false,
    evidenceCount: 5,
    sequence: 2,
    timestamp: AT,
    ...overrides,
  }
}

function reached(overrides: Partial<DescriptorReached> = {}): DescriptorReached {
  return {
    profileIri: PROFILE,
    actor: { mbox: 'mailto:lan@example.edu.vn' },
    personId: PERSON,
    component: COMPONENT,
    descriptor: {
      id: 'TT18.PT.1.1.CB.2',
      iri: 'urn:nls:TT18.PT.1.1.CB.2',
      text: { vi: 'Tìm kiếm được thông tin trên mạng', en: 'Searches for information online' },
    },
    evidenceCount: 1,
    sequence: 1,
    timestamp: AT,
    ...overrides,
  }
}

function expectValid(statement: ProgressStatement): void {
  expect(validateStatements(statement, { version: '1.0.3' })).toEqual({
    ok: true,
    statements: [statement],
  })
  // Plain JSON: nothing is lost or changed on the way to the LRS.
  expect(JSON.parse(JSON.stringify(statement))).toEqual(statement)
}

describe('levelChangeStatement', () => {
  it('builds the whole statement for a level going up', () => {
    expect(levelChangeStatement(change())).toEqual({
      id: uuidV5(`${PERSON}|TT18.PT.1.1|TT|2`, STATEMENT_NAMESPACE),
      actor: {
        objectType: 'Agent',
        name: 'Nguyễn Thị Lan',
        account: { homePage: 'https://lms.example.edu.vn', name: '42' },
      },
      verb: { id: PROGRESSED.id, display: { vi: 'tiến triển', en: 'progressed' } },
      object: {
        objectType: 'Activity',
        id: 'urn:nls:TT18.PT.1.1',
        definition: { type: COMPETENCY, name: COMPONENT.name },
      },
      result: { extensions: { [X.level]: 'TT', [X.previousLevel]: 'CB', [X.evidenceCount]: 5 } },
      context: {
        contextActivities: {
          category: [
            {
              id: 'https://nls.example.edu.vn/xapi/profile/v/1.0.0',
              definition: { type: PROFILE_ACTIVITY_TYPE },
            },
          ],
        },
        extensions: { [X.framework]: 'TT18', [X.frameworkVersion]: '2026-03-27' },
      },
      timestamp: '2026-11-20T01:30:00.000Z',
    })
  })

  // [case, input, verb, level extension, previous-level extension (undefined: absent)]
  it.each<[string, Partial<LevelChange>, string, string, string | undefined]>([
    ['up, CB to TT', {}, PROGRESSED.id, 'TT', 'CB'],
    [
      'up to the top, TT to NC',
      { level: { code: 'NC' }, previous: { code: 'TT' }, topLevel: true },
      MASTERED.id,
      'NC',
      'TT',
    ],
    [
      'straight to the top the first time',
      { level: { code: 'NC' }, previous: undefined, topLevel: true },
      MASTERED.id,
      'NC',
      undefined,
    ],
    [
      'down, NC to TT',
      { level: { code: 'TT' }, previous: { code: 'NC' } },
      PROGRESSED.id,
      'TT',
      'NC',
    ],
    ['down to no level', { level: null, previous: { code: 'CB' } }, PROGRESSED.id, 'none', 'CB'],
    [
      'the first time, no previous level',
      { level: { code: 'CB' }, previous: undefined, sequence: 1 },
      PROGRESSED.id,
      'CB',
      undefined,
    ],
    [
      'up from no level after losing one',
      { level: { code: 'CB' }, previous: null, sequence: 3 },
      PROGRESSED.id,
      'CB',
      'none',
    ],
  ])('%s: a valid xAPI 1.0.3 statement', (_case, input, verb, level, previous) => {
    const statement = levelChangeStatement(change(input))
    expectValid(statement)
    expect(statement.verb.id).toBe(verb)
    expect(statement.result.extensions[X.level]).toBe(level)
    expect(statement.result.extensions[X.previousLevel]).toBe(previous)
    expect(Object.hasOwn(statement.result.extensions, X.previousLevel)).toBe(previous !== undefined)
  })

  it('is of the Statement type of statements/xapi (checked by tsc)', () => {
    const typed: Statement = levelChangeStatement(change())
    const withParent: Statement = descriptorReachedStatement(reached())
    expect([typed, withParent]).toHaveLength(2)
  })

  it('writes an override by a trainer as a context extension', () => {
    const override = { reason: 'Quan sát trực tiếp giờ dạy', by: OTHER_PERSON }
    const statement = levelChangeStatement(change({ override }))
    expectValid(statement)
    expect(statement.context.extensions[X.override]).toEqual(override)
    expect(levelChangeStatement(change()).context.extensions).not.toHaveProperty([X.override])
  })

  it('copies an mbox actor, and nothing of the caller that is not an Agent property', () => {
    const actor = { mbox: 'mailto:lan@example.edu.vn', role: 'teacher' } as ProgressActor
    const statement = levelChangeStatement(change({ actor }))
    expectValid(statement)
    expect(statement.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:lan@example.edu.vn' })
  })

  it('writes the name in Vietnamese only when the framework has no English', () => {
    const component = { ...COMPONENT, name: { vi: 'Khai thác dữ liệu và thông tin' } }
    const statement = levelChangeStatement(change({ component }))
    expectValid(statement)
    expect(statement.object.definition.name).toEqual({ vi: 'Khai thác dữ liệu và thông tin' })
  })

  it('puts the profile version, not the profile, in category (xAPI Profiles §5)', () => {
    const [category] = levelChangeStatement(change()).context.contextActivities.category
    expect(category?.id).toBe(TERMS.version)
    expect(category?.id).not.toBe(PROFILE)
  })

  describe('id', () => {
    it('is the UUID v5 of person, component, level and sequence', () => {
      // Computed apart with Python: uuid.uuid5(UUID(namespace), name).
      expect(levelChangeStatement(change()).id).toBe('9e7998b0-b022-50a9-bb0a-dd21ade496de')
      expect(levelChangeStatement(change()).id).toMatch(UUID_V5)
    })

    it('is the same for the same change, whatever else differs', () => {
      const first = levelChangeStatement(change()).id
      expect(levelChangeStatement(change()).id).toBe(first)
      const retried = change({ timestamp: new Date('2026-12-01T00:00:00Z'), evidenceCount: 9 })
      expect(levelChangeStatement(retried).id).toBe(first)
    })

    it.each<[string, Partial<LevelChange>]>([
      ['level', { level: { code: 'NC' }, topLevel: true }],
      ['level (none)', { level: null }],
      ['sequence', { sequence: 3 }],
      ['person', { personId: OTHER_PERSON }],
      ['component', { component: { ...COMPONENT, id: 'TT18.PT.1.2' } }],
    ])('differs when the %s differs', (_what, input) => {
      expect(levelChangeStatement(change(input)).id).not.toBe(levelChangeStatement(change()).id)
    })
  })

  describe('refuses our own misuse with a TypeError', () => {
    it.each<[string, Partial<LevelChange>, string]>([
      ['sequence 0', { sequence: 0 }, '"sequence" must be an integer from 1'],
      ['a fractional sequence', { sequence: 1.5 }, '"sequence" must be an integer from 1'],
      ['a negative evidence count', { evidenceCount: -1 }, '"evidenceCount" must be an integer'],
      ['an invalid date', { timestamp: new Date('nope') }, '"timestamp" is an invalid Date'],
      ['top level without a level', { level: null, topLevel: true }, '"topLevel" is true'],
      ['no change', { previous: { code: 'TT' } }, 'the level stays TT'],
      ['no change from none', { level: null, previous: null }, 'the level stays none'],
      ['"|" in an id', { component: { ...COMPONENT, id: 'TT18|x' } }, 'must not contain "|"'],
      ['a relative profile IRI', { profileIri: '/xapi/profile' }, 'absolute IRI'],
      ['a trailing slash', { profileIri: `${PROFILE}/` }, 'without a trailing slash'],
    ])('%s', (_case, input, message) => {
      expect(() => levelChangeStatement(change(input))).toThrow(TypeError)
      expect(() => levelChangeStatement(change(input))).toThrow(message)
    })

    it.each<[string, unknown]>([
      [
        'two identifiers',
        { mbox: 'mailto:a@b.vn', account: { homePage: 'https://x.vn', name: '1' } },
      ],
      ['no identifier', { name: 'Lan' }],
    ])('an actor with %s', (_case, actor) => {
      const input = change({ actor: actor as ProgressActor })
      expect(() => levelChangeStatement(input)).toThrow('exactly one identifier')
    })
  })
})

describe('descriptorReachedStatement', () => {
  it('builds a satisfied statement about the descriptor, its component as parent', () => {
    const statement = descriptorReachedStatement(reached())
    expectValid(statement)
    expect(statement.verb).toEqual({
      id: SATISFIED.id,
      display: { vi: 'đáp ứng', en: 'satisfied' },
    })
    expect(statement.object).toEqual({
      objectType: 'Activity',
      id: 'urn:nls:TT18.PT.1.1.CB.2',
      definition: { type: COMPETENCY, name: reached().descriptor.text },
    })
    expect(statement.context.contextActivities.parent).toEqual([
      {
        objectType: 'Activity',
        id: 'urn:nls:TT18.PT.1.1',
        definition: { type: COMPETENCY, name: COMPONENT.name },
      },
    ])
    expect(statement.result).toEqual({ extensions: { [X.evidenceCount]: 1 } })
    expect(statement.context.extensions).toEqual({
      [X.framework]: 'TT18',
      [X.frameworkVersion]: '2026-03-27',
    })
  })

  it('writes an override', () => {
    const override = { reason: 'Minh chứng nộp trực tiếp', by: OTHER_PERSON }
    const statement = descriptorReachedStatement(reached({ override }))
    expectValid(statement)
    expect(statement.context.extensions[X.override]).toEqual(override)
  })

  it('has a stable id of person, descriptor and sequence, apart from level statements', () => {
    const id = descriptorReachedStatement(reached()).id
    expect(id).toMatch(UUID_V5)
    expect(id).toBe(uuidV5(`${PERSON}|TT18.PT.1.1.CB.2|1`, STATEMENT_NAMESPACE))
    expect(descriptorReachedStatement(reached({ evidenceCount: 4 })).id).toBe(id)
    expect(descriptorReachedStatement(reached({ sequence: 2 })).id).not.toBe(id)
    expect(descriptorReachedStatement(reached({ personId: OTHER_PERSON })).id).not.toBe(id)
    const other = { ...reached().descriptor, id: 'TT18.PT.1.1.CB.3' }
    expect(descriptorReachedStatement(reached({ descriptor: other })).id).not.toBe(id)
    expect(levelChangeStatement(change({ sequence: 1 })).id).not.toBe(id)
  })

  it('refuses a "|" in the descriptor id', () => {
    const descriptor = { ...reached().descriptor, id: 'TT18|CB' }
    expect(() => descriptorReachedStatement(reached({ descriptor }))).toThrow(TypeError)
  })
})

describe('uuidV5', () => {
  it('gives the RFC 9562 test vector (Appendix A.4)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
  })

  it('hashes the name as UTF-8 and accepts an upper-case namespace', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_URL, 'http://example.com/ä')
    expect(uuidV5('http://example.com/ä', '6BA7B811-9DAD-11D1-80B4-00C04FD430C8')).toBe(
      '5061b96d-0fc2-5060-bb4f-e90e713a78f4',
    )
  })

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(TypeError)
  })
})
