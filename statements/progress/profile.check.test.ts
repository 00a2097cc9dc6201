// checkStatementTemplate and templateFor (xAPI Profiles Part Two §8, Part Three §2.1), on the
// statements our builders make and on statements broken one rule at a time.

import {
  checkStatementTemplate,
  nlsProfile,
  templateFor,
  type StatementTemplate,
  type TemplateRule,
} from './profile.ts'
import { levelChangeStatement, type ProgressStatement } from './progress-statement.ts'
import { MASTERED, PROGRESSED, profileTerms } from './vocabulary.ts'
import {
  change,
  changeInput,
  DESCRIPTOR,
  DOC,
  OVERRIDE,
  PROFILE,
  STATEMENTS,
  TERMS,
  X,
} from './sample-statements.ts'

function template(id: string): StatementTemplate {
  const found = DOC.templates.find((t) => t.id === id)
  if (found === undefined) throw new Error(`no template ${id}`)
  return found
}

// `any`: the tests break statements at any depth, which typed access would only obscure.
/* eslint-disable-next-line @typescript-eslint/no-explicit-any */
type Editable = Record<string, any>

/** A statement as plain JSON, to break. */
function json(statement: ProgressStatement): Editable {
  return structuredClone(statement) as Editable
}

describe('templateFor and checkStatementTemplate', () => {
  it.each(STATEMENTS)('%s: claims its template by verb and follows it', (_case, s, id) => {
    expect(templateFor(s, DOC)?.id).toBe(id)
    expect(checkStatementTemplate(s, template(id))).toEqual([])
  })

  it('finds no template for a verb the profile does not use', () => {
    const other = { ...change(), verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } }
    expect(templateFor(other, DOC)).toBeUndefined()
    expect(templateFor({}, DOC)).toBeUndefined()
  })

  it('reports a missing level extension', () => {
    const s = json(change())
    delete s.result.extensions[X.level]
    expect(checkStatementTemplate(s, template(TERMS.templates.levelChanged))).toEqual([
      {
        location: `$.result.extensions['${X.level}']`,
        message: expect.stringContaining('is missing: presence "included"'),
      },
    ])
  })

  it('reports the wrong verb for a template', () => {
    const problems = checkStatementTemplate(change(), template(TERMS.templates.levelMastered))
    expect(problems).toEqual([
      {
        location: '$.verb.id',
        message: `is "${PROGRESSED.id}": the template needs the verb ${MASTERED.id} (a Determining Property, xAPI Profiles §8)`,
      },
    ])
  })

  it('reports a statement without a verb as absent', () => {
    const s = json(change())
    delete s.verb
    expect(checkStatementTemplate(s, template(TERMS.templates.levelChanged))).toEqual([
      {
        location: '$.verb.id',
        message: `is absent: the template needs the verb ${PROGRESSED.id} (a Determining Property, xAPI Profiles §8)`,
      },
    ])
  })

  it('reports a statement without the profile in category', () => {
    const s = json(change())
    delete s.context.contextActivities.category
    expect(checkStatementTemplate(s, template(TERMS.templates.levelChanged))).toEqual([
      {
        location: '$.context.contextActivities.category[*].definition.type',
        message: expect.stringContaining('lacks http://adlnet.gov/expapi/activities/profile'),
      },
      {
        location: '$.context.contextActivities.category[*].id',
        message: `is absent: must include one of "${TERMS.version}" (§8.1 "any")`,
      },
    ])
  })

  it('reports another version of the profile in category', () => {
    const s = json(change())
    s.context.contextActivities.category[0].id = `${PROFILE}/v/0.9.0`
    const problems = checkStatementTemplate(s, template(TERMS.templates.levelChanged))
    expect(problems.map((p) => p.location)).toEqual(['$.context.contextActivities.category[*].id'])
  })

  it('reports "none" as the level of a mastered statement', () => {
    const s = json(change({ level: { code: 'NC' }, topLevel: true }))
    s.result.extensions[X.level] = 'none'
    expect(checkStatementTemplate(s, template(TERMS.templates.levelMastered))).toEqual([
      {
        location: `$.result.extensions['${X.level}']`,
        message: 'must not be "none" (§8.1 "none")',
      },
    ])
  })

  it('reports a level on a descriptor statement, and a missing parent', () => {
    const s = json(DESCRIPTOR)
    s.result.extensions[X.level] = 'CB'
    delete s.context.contextActivities.parent
    const problems = checkStatementTemplate(s, template(TERMS.templates.descriptorReached))
    expect(problems.map((p) => p.location)).toEqual([
      '$.context.contextActivities.parent[*].definition.type',
      '$.context.contextActivities.parent[*].id',
      `$.result.extensions['${X.level}']`,
    ])
    expect(problems[2]?.message).toBe('must be absent (presence "excluded"), found "CB" (§8.1)')
  })

  it('reports another object type, and a missing timestamp, id and Vietnamese name', () => {
    const s = json(change())
    s.object.definition = { type: 'http://adlnet.gov/expapi/activities/course', name: { en: 'x' } }
    delete s.timestamp
    delete s.id
    const problems = checkStatementTemplate(s, template(TERMS.templates.levelChanged))
    expect(problems.map((p) => p.location)).toEqual([
      '$.object.definition.type',
      '$.id',
      '$.timestamp',
      '$.object.definition.name.vi',
    ])
  })

  it('accepts a single category Activity, as after normalization (§8.1)', () => {
    const s = json(change())
    s.context.contextActivities.category = s.context.contextActivities.category[0]
    expect(checkStatementTemplate(s, template(TERMS.templates.levelChanged))).toEqual([])
  })

  it('accepts more category activities than the template needs (a superset)', () => {
    const s = json(change())
    s.context.contextActivities.category.unshift({ id: 'https://w3id.org/xapi/tla/v0.10' })
    expect(checkStatementTemplate(s, template(TERMS.templates.levelChanged))).toEqual([])
  })
})

describe('Statement Template Rules (§8.1, Part Three §2.1)', () => {
  const rule = (r: TemplateRule): StatementTemplate => ({
    ...template(TERMS.templates.levelChanged),
    verb: undefined,
    objectActivityType: undefined,
    contextCategoryActivityType: undefined,
    rules: [r],
  })
  const check = (r: TemplateRule, statement: object = change()) =>
    checkStatementTemplate(statement, rule(r)).map((p) => p.message)
  const override = `$.context.extensions['${X.override}']`
  const withOverride = change({ override: OVERRIDE })

  it('applies any, all and none of a recommended rule only when there are values', () => {
    expect(check({ location: override, presence: 'recommended', any: ['x'] })).toEqual([])
    expect(
      check({ location: override, presence: 'recommended', any: ['x'] }, withOverride),
    ).toEqual([expect.stringContaining('must include one of "x"')])
  })

  it('applies any, all and none without presence even to no values', () => {
    expect(check({ location: override, any: ['x'] })).toEqual([
      'is absent: must include one of "x" (§8.1 "any")',
    ])
    expect(check({ location: override, all: ['x'] })).toEqual([])
    expect(check({ location: override, none: ['x'] })).toEqual([])
  })

  it('compares object values deeply', () => {
    expect(check({ location: override, any: [{ ...OVERRIDE }] }, withOverride)).toEqual([])
    expect(check({ location: override, none: [{ ...OVERRIDE }] }, withOverride)).toHaveLength(1)
  })

  it('checks every value against all', () => {
    const location = '$.context.contextActivities.category[*].id'
    const s = json(change())
    s.context.contextActivities.category.push({ id: 'https://example.org/other' })
    expect(check({ location, all: [TERMS.version] })).toEqual([])
    expect(check({ location, all: [TERMS.version] }, s)).toEqual([
      `holds "https://example.org/other": every value must be one of "${TERMS.version}" (§8.1 "all")`,
    ])
  })

  it('applies a selector to each value; finding nothing there fails included and all', () => {
    expect(
      check({ location: override, selector: '$.reason', presence: 'included' }, withOverride),
    ).toEqual([])
    const missing = {
      location: override,
      selector: '$.note',
      presence: 'included',
      all: ['x'],
    } as const
    expect(check(missing, withOverride)).toEqual([
      'has a value where the selector $.note finds nothing (§8.1)',
      'has a value where the selector $.note finds nothing (§8.1 "all")',
    ])
  })

  it('refuses a rule without presence, any, all or none', () => {
    expect(() => check({ location: '$.id' })).toThrow(TypeError)
  })

  it.each([
    ['[0] and a path without $', 'context.contextActivities.category[0].id'],
    ["['key']", "$['id']"],
    ['[*] on an object', '$.result.extensions[*]'],
  ])('reads %s', (_case, location) => {
    expect(check({ location, presence: 'included' })).toEqual([])
  })

  it("reads ['key'] with an escaped quote, as in an IRI with a quote", () => {
    const profileIri = "https://nls.example.edu.vn/o'clock/xapi/profile"
    const doc = nlsProfile(profileIri)
    const quoted = levelChangeStatement({ ...changeInput(), profileIri })
    expect(doc.templates[0]?.rules).toContainEqual({
      location:
        "$.result.extensions['https://nls.example.edu.vn/o\\'clock/xapi/profile/extensions/level']",
      presence: 'included',
    })
    expect(checkStatementTemplate(quoted, doc.templates[0] as StatementTemplate)).toEqual([])
    const s = json(quoted)
    delete s.result.extensions[profileTerms(profileIri).extensions.level]
    expect(checkStatementTemplate(s, doc.templates[0] as StatementTemplate)).toHaveLength(1)
  })

  it('finds nothing past the end of an array or through a string', () => {
    expect(
      check({ location: '$.context.contextActivities.category[5]', presence: 'excluded' }),
    ).toEqual([])
    expect(check({ location: '$.id.length', presence: 'excluded' })).toEqual([])
    expect(check({ location: "$['it\\'s']", presence: 'excluded' })).toEqual([])
  })

  it.each([
    '$..id',
    '$.context[?(@.x)]',
    '$.verb[0,1]',
    '$.id | $.verb',
    '$.*',
    '$.a[1:2]',
    '$[id]',
  ])('throws on JSONPath it does not support: %s', (location) => {
    expect(() => check({ location, presence: 'included' })).toThrow(TypeError)
    expect(() => check({ location, presence: 'included' })).toThrow('supported here')
  })
})
