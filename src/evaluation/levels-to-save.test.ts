import { inferLevels, type EvidenceItem } from '../inference/index.ts'
import type { InferenceModel, ComponentModel } from '../inference/model.ts'
import type { ComponentLevel } from '../store/index.ts'
import { levelsToSave } from './levels-to-save.ts'

const x: ComponentModel = {
  id: 'X.1',
  frameworkId: 'XX',
  frameworkVersion: 'v1',
  cumulative: true,
  levels: [
    { code: 'CB', rank: 1, criteria: ['X.1.CB.1', 'X.1.CB.2'] },
    { code: 'TT', rank: 2, criteria: ['X.1.TT.1'] },
  ],
}
const model: InferenceModel = {
  components: new Map([[x.id, x]]),
  target: (id) => (id.startsWith('X.1.') ? { componentId: 'X.1', criteria: [id] } : undefined),
}
const rules = new Map([['t', { weight: 1, count: 1 }]])
const ev = (competencyId: string, statementId: string): EvidenceItem => ({
  tagId: 't',
  competencyId,
  statementId,
  observedAt: new Date('2026-05-01T00:00:00Z'),
})
const results = (...evidence: EvidenceItem[]) =>
  inferLevels(model, { evidence, rules, componentIds: ['X.1'] })
/** What a save leaves in the store, as the store gives it back. */
const saved = (input: ReturnType<typeof levelsToSave>['save'][number]): ComponentLevel => ({
  ...input,
  personId: 'p',
  updatedAt: new Date(),
})

const track = { trackCriteria: true }

describe('levelsToSave', () => {
  it('keeps per-level counts only, and reports no criteria, when criteria are not tracked', () => {
    const { save, reached } = levelsToSave(results(ev('X.1.CB.1', 's1'), ev('X.1.CB.2', 's2')), [])
    expect(reached).toEqual([])
    expect(save[0]?.reasons).toEqual({
      levels: [
        { level: 'CB', met: 2, needed: 2 },
        { level: 'TT', met: 0, needed: 1 },
      ],
    })
  })

  it('saves nothing for a component without evidence or level', () => {
    expect(levelsToSave(results(), [], track)).toEqual({ save: [], changes: [], reached: [] })
  })

  it('numbers level changes and criteria reached, carrying counts across saves', () => {
    const first = levelsToSave(results(ev('X.1.CB.1', 's1')), [], track)
    expect(first.changes).toEqual([])
    expect(first.reached).toEqual([
      {
        componentId: 'X.1',
        criterionId: 'X.1.CB.1',
        sequence: 1,
        evidenceCount: 1,
        frameworkVersion: 'v1',
      },
    ])
    expect(first.save[0]).toMatchObject({ level: null, changeSeq: 0 })

    const second = levelsToSave(
      results(ev('X.1.CB.1', 's1'), ev('X.1.CB.2', 's2')),
      [saved(first.save[0]!)],
      track,
    )
    expect(second.changes).toEqual([
      {
        componentId: 'X.1',
        from: null,
        to: 'CB',
        sequence: 1,
        evidenceCount: 2,
        frameworkVersion: 'v1',
      },
    ])
    expect(second.reached.map((r) => [r.criterionId, r.sequence])).toEqual([['X.1.CB.2', 1]])

    // The evidence of CB.2 goes (a voided statement): the level drops, CB.2 is no longer met.
    const third = levelsToSave(results(ev('X.1.CB.1', 's1')), [saved(second.save[0]!)], track)
    expect(third.changes).toEqual([
      {
        componentId: 'X.1',
        from: 'CB',
        to: null,
        sequence: 2,
        evidenceCount: 1,
        frameworkVersion: 'v1',
      },
    ])
    expect(third.reached).toEqual([])
    // Met again later: its second time.
    const fourth = levelsToSave(
      results(ev('X.1.CB.1', 's1'), ev('X.1.CB.2', 's3')),
      [saved(third.save[0]!)],
      track,
    )
    expect(fourth.reached.map((r) => [r.criterionId, r.sequence])).toEqual([['X.1.CB.2', 2]])
    expect(fourth.changes[0]).toMatchObject({ from: null, to: 'CB', sequence: 3 })
    // Saved again unchanged: nothing to save, nothing to report.
    expect(
      levelsToSave(
        results(ev('X.1.CB.1', 's1'), ev('X.1.CB.2', 's3')),
        [saved(fourth.save[0]!)],
        track,
      ),
    ).toEqual({
      save: [],
      changes: [],
      reached: [],
    })
  })

  it('reports no criteria for a row saved before criteria were tracked, and starts tracking', () => {
    const legacy: ComponentLevel = {
      personId: 'p',
      componentId: 'X.1',
      level: 'CB',
      inferredLevel: 'CB',
      evidenceCount: 2,
      changeSeq: 1,
      frameworkVersion: 'v1',
      reasons: [{ level: 'CB', met: 2, needed: 2 }],
      updatedAt: new Date(),
    }
    const next = levelsToSave(results(ev('X.1.CB.1', 's1'), ev('X.1.CB.2', 's2')), [legacy], track)
    expect(next.reached).toEqual([])
    expect(next.changes).toEqual([])
    expect(next.save[0]?.reasons).toEqual({
      levels: [
        { level: 'CB', met: 2, needed: 2 },
        { level: 'TT', met: 0, needed: 1 },
      ],
      met: ['X.1.CB.1', 'X.1.CB.2'],
      reached: { 'X.1.CB.1': 1, 'X.1.CB.2': 1 },
    })
  })
})
