import { nextScoreTimestamp } from './score-timestamp.ts'

describe('nextScoreTimestamp', () => {
  const now = new Date('2026-11-22T10:00:00.250Z')

  it('is now, with milliseconds and Z, when there was no score before', () => {
    expect(nextScoreTimestamp(now)).toBe('2026-11-22T10:00:00.250Z')
  })

  it('is now when the last score is in an earlier second', () => {
    expect(nextScoreTimestamp(now, '2026-11-22T09:59:59.999Z')).toBe('2026-11-22T10:00:00.250Z')
  })

  it('moves to the next whole second when the last one is in the same second (Moodle keeps seconds)', () => {
    expect(nextScoreTimestamp(now, '2026-11-22T10:00:00.100Z')).toBe('2026-11-22T10:00:01.000Z')
    expect(nextScoreTimestamp(now, '2026-11-22T10:00:00.900Z')).toBe('2026-11-22T10:00:01.000Z')
  })

  it('stays strictly increasing when scores come faster than one a second', () => {
    let last: string | undefined
    const sent: string[] = []
    for (let i = 0; i < 5; i++) {
      last = nextScoreTimestamp(now, last)
      sent.push(last)
    }
    const seconds = sent.map((t) => Math.floor(Date.parse(t) / 1000))
    expect(new Set(seconds).size).toBe(5)
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b))
  })

  it('reads a last timestamp with an offset', () => {
    expect(nextScoreTimestamp(now, '2026-11-22T17:00:00.500+07:00')).toBe(
      '2026-11-22T10:00:01.000Z',
    )
  })

  it('refuses a last timestamp that is not a date', () => {
    expect(() => nextScoreTimestamp(now, 'yesterday')).toThrow(TypeError)
  })
})
