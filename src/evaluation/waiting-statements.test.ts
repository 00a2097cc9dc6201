import { mergeWaiting, WAITING_ACTORS, type WaitingStatements } from './waiting-statements.ts'

const actor = (key: string, statements: number, newest: string) => ({
  actor: key,
  actorKey: `account:https://k12online.vn|${key}`,
  statements,
  newest: new Date(newest),
})

describe('mergeWaiting', () => {
  it('adds the counts of a district and its schools, the actors with the most first', () => {
    const district: WaitingStatements = { statements: 0, actors: 0, top: [] }
    const a: WaitingStatements = {
      statements: 5,
      actors: 2,
      top: [actor('gv.a', 4, '2026-11-20T08:00:00Z'), actor('gv.b', 1, '2026-11-21T08:00:00Z')],
    }
    const b: WaitingStatements = {
      statements: 3,
      actors: 2,
      top: [actor('gv.c', 2, '2026-11-19T08:00:00Z'), actor('gv.d', 1, '2026-11-22T08:00:00Z')],
    }
    const merged = mergeWaiting([district, a, b])
    expect([merged.statements, merged.actors]).toEqual([8, 4])
    // Ties on the count: the newest first.
    expect(merged.top.map((t) => t.actor)).toEqual(['gv.a', 'gv.c', 'gv.d', 'gv.b'])
  })

  it('lists at most as many actors as one tenant would, and nothing when nothing waits', () => {
    const many: WaitingStatements = {
      statements: WAITING_ACTORS,
      actors: WAITING_ACTORS,
      top: Array.from({ length: WAITING_ACTORS }, (_, i) =>
        actor(`gv.${i}`, 1, '2026-11-20T08:00:00Z'),
      ),
    }
    const merged = mergeWaiting([many, many])
    expect(merged.top).toHaveLength(WAITING_ACTORS)
    expect(merged.statements).toBe(2 * WAITING_ACTORS)
    expect(mergeWaiting([])).toEqual({ statements: 0, actors: 0, top: [] })
  })
})
