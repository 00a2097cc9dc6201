import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { DEFAULT_VERBS } from '../inference/index.ts'
import { readTagForm, tagFormOf, type TagForm } from './tag-form.ts'
import { listedVerbs, OFFERED_VERBS } from './tag-verbs.ts'

const catalog = shippedCatalog()
const SCORED = 'http://adlnet.gov/expapi/verbs/scored'
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed'
const ACTIVITY = { kind: 'new', activityId: '0b8e7c1e-6f4b-4c53-9d7f-3a1f0f1b2c3d' } as const
const form = (change: Partial<TagForm> = {}): TagForm => ({
  ...tagFormOf(['TT18.PT.1.1.CB']),
  ...change,
})

describe('readTagForm', () => {
  it('reads a percentage, a comma decimal and the ticked verbs into the API’s rule', () => {
    const read = readTagForm(
      catalog,
      form({ minScore: '80 %', weight: '0,5', count: '2', verb: [SCORED] }),
      ACTIVITY,
    )
    expect(read).toEqual({
      ok: true,
      competencyIds: ['TT18.PT.1.1.CB'],
      rule: {
        verbs: [SCORED],
        minScore: 0.8,
        requireSuccess: false,
        objectOnly: false,
        weight: 0.5,
        count: 2,
      },
    })
    expect(readTagForm(catalog, form({ minScore: '0.75' }), { kind: 'change' })).toMatchObject({
      ok: true,
      rule: { minScore: 0.75, verbs: [...DEFAULT_VERBS] },
    })
  })

  it('places every problem at its field: a non-number score, count 0, nothing ticked', () => {
    const read = readTagForm(
      catalog,
      form({ competency: [], minScore: 'tám mươi', count: '0', weight: '2', verb: [] }),
      ACTIVITY,
    )
    expect(read.ok).toBe(false)
    expect(!read.ok && read.problems).toEqual(
      expect.arrayContaining([
        { field: 'competency', key: 'competencyNone' },
        { field: 'minScore', key: 'minScore' },
        { field: 'count', key: 'count' },
        { field: 'weight', key: 'weight' },
        { field: 'verb', key: 'verbNone' },
      ]),
    )
    expect(!read.ok && read.problems).toHaveLength(5)
  })

  it('names an unknown competency and a count that is not whole', () => {
    const read = readTagForm(
      catalog,
      form({ competency: ['TT18.PT.1.1', 'TT18.PT.1.1.CB'], count: '1,5' }),
      { kind: 'change' },
    )
    expect(!read.ok && read.problems).toEqual([
      { field: 'count', key: 'count' },
      { field: 'competency', key: 'competencyUnknown', params: { id: 'TT18.PT.1.1' } },
    ])
  })

  it('places a bad target, which rides in hidden fields, at the activity', () => {
    const read = readTagForm(catalog, form(), { kind: 'new', activityIri: 'quiz 3' })
    expect(!read.ok && read.problems).toEqual([{ field: 'activity', key: 'activity' }])
  })

  it('keeps the gradebook choice of the tag, which the form does not show', () => {
    const read = readTagForm(catalog, form(), { kind: 'change' }, { gradebook: 'share' })
    expect(read.ok && read.rule.gradebook).toBe('share')
  })
})

describe('tagFormOf', () => {
  it('shows a saved share as a percentage and a new tag’s default verbs ticked', () => {
    expect(
      tagFormOf(['X'], { minScore: 0.855, count: 3, weight: 0.5, verbs: [COMPLETED] }),
    ).toEqual({
      competency: ['X'],
      minScore: '85.5',
      requireSuccess: false,
      objectOnly: false,
      count: '3',
      weight: '0.5',
      verb: [COMPLETED],
    })
    expect(tagFormOf([]).verb).toEqual([...DEFAULT_VERBS])
  })
})

describe('listedVerbs', () => {
  it('offers every default verb, and lists a verb the tag counts beyond them', () => {
    const ids = OFFERED_VERBS.map((v) => v.id)
    for (const verb of DEFAULT_VERBS) expect(ids).toContain(verb)
    const own = 'https://example.org/verbs/presented'
    expect(listedVerbs([COMPLETED, own]).at(-1)).toEqual({ id: own, key: 'other' })
    expect(listedVerbs([COMPLETED])).toHaveLength(OFFERED_VERBS.length)
  })
})
