import { evidenceDiff } from './evidence-diff.ts'

const at = new Date('2026-11-20T01:00:00Z')
const piece = (competencyId: string, statementId: string, tagId = 't1', observedAt = at) => ({
  competencyId,
  statementId,
  tagId,
  observedAt,
})

describe('evidenceDiff', () => {
  it('adds what is new, removes what is gone, keeps the rest untouched', () => {
    const kept = [piece('A', 's1'), piece('B', 's1'), piece('A', 's2')]
    const fresh = [piece('A', 's1'), piece('A', 's2'), piece('C', 's3')]
    expect(evidenceDiff(kept, fresh)).toEqual({
      added: [piece('C', 's3')],
      removed: [piece('B', 's1')],
    })
  })

  it('tells pieces apart by competency, statement and tag, not by when they were observed', () => {
    const kept = [piece('A', 's1', 't1')]
    const fresh = [piece('A', 's1', 't1', new Date('2027-01-01T00:00:00Z')), piece('A', 's1', 't2')]
    expect(evidenceDiff(kept, fresh)).toEqual({ added: [piece('A', 's1', 't2')], removed: [] })
  })

  it('adds a piece given twice once', () => {
    expect(evidenceDiff([], [piece('A', 's1'), piece('A', 's1')])).toEqual({
      added: [piece('A', 's1')],
      removed: [],
    })
  })

  it('changes nothing when the evidence is the same, and removes everything when none is left', () => {
    const kept = [piece('A', 's1'), piece('B', 's2')]
    expect(evidenceDiff(kept, [...kept].reverse())).toEqual({ added: [], removed: [] })
    expect(evidenceDiff(kept, [])).toEqual({ added: [], removed: kept })
  })
})
