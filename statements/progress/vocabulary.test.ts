import {
  EXTENSIONS,
  MASTERED,
  PROFILE_VERSION,
  PROGRESSED,
  REUSED_CONCEPTS,
  SATISFIED,
  profileTerms,
} from './vocabulary.ts'

const PROFILE = 'https://nls.example.edu.vn/xapi/profile'

describe('profileTerms', () => {
  it('names our extensions under the profile IRI and templates under the version', () => {
    expect(profileTerms(PROFILE)).toEqual({
      profile: PROFILE,
      version: `${PROFILE}/v/1.0.0`,
      extensions: {
        level: `${PROFILE}/extensions/level`,
        previousLevel: `${PROFILE}/extensions/previous-level`,
        evidenceCount: `${PROFILE}/extensions/evidence-count`,
        framework: `${PROFILE}/extensions/framework`,
        frameworkVersion: `${PROFILE}/extensions/framework-version`,
        override: `${PROFILE}/extensions/override`,
      },
      templates: {
        levelChanged: `${PROFILE}/v/1.0.0/templates/level-changed`,
        levelMastered: `${PROFILE}/v/1.0.0/templates/level-mastered`,
        descriptorReached: `${PROFILE}/v/1.0.0/templates/descriptor-reached`,
      },
      patterns: {
        progress: `${PROFILE}/v/1.0.0/patterns/progress`,
        anyProgress: `${PROFILE}/v/1.0.0/patterns/any-progress`,
      },
    })
  })

  it('uses the current profile version unless told another', () => {
    expect(profileTerms(PROFILE).version).toBe(`${PROFILE}/v/${PROFILE_VERSION.version}`)
    expect(profileTerms(PROFILE, '2.0.0-rc.1').version).toBe(`${PROFILE}/v/2.0.0-rc.1`)
  })

  it.each([
    ['a relative IRI', '/xapi/profile'],
    ['a trailing slash', `${PROFILE}/`],
    ['whitespace', 'https://nls.example.edu.vn/x api/profile'],
    ['nothing', ''],
  ])('refuses %s as the profile IRI', (_case, iri) => {
    expect(() => profileTerms(iri)).toThrow(TypeError)
  })

  it.each(['', '1.0/2', 'v 1', '.1'])('refuses %j as a version', (version) => {
    expect(() => profileTerms(PROFILE, version)).toThrow(TypeError)
  })
})

describe('vocabulary', () => {
  it('uses the ADL verbs of DESIGN.md and the satisfied verb, each with vi and en display', () => {
    expect(PROGRESSED.id).toBe('http://adlnet.gov/expapi/verbs/progressed')
    expect(MASTERED.id).toBe('http://adlnet.gov/expapi/verbs/mastered')
    expect(SATISFIED.id).toBe('https://w3id.org/xapi/adl/verbs/satisfied')
    for (const verb of [PROGRESSED, MASTERED, SATISFIED]) {
      expect(verb.display).toEqual({ vi: expect.any(String), en: expect.any(String) })
    }
  })

  it('lists each reused concept once, with the vocabulary that defines it', () => {
    const ids = REUSED_CONCEPTS.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const concept of REUSED_CONCEPTS) expect(concept.definedBy).toMatch(/^https?:\/\//)
  })

  it('gives every extension a distinct path and a JSON Schema', () => {
    const paths = Object.values(EXTENSIONS).map((e) => e.path)
    expect(new Set(paths).size).toBe(paths.length)
    for (const extension of Object.values(EXTENSIONS)) {
      expect(extension.path).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(typeof extension.schema.type).toBe('string')
      expect(extension.verbs.length).toBeGreaterThan(0)
    }
  })

  it('dates the profile version in ISO 8601 UTC', () => {
    expect(new Date(PROFILE_VERSION.generatedAtTime).toISOString()).toBe('2026-11-22T00:00:00.000Z')
  })
})
