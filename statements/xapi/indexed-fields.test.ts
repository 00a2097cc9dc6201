import { baseStatement, withValue } from './fixtures/statements.ts'
import { indexedFields, scoreScaled } from './indexed-fields.ts'
import type { Statement } from './statement.ts'

const with_ = (path: (string | number)[], value: unknown) =>
  withValue(
    withValue(baseStatement(), ['timestamp'], '2026-03-12T08:45:10+07:00'),
    path,
    value,
  ) as unknown as Statement

describe('indexedFields', () => {
  it('takes the verb, the Activity, the registration (lower case), the time and the outcome', () => {
    let statement = with_(['context', 'registration'], 'EC531277-B57B-4C15-8D91-D292C5B2B8F7')
    statement = withValue(statement, ['result'], {
      score: { scaled: 0.9 },
      success: true,
      completion: false,
    })
    expect(indexedFields(statement)).toEqual({
      verbId: 'http://adlnet.gov/expapi/verbs/experienced',
      activityIri: 'https://lms.example.edu.vn/mod/page/view.php?id=1',
      activityTree: ['https://lms.example.edu.vn/mod/page/view.php?id=1'],
      registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      timestamp: new Date('2026-03-12T01:45:10Z'),
      scoreScaled: 0.9,
      success: true,
      completion: false,
    })
  })

  it('has no activityIri when the object is not an Activity', () => {
    const statement = with_(['object'], { objectType: 'Agent', mbox: 'mailto:lan@example.edu.vn' })
    expect(indexedFields(statement).activityIri).toBeUndefined()
    expect(indexedFields(statement).activityTree).toEqual([])
  })

  it('keeps the statement a StatementRef object targets, in lower case, and only that', () => {
    const statement = with_(['object'], {
      objectType: 'StatementRef',
      id: 'E3A1F0C2-5B7D-4E8A-9C1F-2D3B4A5C6D7E',
    })
    expect(indexedFields(statement)).toMatchObject({
      refTarget: 'e3a1f0c2-5b7d-4e8a-9c1f-2d3b4a5c6d7e',
      activityTree: [],
    })
    expect(indexedFields(statement).activityIri).toBeUndefined()
    // A StatementRef in the context is no target.
    const inContext = with_(['context', 'statement'], {
      objectType: 'StatementRef',
      id: 'e3a1f0c2-5b7d-4e8a-9c1f-2d3b4a5c6d7e',
    })
    expect(indexedFields(inContext).refTarget).toBeUndefined()
  })

  it('keeps the activity tree: the object, then its parents, without fragments, once each', () => {
    const site = 'https://lms.example.edu.vn'
    const attempt = `${site}/mod/quiz/attempt.php?attempt=7&cmid=3`
    const quiz = `${site}/mod/quiz/view.php?id=3`
    const statement = withValue(with_(['object'], { id: `${attempt}#q2` }), ['context'], {
      contextActivities: { parent: [{ id: quiz }, { id: `${quiz}#top` }, { id: attempt }] },
    })
    expect(indexedFields(statement).activityTree).toEqual([attempt, quiz])
    // One parent Activity rather than an array (xAPI 1.0.0 allowed it).
    const single = withValue(statement, ['context'], {
      contextActivities: { parent: { id: quiz } },
    })
    expect(indexedFields(single).activityTree).toEqual([attempt, quiz])
  })

  it('falls back on "stored" when there is no timestamp, and needs one of them', () => {
    const stored = withValue(with_(['timestamp'], undefined), ['stored'], '2026-03-12T02:00:00Z')
    expect(indexedFields(stored).timestamp).toEqual(new Date('2026-03-12T02:00:00Z'))
    expect(() => indexedFields(with_(['timestamp'], undefined))).toThrow(TypeError)
  })
})

describe('scoreScaled: raw/min/max win over scaled', () => {
  it.each([
    [
      'raw 50 of 0–100 with scaled 0 (seen from Moodle)',
      { raw: 50, min: 0, max: 100, scaled: 0 },
      0.5,
    ],
    ['raw 8.5 of 0–10', { raw: 8.5, min: 0, max: 10, scaled: 0.85 }, 0.85],
    ['raw 15 of 10–20', { raw: 15, min: 10, max: 20 }, 0.5],
    ['raw at max', { raw: 10, min: 0, max: 10 }, 1],
    ['scaled alone', { scaled: -0.25 }, -0.25],
    ['raw and max without min: scaled', { raw: 7, max: 10, scaled: 0.7 }, 0.7],
    ['raw alone: nothing', { raw: 7 }, undefined],
    ['no score', undefined, undefined],
  ])('%s → %p', (_name, score, expected) => {
    expect(scoreScaled(score)).toBe(expected)
  })
})
