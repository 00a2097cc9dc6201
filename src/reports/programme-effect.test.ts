import { describe, expect, it } from '@jest/globals'
import { frameworksFrom } from '../evaluation/frameworks-in-force.ts'
import { programmeFigures, programmeTargets } from './programme-effect.ts'

const { catalog } = frameworksFrom([])

describe('programmeTargets', () => {
  it('takes the highest level named per component, from descriptors and levels alike', () => {
    const targets = programmeTargets(catalog, [
      'TT18.PT.1.2.CB.1',
      'TT18.PT.1.1.TT.2',
      'TT18.PT.1.1.CB',
      'TT18.PT.1.1.TT.2',
    ])
    expect(targets.components).toEqual([
      {
        componentId: 'TT18.PT.1.1',
        frameworkId: 'TT18',
        target: 'TT',
        levels: ['CB', 'TT', 'NC'],
        reaching: ['TT', 'NC'],
      },
      {
        componentId: 'TT18.PT.1.2',
        frameworkId: 'TT18',
        target: 'CB',
        levels: ['CB', 'TT', 'NC'],
        reaching: ['CB', 'TT', 'NC'],
      },
    ])
    // A component at a level stands for its descriptors; a descriptor for itself.
    expect(targets.criteria).toEqual([
      { competencyId: 'TT18.PT.1.1.CB', criterionId: 'TT18.PT.1.1.CB.1' },
      { competencyId: 'TT18.PT.1.1.CB', criterionId: 'TT18.PT.1.1.CB.2' },
      { competencyId: 'TT18.PT.1.1.TT.2', criterionId: 'TT18.PT.1.1.TT.2' },
      { competencyId: 'TT18.PT.1.2.CB.1', criterionId: 'TT18.PT.1.2.CB.1' },
    ])
    expect(targets.unknown).toEqual([])
  })

  it('keeps a lower level named after a higher one from lowering the target', () => {
    const targets = programmeTargets(catalog, ['TT18.PT.2.1.NC', 'TT18.PT.2.1.CB.1'])
    expect(targets.components.map((c) => [c.componentId, c.target])).toEqual([
      ['TT18.PT.2.1', 'NC'],
    ])
  })

  it('leaves out IDs that name no descriptor nor level', () => {
    const targets = programmeTargets(catalog, ['TT18.PT.1.1', 'TT18.PT.9.9.CB.1', 'bogus'])
    expect(targets).toEqual({
      components: [],
      criteria: [],
      unknown: ['TT18.PT.1.1', 'TT18.PT.9.9.CB.1', 'bogus'],
    })
  })

  it('counts a learner sub-level without descriptors as a criterion itself', () => {
    const targets = programmeTargets(catalog, ['TT02.NH.1.1.TC1', 'TT02.NH.1.1.CB2'])
    expect(targets.criteria).toEqual([
      { competencyId: 'TT02.NH.1.1.CB2', criterionId: 'TT02.NH.1.1.CB2' },
      { competencyId: 'TT02.NH.1.1.TC1', criterionId: 'TT02.NH.1.1.TC1' },
    ])
    expect(targets.components).toEqual([
      expect.objectContaining({
        componentId: 'TT02.NH.1.1',
        target: 'TC1',
        reaching: ['TC1', 'TC2', 'NC1', 'NC2', 'CS1', 'CS2'],
      }),
    ])
  })
})

describe('programmeFigures', () => {
  const targets = programmeTargets(catalog, ['TT18.PT.1.1.TT', 'TT18.PT.1.2.CB'])

  it('tallies levels before and after, rises, criteria and the share reaching the target', () => {
    const figures = programmeFigures(
      {
        participants: 4,
        started: 3,
        transitions: [
          { componentId: 'TT18.PT.1.1', before: null, after: 'CB', count: 1 },
          { componentId: 'TT18.PT.1.1', before: 'CB', after: 'TT', count: 2 },
          { componentId: 'TT18.PT.1.2', before: 'CB', after: 'CB', count: 2 },
          { componentId: 'TT18.PT.1.2', before: 'TT', after: null, count: 1 },
        ],
        reachedBefore: 0,
        reachedAfter: 2,
        criteriaNewlyMet: 10,
      },
      targets,
    )
    expect(figures).toEqual({
      participants: 4,
      started: 3,
      components: [
        {
          ...targets.components[0],
          before: [
            { level: null, count: 2 },
            { level: 'CB', count: 2 },
            { level: 'TT', count: 0 },
            { level: 'NC', count: 0 },
          ],
          after: [
            { level: null, count: 1 },
            { level: 'CB', count: 1 },
            { level: 'TT', count: 2 },
            { level: 'NC', count: 0 },
          ],
          wentUp: 3,
        },
        {
          ...targets.components[1],
          before: [
            { level: null, count: 1 },
            { level: 'CB', count: 2 },
            { level: 'TT', count: 1 },
            { level: 'NC', count: 0 },
          ],
          after: [
            { level: null, count: 2 },
            { level: 'CB', count: 2 },
            { level: 'TT', count: 0 },
            { level: 'NC', count: 0 },
          ],
          wentUp: 0,
        },
      ],
      criteriaNewlyMet: 10,
      criteriaPerParticipant: 2.5,
      reachedBefore: { count: 0, share: 0 },
      reachedAfter: { count: 2, share: 0.5 },
    })
  })

  it('gives zero shares without participants', () => {
    const figures = programmeFigures(
      {
        participants: 0,
        started: 0,
        transitions: [],
        reachedBefore: 0,
        reachedAfter: 0,
        criteriaNewlyMet: 0,
      },
      targets,
    )
    expect(figures.criteriaPerParticipant).toBe(0)
    expect(figures.reachedAfter).toEqual({ count: 0, share: 0 })
    expect(figures.components[0]!.before[0]).toEqual({ level: null, count: 0 })
  })
})
