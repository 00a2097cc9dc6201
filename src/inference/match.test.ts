import { activityKey, matchEvidence, TagMatcher, type InferenceTag } from './match.ts'
import { DEFAULT_RULE } from './rule.ts'

const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed'
const VIEWED = 'http://id.tincanapi.com/verb/viewed'
const LMS = 'https://lms.thpt-a.edu.vn'
const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 8, minute))

const quiz: InferenceTag = {
  id: 'tag-quiz',
  activityIri: `${LMS}/mod/quiz/view.php?id=3`,
  competencyIds: ['TT18.PT.1.1.CB.1', 'TT18.PT.1.1.CB.2'],
  rule: DEFAULT_RULE,
}
const course: InferenceTag = {
  id: 'tag-course',
  activityPrefix: `${LMS}/mod/`,
  competencyIds: ['TT18.PT.2.1.CB'],
  rule: DEFAULT_RULE,
}

describe('activityKey', () => {
  it('drops a fragment, keeps the query', () => {
    expect(activityKey(`${LMS}/mod/page/view.php?id=3#section-2`)).toBe(
      `${LMS}/mod/page/view.php?id=3`,
    )
    expect(activityKey('urn:x')).toBe('urn:x')
  })
})

describe('matching statements to tags', () => {
  const matcher = new TagMatcher([quiz, course])

  it('finds exact tags (fragment ignored) and prefix tags', () => {
    expect(matcher.tagsFor(`${LMS}/mod/quiz/view.php?id=3#q1`).map((t) => t.id)).toEqual([
      'tag-quiz',
      'tag-course',
    ])
    expect(matcher.tagsFor(`${LMS}/mod/page/view.php?id=9`).map((t) => t.id)).toEqual([
      'tag-course',
    ])
    expect(matcher.tagsFor(`${LMS}/course/view.php?id=2`)).toEqual([])
    expect(matcher.tagsFor(`${LMS}/mod/quiz/view.php?id=30`).map((t) => t.id)).toEqual([
      'tag-course',
    ])
    expect(matcher.tagsFor(undefined)).toEqual([])
  })

  it('gives one piece of evidence per competency of each tag the statement qualifies under', () => {
    const evidence = matchEvidence(
      [quiz, course],
      [
        {
          id: 'a',
          verbId: COMPLETED,
          activityIri: `${LMS}/mod/quiz/view.php?id=3`,
          timestamp: at(1),
        },
        { id: 'b', verbId: VIEWED, activityIri: `${LMS}/mod/quiz/view.php?id=3`, timestamp: at(2) },
        { id: 'c', verbId: COMPLETED, timestamp: at(3) },
      ],
    )
    expect(evidence).toEqual([
      { tagId: 'tag-quiz', competencyId: 'TT18.PT.1.1.CB.1', statementId: 'a', observedAt: at(1) },
      { tagId: 'tag-quiz', competencyId: 'TT18.PT.1.1.CB.2', statementId: 'a', observedAt: at(1) },
      { tagId: 'tag-course', competencyId: 'TT18.PT.2.1.CB', statementId: 'a', observedAt: at(1) },
    ])
  })

  it('finds nothing without tags', () => {
    expect(
      matchEvidence([], [{ id: 'a', verbId: COMPLETED, activityIri: LMS, timestamp: at(1) }]),
    ).toEqual([])
  })
})
