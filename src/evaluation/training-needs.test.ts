import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { inferenceModel } from '../inference/index.ts'
import { type NeedsInput, trainingNeeds } from './training-needs.ts'

const catalog = shippedCatalog()
const model = inferenceModel(catalog)
const cb11 = catalog.requiredDescriptors('TT18.PT.1.1', 'CB').map((d) => d.id)
const tt11 = catalog.getOf('TT18.PT.1.1.TT', 'level').level.descriptors.map((d) => d.id)

const base: NeedsInput = {
  components: [{ componentId: 'TT18.PT.1.1', level: 'CB', met: new Set(cb11) }],
  own: new Map(),
  school: {},
  audienceOf: (id) => (id.startsWith('TT18.PT.') ? 'TT18.PT' : undefined),
  activities: [],
}

describe('trainingNeeds', () => {
  it('aims at Cơ bản by default when neither the school nor the person set a target', () => {
    expect(trainingNeeds(model, base)).toEqual([
      {
        componentId: 'TT18.PT.1.1',
        level: 'CB',
        target: 'CB',
        source: 'default',
        gap: 0,
        missing: [],
        activities: [],
      },
    ])
  })

  it('counts the gap to the default Cơ bản, and its criteria, from no level', () => {
    const [need] = trainingNeeds(model, {
      ...base,
      components: [{ componentId: 'TT18.PT.1.1', level: null, met: new Set([cb11[0]!]) }],
    })
    expect(need).toMatchObject({ target: 'CB', source: 'default', gap: 1, missing: cb11.slice(1) })
  })

  it('has no target only for a component the framework does not know', () => {
    const [need] = trainingNeeds(model, {
      ...base,
      components: [{ componentId: 'TT18.PT.99.9', level: null, met: new Set() }],
    })
    expect(need).toMatchObject({ target: null, source: 'none', gap: 0, missing: [] })
  })

  it("takes the school's target for the whole table, and the gap to it", () => {
    const [need] = trainingNeeds(model, { ...base, school: { 'TT18.PT': 'TT' } })
    expect(need).toMatchObject({ target: 'TT', source: 'school', gap: 1, missing: tt11 })
  })

  it("prefers the component's own school entry, then the person's own target", () => {
    const school = { 'TT18.PT': 'TT', 'TT18.PT.1.1': 'CB' }
    expect(trainingNeeds(model, { ...base, school })[0]).toMatchObject({ target: 'CB', gap: 0 })
    const own = new Map([['TT18.PT.1.1', 'NC']])
    expect(trainingNeeds(model, { ...base, school, own })[0]).toMatchObject({
      target: 'NC',
      source: 'me',
      gap: 2,
    })
  })

  it('counts missing criteria cumulatively from no level', () => {
    const [need] = trainingNeeds(model, {
      ...base,
      components: [{ componentId: 'TT18.PT.1.1', level: null, met: new Set([cb11[0]!]) }],
      own: new Map([['TT18.PT.1.1', 'TT']]),
    })
    expect(need!.gap).toBe(2)
    expect(need!.missing).toEqual([...cb11.slice(1), ...tt11])
  })

  it('points to the activities tagged with a missing criterion, by descriptor or by level', () => {
    const [need] = trainingNeeds(model, {
      ...base,
      school: { 'TT18.PT': 'TT' },
      activities: [
        {
          tagId: 'a',
          name: 'Soạn giáo án số',
          iri: 'https://lms/mod/assign/view.php?id=3',
          competencyIds: [tt11[0]!],
        },
        { tagId: 'b', prefix: 'https://lms/mod/h5p/', competencyIds: ['TT18.PT.1.1.TT'] },
        { tagId: 'c', name: 'Đã đạt', competencyIds: ['TT18.PT.1.1.CB'] },
        { tagId: 'd', name: 'Khác', competencyIds: ['TT18.PT.2.1.TT'] },
      ],
    })
    expect(need!.activities).toEqual([
      {
        activity: {
          tagId: 'a',
          name: 'Soạn giáo án số',
          iri: 'https://lms/mod/assign/view.php?id=3',
        },
        criteria: [tt11[0]],
      },
      { activity: { tagId: 'b', prefix: 'https://lms/mod/h5p/' }, criteria: tt11 },
    ])
  })

  it('points nowhere once the target is reached', () => {
    const [need] = trainingNeeds(model, {
      ...base,
      own: new Map([['TT18.PT.1.1', 'CB']]),
      activities: [{ tagId: 'c', name: 'x', competencyIds: ['TT18.PT.1.1.CB'] }],
    })
    expect(need).toMatchObject({ gap: 0, missing: [], activities: [] })
  })
})
