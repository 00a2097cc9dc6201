// The profile document (xAPI Profiles Part Two §4–§9). Checking statements against its
// templates: profile.check.test.ts.

import { nlsProfile } from './profile.ts'
import { MASTERED, PROFILE_VERSION, PROGRESSED, REUSED_CONCEPTS, SATISFIED } from './vocabulary.ts'
import { DOC, PROFILE, STATEMENTS, TERMS, X } from './sample-statements.ts'

describe('nlsProfile', () => {
  it('is a Profile document (xAPI Profiles §6)', () => {
    expect(DOC).toMatchObject({
      '@context': 'https://w3id.org/xapi/profiles/context',
      id: PROFILE,
      type: 'Profile',
      conformsTo: 'https://w3id.org/xapi/profiles#1.0',
      versions: [{ id: `${PROFILE}/v/1.0.0`, generatedAtTime: PROFILE_VERSION.generatedAtTime }],
      author: { type: 'Organization', name: 'NLS' },
    })
    expect(DOC.versions[0]?.id).not.toBe(DOC.id)
    expect(new Date(DOC.versions[0]?.generatedAtTime ?? '').toISOString()).toBe(
      PROFILE_VERSION.generatedAtTime.replace('Z', '.000Z'),
    )
    expect(JSON.parse(JSON.stringify(DOC))).toEqual(DOC)
  })

  it('puts every concept, template and pattern in the scheme of this version', () => {
    const members = [...DOC.concepts, ...DOC.templates, ...DOC.patterns]
    expect(members.map((m) => m.inScheme)).toEqual(members.map(() => TERMS.version))
    const ids = members.map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('labels the profile, concepts, templates and the primary pattern in vi and en', () => {
    const labelled = [
      DOC,
      ...DOC.concepts,
      ...DOC.templates,
      ...DOC.patterns.filter((p) => p.primary),
    ]
    for (const item of labelled) {
      for (const map of [item.prefLabel, item.definition]) {
        expect(map).toEqual({ vi: expect.any(String), en: expect.any(String) })
      }
    }
  })

  it('holds no empty or null value and only absolute IRIs (§4)', () => {
    const walk = (value: unknown, key: string): void => {
      expect(value).not.toBeNull()
      expect(value).not.toBe('')
      if (Array.isArray(value)) {
        expect(value.length).toBeGreaterThan(0)
        value.forEach((item) => walk(item, key))
      } else if (typeof value === 'object' && value !== null) {
        expect(Object.keys(value).length).toBeGreaterThan(0)
        Object.entries(value).forEach(([k, v]) => walk(v, k))
      } else if (IRI_KEYS.has(key)) {
        expect(String(value)).toMatch(/^https?:\/\/[^\s/]+\/\S*$/)
      }
    }
    walk(DOC, '')
  })

  it('defines each extension the statements use, of the right kind (§7.2)', () => {
    for (const [, statement] of STATEMENTS) {
      for (const [where, type] of [
        [statement.result.extensions, 'ResultExtension'],
        [statement.context.extensions, 'ContextExtension'],
      ] as const) {
        for (const key of Object.keys(where)) {
          expect(DOC.concepts.find((c) => c.id === key)?.type).toBe(type)
        }
      }
    }
    expect(DOC.concepts.map((c) => c.id).sort()).toEqual(Object.values(X).sort())
  })

  it('gives each extension a JSON Schema its values in our statements meet', () => {
    for (const concept of DOC.concepts) {
      const schema = JSON.parse(concept.inlineSchema) as { type: string }
      const values = STATEMENTS.flatMap(([, s]) =>
        [s.result.extensions[concept.id], s.context.extensions[concept.id]].filter(
          (v) => v !== undefined,
        ),
      )
      expect(values.length).toBeGreaterThan(0)
      for (const value of values) {
        const type = Number.isInteger(value) ? 'integer' : typeof value
        expect(type).toBe(schema.type)
      }
    }
  })

  it('reuses the verbs and activity types of other profiles without defining them (§7)', () => {
    const reused = new Map<string, string>(REUSED_CONCEPTS.map((c) => [c.id, c.type]))
    const ours = new Set(DOC.concepts.map((c) => c.id))
    for (const id of reused.keys()) expect(ours.has(id)).toBe(false)
    for (const t of DOC.templates) {
      expect(reused.get(t.verb ?? '')).toBe('Verb')
      const types = [t.objectActivityType, ...(t.contextCategoryActivityType ?? [])]
      for (const type of [...types, ...(t.contextParentActivityType ?? [])]) {
        expect(reused.get(type ?? '')).toBe('ActivityType')
      }
    }
    for (const [, statement] of STATEMENTS) {
      expect(reused.get(statement.verb.id)).toBe('Verb')
      expect(reused.get(statement.object.definition.type)).toBe('ActivityType')
    }
    for (const concept of DOC.concepts) {
      for (const verb of concept.recommendedVerbs) expect(reused.get(verb)).toBe('Verb')
    }
  })

  it('has one template per verb and a primary pattern over all templates (§9)', () => {
    expect(DOC.templates.map((t) => t.verb)).toEqual([PROGRESSED.id, MASTERED.id, SATISFIED.id])
    const [primary, any] = DOC.patterns
    expect(primary).toMatchObject({ primary: true, oneOrMore: any?.id })
    expect(any?.alternates).toEqual(DOC.templates.map((t) => t.id))
  })

  it('changes template ids with the version (§8), not extension ids', () => {
    const next = nlsProfile(PROFILE, { version: '1.1.0', generatedAtTime: '2027-01-01T00:00:00Z' })
    expect(next.versions[0]?.id).toBe(`${PROFILE}/v/1.1.0`)
    expect(next.templates.map((t) => t.inScheme)).toEqual(
      next.templates.map(() => next.versions[0]?.id),
    )
    for (const [i, t] of next.templates.entries()) expect(t.id).not.toBe(DOC.templates[i]?.id)
    expect(next.concepts.map((c) => c.id)).toEqual(DOC.concepts.map((c) => c.id))
  })
})

const IRI_KEYS = new Set([
  'id',
  'inScheme',
  'verb',
  'objectActivityType',
  'contextCategoryActivityType',
  'contextParentActivityType',
  'recommendedVerbs',
  'alternates',
  'oneOrMore',
  'conformsTo',
  '@context',
])
