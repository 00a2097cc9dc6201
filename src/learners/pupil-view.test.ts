import { shippedCatalog } from '../../framework/index.ts'
import {
  type ComponentEvidence,
  missingText,
  nextActivities,
  pupilDomains,
  webAddress,
} from './pupil-view.ts'

const catalog = shippedCatalog()
const table = catalog.getOf('TT02.NH', 'audience')
const { framework, audience } = table

/** A component held at `level`, each level up to it met by one statement of `tagId`. */
function held(componentId: string, level: string | null, tagId = 'tag-1'): ComponentEvidence {
  const codes = framework.levels.map((l) => l.code)
  const upTo = level === null ? -1 : codes.indexOf(level)
  return {
    componentId,
    level,
    levels: codes.map((code, i) => ({
      code,
      criteria: [
        {
          met: i <= upTo,
          sources: i <= upTo ? [{ tagId, statements: [{ id: `st-${code}` }] }] : [],
        },
      ],
    })),
  }
}

const named = (tagId: string) => ({ key: tagId, name: `Bài ${tagId}` })

describe('pupilDomains', () => {
  it('gives six domains, each at the lowest of its components’ levels, toward the goal', () => {
    const domain1 = audience.components.filter((c) => c.domain.id === 'TT02.NH.1')
    const evidence = domain1.map((c, i) => held(c.id, i === 0 ? 'TC1' : 'CB2'))
    const domains = pupilDomains(framework, audience, evidence, 'TC1', named)
    expect(domains).toHaveLength(6)
    expect(domains[0]).toMatchObject({ level: 'CB2', reached: false })
    expect(domains[0]!.fill).toBeCloseTo(2 / 3)
    expect(domains[1]).toMatchObject({ level: null, fill: 0, reached: false })
    expect(domains[0]!.components[0]).toMatchObject({ level: 'TC1' })
  })

  it('fills the bar at the goal and says the goal is reached', () => {
    const evidence = audience.components
      .filter((c) => c.domain.id === 'TT02.NH.2')
      .map((c) => held(c.id, 'TC2'))
    const [, second] = pupilDomains(framework, audience, evidence, 'TC1', named)
    expect(second).toMatchObject({ level: 'TC2', fill: 1, reached: true })
  })

  it('without a goal, measures toward the top level and reaches nothing', () => {
    const evidence = audience.components.map((c) => held(c.id, 'CS2'))
    const domains = pupilDomains(framework, audience, evidence, undefined, named)
    expect(domains.every((d) => d.fill === 1 && !d.reached)).toBe(true)
  })

  it('names the activities behind the levels reached, each once', () => {
    const evidence = [held('TT02.NH.1.1', 'CB2', 'quiz')]
    const [first] = pupilDomains(framework, audience, evidence, 'TC1', (tagId) => named(tagId))
    expect(first!.components[0]!.activities).toEqual([{ key: 'quiz', name: 'Bài quiz' }])
    expect(first!.components[1]!.activities).toEqual([])
  })
})

describe('nextActivities', () => {
  const tag = (id: string, competencyIds: string[], iri = `https://lms.example/${id}`) => ({
    id,
    competencyIds,
    activity: { name: `Bài ${id}`, iri },
  })
  const levels: Record<string, string> = { 'TT02.NH.1.1': 'TC1' }
  const levelOf = (id: string) => levels[id]

  it('lists activities above the pupil’s level, nearest first, each once, at most the limit', () => {
    const next = nextActivities(
      catalog,
      'TT02.NH',
      [
        tag('far', ['TT02.NH.1.1.NC1']),
        tag('done', ['TT02.NH.1.1.CB1', 'TT02.NH.1.1.TC1']),
        tag('near', ['TT02.NH.1.1.TC2', 'TT02.NH.1.1.NC2']),
        tag('new', ['TT02.NH.2.1.CB1'], 'urn:bai:new'),
        tag('teachers', ['TT18.PT.1.1.CB']),
      ],
      levelOf,
    )
    expect(next.map((n) => [n.key, n.componentId, n.level, n.steps])).toEqual([
      ['urn:bai:new', 'TT02.NH.2.1', 'CB1', 1],
      ['https://lms.example/near', 'TT02.NH.1.1', 'TC2', 1],
      ['https://lms.example/far', 'TT02.NH.1.1', 'NC1', 2],
    ])
    expect(next[0]).not.toHaveProperty('url')
    expect(next[1]!.url).toBe('https://lms.example/near')
    expect(nextActivities(catalog, 'TT02.NH', [tag('a', ['TT02.NH.3.1.CB1'])], levelOf, 0)).toEqual(
      [],
    )
  })

  it('gives nothing for a table that is not one', () => {
    expect(nextActivities(catalog, 'TT02.XX', [tag('a', ['TT02.NH.1.1.CB1'])], levelOf)).toEqual([])
  })
})

describe('webAddress and missingText', () => {
  it('links web addresses only', () => {
    expect(webAddress('https://lms.example/x')).toBe('https://lms.example/x')
    expect(webAddress('urn:bai:1')).toBeUndefined()
    expect(webAddress(undefined)).toBeUndefined()
  })

  it('says the shipped learners’ table has no official text, and the teachers’ has it', () => {
    expect(missingText(audience)).toBe(true)
    expect(missingText(catalog.getOf('TT18.PT', 'audience').audience)).toBe(false)
  })
})
