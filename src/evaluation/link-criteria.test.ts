import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { inferenceModel, inferLevels, type EvidenceItem } from '../inference/index.ts'
import type { InferenceModel } from '../inference/model.ts'
import { linkScore } from './gradebook.ts'
import { linkCriteria, linkShare } from './link-criteria.ts'

const model = inferenceModel(shippedCatalog())
const levelOf = (componentId: string, code: string) =>
  model.components.get(componentId)!.levels.find((l) => l.code === code)!.criteria
const cb = levelOf('TT18.PT.1.1', 'CB')
const tt = levelOf('TT18.PT.1.1', 'TT')
const nc = levelOf('TT18.PT.1.1', 'NC')

/** A person's results when the criteria given are met (by a tag of weight 1). */
function resultsMeeting(criteria: readonly string[], componentIds: readonly string[]) {
  const evidence: EvidenceItem[] = criteria.map((competencyId, i) => ({
    tagId: 't',
    competencyId,
    statementId: `s${i}`,
    observedAt: new Date('2026-09-01T00:00:00Z'),
  }))
  return inferLevels(model, {
    evidence,
    rules: new Map([['t', { weight: 1, count: 1 }]]),
    componentIds,
  })
}

describe('linkCriteria', () => {
  it('a component at a level names that level and, levels being cumulative, those below it', () => {
    expect(cb).toHaveLength(2)
    expect(linkCriteria(model, ['TT18.PT.1.1.CB'])).toEqual(cb)
    expect(linkCriteria(model, ['TT18.PT.1.1.TT'])).toEqual([...cb, ...tt])
    expect(linkCriteria(model, ['TT18.PT.1.1.NC'])).toEqual([...cb, ...tt, ...nc])
    expect(linkCriteria(model, ['TT18.PT.1.1.NC'])).toHaveLength(8)
  })

  it('a descriptor names itself; the union over the tags, each criterion once', () => {
    expect(linkCriteria(model, ['TT18.PT.1.1.TT.3'])).toEqual(['TT18.PT.1.1.TT.3'])
    expect(linkCriteria(model, ['TT18.PT.1.1.CB.2', 'TT18.PT.1.1.CB', 'TT18.PT.1.1.TT.3'])).toEqual(
      ['TT18.PT.1.1.CB.2', 'TT18.PT.1.1.CB.1', 'TT18.PT.1.1.TT.3'],
    )
    expect(linkCriteria(model, ['TT18.PT.1.1.CB', 'TT18.PT.2.1.CB'])).toEqual([
      ...cb,
      ...levelOf('TT18.PT.2.1', 'CB'),
    ])
  })

  it('names nothing for an unknown ID or a component without a level', () => {
    expect(linkCriteria(model, ['TT18.PT.9.9.CB', 'TT18.PT.1.1', 'TT18.PT'])).toEqual([])
    expect(linkCriteria(model, [])).toEqual([])
  })

  it('a level without descriptor text is its own criterion, with the levels below it', () => {
    expect(linkCriteria(model, ['TT02.NH.1.1.CB2'])).toEqual(['TT02.NH.1.1.CB1', 'TT02.NH.1.1.CB2'])
  })

  it('where levels do not build on each other, a level names only its own criteria', () => {
    const flat: InferenceModel = {
      components: new Map([
        [
          'X.1',
          {
            id: 'X.1',
            frameworkId: 'X',
            frameworkVersion: '1',
            cumulative: false,
            levels: [
              { code: 'A', rank: 1, criteria: ['X.1.A.1'] },
              { code: 'B', rank: 2, criteria: ['X.1.B.1', 'X.1.B.2'] },
            ],
          },
        ],
      ]),
      target: (id) =>
        id === 'X.1.B'
          ? { componentId: 'X.1', criteria: ['X.1.B.1', 'X.1.B.2'] }
          : id.startsWith('X.1.')
            ? { componentId: 'X.1', criteria: [id] }
            : undefined,
    }
    expect(linkCriteria(flat, ['X.1.B'])).toEqual(['X.1.B.1', 'X.1.B.2'])
  })
})

describe('linkShare and the gradebook score', () => {
  it('a link tagged Cơ bản scores 100 % once both Cơ bản criteria are met (not 2 of 8)', () => {
    const results = resultsMeeting(cb, ['TT18.PT.1.1'])
    expect(linkShare(model, ['TT18.PT.1.1.CB'], results)).toEqual({ met: 2, of: 2 })
    expect(linkScore(model, { competencyIds: ['TT18.PT.1.1.CB'], mode: 'share' }, results)).toEqual(
      {
        scoreGiven: 2,
        scoreMaximum: 2,
        activityProgress: 'Completed',
        comment: 'TT18.PT.1.1: CB',
      },
    )
  })

  it('counts only the criteria asked for, across components, the unmet ones too', () => {
    const results = resultsMeeting([cb[0]!, tt[0]!, nc[0]!], ['TT18.PT.1.1', 'TT18.PT.2.1'])
    expect(linkShare(model, ['TT18.PT.1.1.TT'], results)).toEqual({ met: 2, of: 6 })
    expect(linkShare(model, ['TT18.PT.1.1.CB', 'TT18.PT.2.1.CB'], results)).toEqual({
      met: 1,
      of: 2 + levelOf('TT18.PT.2.1', 'CB').length,
    })
    expect(
      linkScore(model, { competencyIds: ['TT18.PT.1.1.TT.1'], mode: 'share' }, results),
    ).toMatchObject({ scoreGiven: 1, scoreMaximum: 1, activityProgress: 'Completed' })
    expect(
      linkScore(model, { competencyIds: ['TT18.PT.1.1.TT'], mode: 'share' }, results),
    ).toMatchObject({ scoreGiven: 2, scoreMaximum: 6, activityProgress: 'InProgress' })
  })

  it('leaves the level score as it was: the level held, 0–3 of 3', () => {
    const results = resultsMeeting(cb, ['TT18.PT.1.1'])
    expect(linkScore(model, { competencyIds: ['TT18.PT.1.1.CB'], mode: 'level' }, results)).toEqual(
      {
        scoreGiven: 1,
        scoreMaximum: 3,
        activityProgress: 'InProgress',
        comment: 'TT18.PT.1.1: CB',
      },
    )
  })
})
