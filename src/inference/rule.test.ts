import { DEFAULT_RULE, DEFAULT_VERBS, qualifies, scoreShare, TagRule } from './rule.ts'

const PASSED = 'http://adlnet.gov/expapi/verbs/passed'
const VIEWED = 'http://id.tincanapi.com/verb/viewed'
const at = new Date('2026-05-01T08:00:00Z')

describe('scoreShare', () => {
  it.each([
    ['raw within min–max', { raw: 7, min: 0, max: 10 }, 0.7],
    ['raw within a range not starting at 0', { raw: 15, min: 10, max: 20 }, 0.5],
    ['raw over max without min', { raw: 40, max: 50 }, 0.8],
    [
      'raw/min/max before a wrong scaled (Moodle: 50 of 100, scaled 0)',
      { raw: 50, min: 0, max: 100, scaled: 0 },
      0.5,
    ],
    ['scaled alone', { scaled: 0.65 }, 0.65],
    ['negative scaled as 0', { scaled: -0.4 }, 0],
    ['scaled when max equals min', { raw: 5, min: 5, max: 5, scaled: 1 }, 1],
    ['raw beyond max clamped', { raw: 12, min: 0, max: 10 }, 1],
  ])('%s', (_name, score, share) => {
    expect(scoreShare(score)).toBeCloseTo(share, 12)
  })

  it('is undefined without a usable score', () => {
    expect(scoreShare(undefined)).toBeUndefined()
    expect(scoreShare({})).toBeUndefined()
    expect(scoreShare({ raw: 5 })).toBeUndefined()
    expect(scoreShare({ raw: 5, min: 5, max: 5 })).toBeUndefined()
  })
})

describe('TagRule', () => {
  it('defaults to the completion, success and mastery verbs, one statement, full weight', () => {
    expect(DEFAULT_RULE).toEqual({
      verbs: [...DEFAULT_VERBS],
      requireSuccess: false,
      objectOnly: false,
      weight: 1,
      count: 1,
    })
    expect(DEFAULT_VERBS).toContain('http://adlnet.gov/expapi/verbs/completed')
    expect(DEFAULT_VERBS).toContain('https://w3id.org/xapi/tla/verbs/achieved')
  })

  it.each([
    [{ verbs: [] }, 'verbs', 'at least one verb'],
    [{ verbs: ['passed'] }, 'verbs.0', 'verb IRI'],
    [{ minScore: 80 }, 'minScore', 'share from 0 to 1'],
    [{ minScore: -0.1 }, 'minScore', 'share from 0 to 1'],
    [{ weight: 0 }, 'weight', 'more than 0'],
    [{ weight: 2 }, 'weight', 'at most 1'],
    [{ count: 0 }, 'count', ''],
    [{ count: 1.5 }, 'count', ''],
    [{ requireSuccess: 'yes' }, 'requireSuccess', ''],
    [{ score: 0.5 }, '', 'score'],
  ])('refuses %j, naming %s', (input, path, message) => {
    const parsed = TagRule.safeParse(input)
    expect(parsed.success).toBe(false)
    const issue = parsed.error!.issues[0]!
    expect(issue.path.join('.')).toBe(path)
    expect(issue.message).toContain(message)
  })
})

describe('qualifies', () => {
  const statement = {
    id: 's1',
    verbId: PASSED,
    activityIri: 'https://lms/mod/quiz/view.php?id=3',
    timestamp: at,
  }

  it('takes a statement with one of the verbs, whatever its score when none is asked', () => {
    expect(qualifies(statement, DEFAULT_RULE)).toBe(true)
    expect(qualifies({ ...statement, verbId: VIEWED }, DEFAULT_RULE)).toBe(false)
    expect(qualifies({ ...statement, verbId: VIEWED }, { ...DEFAULT_RULE, verbs: [VIEWED] })).toBe(
      true,
    )
  })

  it('asks for success only when the rule does', () => {
    const rule = { ...DEFAULT_RULE, requireSuccess: true }
    expect(qualifies(statement, rule)).toBe(false)
    expect(qualifies({ ...statement, success: false }, rule)).toBe(false)
    expect(qualifies({ ...statement, success: true }, rule)).toBe(true)
  })

  it('asks for a minimum score from raw/min/max, the bar itself included', () => {
    const rule = { ...DEFAULT_RULE, minScore: 0.8 }
    expect(qualifies(statement, rule)).toBe(false)
    expect(qualifies({ ...statement, score: { raw: 8, min: 0, max: 10 } }, rule)).toBe(true)
    expect(qualifies({ ...statement, score: { raw: 79, min: 0, max: 100 } }, rule)).toBe(false)
    expect(qualifies({ ...statement, score: { raw: 80, min: 0, max: 100, scaled: 0 } }, rule)).toBe(
      true,
    )
    // 0.7 + 0.1 is 0.7999999999999999 in floating point.
    expect(qualifies({ ...statement, score: { scaled: 0.7 + 0.1 } }, rule)).toBe(true)
  })
})
