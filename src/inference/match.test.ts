import {
  activityKey,
  type EvidenceItem,
  matchEvidence,
  TagMatcher,
  type InferenceTag,
} from './match.ts'
import { DEFAULT_RULE, type StatementFacts } from './rule.ts'

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
    expect(
      matcher.tagsFor({ activityIri: `${LMS}/mod/quiz/view.php?id=3#q1` }).map((t) => t.id),
    ).toEqual(['tag-quiz', 'tag-course'])
    expect(
      matcher.tagsFor({ activityIri: `${LMS}/mod/page/view.php?id=9` }).map((t) => t.id),
    ).toEqual(['tag-course'])
    expect(matcher.tagsFor({ activityIri: `${LMS}/course/view.php?id=2` })).toEqual([])
    expect(
      matcher.tagsFor({ activityIri: `${LMS}/mod/quiz/view.php?id=30` }).map((t) => t.id),
    ).toEqual(['tag-course'])
    expect(matcher.tagsFor({})).toEqual([])
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

describe('matching by the activity tree', () => {
  const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered'
  const SCORED = 'http://adlnet.gov/expapi/verbs/scored'
  const QUIZ = `${LMS}/mod/quiz/view.php?id=3`
  const attempt = (n: number) => `${LMS}/mod/quiz/attempt.php?attempt=${n}&cmid=3`
  const question = (q: number) => `${LMS}/question/question.php?cmid=3&id=${q}`
  const quizTag = (rule: Partial<InferenceTag['rule']> = {}): InferenceTag => ({
    ...quiz,
    rule: { ...DEFAULT_RULE, ...rule },
  })
  /** Moodle's finished attempt: `completed` with the score, the attempt as object, the quiz its parent. */
  const attemptDone = (id: string, n: number, raw: number, minute = 1): StatementFacts => ({
    id,
    verbId: COMPLETED,
    activityIri: attempt(n),
    parentIris: [QUIZ],
    timestamp: at(minute),
    score: { raw, min: 0, max: 10 },
  })
  /** One question of an attempt: `answered`, the question as object, the attempt and quiz its parents. */
  const answered = (id: string, n: number, q: number, success: boolean): StatementFacts => ({
    id,
    verbId: ANSWERED,
    activityIri: question(q),
    parentIris: [attempt(n), QUIZ],
    timestamp: at(2),
    success,
    score: { raw: success ? 1 : 0, min: 0, max: 1 },
  })
  const ids = (evidence: EvidenceItem[]) => [...new Set(evidence.map((e) => e.statementId))]

  it('finds a tag on the quiz from an attempt and a question under it, unless the rule names the object only', () => {
    const matcher = new TagMatcher([quizTag(), { ...quizTag({ objectOnly: true }), id: 'only' }])
    expect(matcher.tagsFor(attemptDone('a', 1, 9)).map((t) => t.id)).toEqual(['tag-quiz'])
    expect(matcher.tagsFor(answered('q', 1, 7, true)).map((t) => t.id)).toEqual(['tag-quiz'])
    expect(matcher.tagsFor({ activityIri: `${QUIZ}#top` }).map((t) => t.id)).toEqual([
      'tag-quiz',
      'only',
    ])
  })

  it('credits a finished attempt that reaches the score, once per attempt', () => {
    const tags = [quizTag({ minScore: 0.8, count: 2 })]
    expect(ids(matchEvidence(tags, [attemptDone('a1', 1, 9)]))).toEqual(['a1'])
    expect(ids(matchEvidence(tags, [attemptDone('a1', 1, 9), attemptDone('a2', 2, 8)]))).toEqual([
      'a1',
      'a2',
    ])
  })

  it('gives nothing for a 5/10 attempt under an 80 % rule, even when its questions count as answers', () => {
    const tags = [quizTag({ minScore: 0.8, verbs: [COMPLETED, ANSWERED] })]
    const statements = [
      attemptDone('a1', 1, 5),
      answered('q1', 1, 7, true),
      answered('q2', 1, 8, false),
    ]
    expect(matchEvidence(tags, statements)).toEqual([])
  })

  it('does not count the questions of a scored attempt again', () => {
    const tags = [quizTag({ verbs: [COMPLETED, ANSWERED] })]
    const statements = [
      attemptDone('a1', 1, 9),
      answered('q1', 1, 7, true),
      answered('q2', 1, 8, true),
    ]
    expect(ids(matchEvidence(tags, statements))).toEqual(['a1'])
    // The questions of another attempt with no scored statement (yet) still count.
    expect(ids(matchEvidence(tags, [...statements, answered('q3', 2, 7, true)]))).toEqual([
      'a1',
      'q3',
    ])
  })

  it('lets a scored whole stand for its parts only under a tag that counts its verb', () => {
    // A `scored` of the quiz itself does not hide the attempts from a tag counting only `completed`.
    const gradedQuiz: StatementFacts = {
      id: 'g',
      verbId: SCORED,
      activityIri: QUIZ,
      timestamp: at(3),
      score: { raw: 9, max: 10 },
    }
    expect(
      ids(matchEvidence([quizTag({ verbs: [COMPLETED] })], [attemptDone('a1', 1, 9), gradedQuiz])),
    ).toEqual(['a1'])
    expect(
      ids(
        matchEvidence(
          [quizTag({ verbs: [COMPLETED, SCORED] })],
          [attemptDone('a1', 1, 9), gradedQuiz],
        ),
      ),
    ).toEqual(['g'])
  })

  it('takes an H5P activity’s top-level score, not its sub-contents', () => {
    const H5P = `${LMS}/mod/h5pactivity/view.php?id=12`
    const tag: InferenceTag = {
      id: 'h5p',
      activityIri: H5P,
      competencyIds: ['TT18.PT.3.1.CB'],
      rule: { ...DEFAULT_RULE, verbs: [COMPLETED, ANSWERED], minScore: 0.5 },
    }
    const part = (id: string, sub: string): StatementFacts => ({
      id,
      verbId: ANSWERED,
      activityIri: `${H5P}?subContentId=${sub}`,
      parentIris: [H5P],
      timestamp: at(1),
      score: { raw: 1, max: 1 },
      success: true,
    })
    const top: StatementFacts = {
      id: 'top',
      verbId: ANSWERED,
      activityIri: H5P,
      timestamp: at(2),
      score: { raw: 3, max: 4 },
    }
    expect(ids(matchEvidence([tag], [part('p1', 'a'), part('p2', 'b'), top]))).toEqual(['top'])
    // Without the top-level statement the parts are all there is.
    expect(ids(matchEvidence([tag], [part('p1', 'a'), part('p2', 'b')]))).toEqual(['p1', 'p2'])
  })

  it('counts one attempt once: the first statement of a cmi5 session or SCORM registration that qualifies', () => {
    const AU = 'https://khoahoc.example/cmi5/au-1'
    const tag: InferenceTag = {
      id: 'au',
      activityIri: AU,
      competencyIds: ['TT18.PT.1.2.CB'],
      rule: { ...DEFAULT_RULE, count: 2 },
    }
    const on = (id: string, verbId: string, minute: number, attempt: string): StatementFacts => ({
      id,
      verbId,
      activityIri: AU,
      attempt,
      timestamp: at(minute),
      score: { scaled: 0.9 },
    })
    const PASSED = 'http://adlnet.gov/expapi/verbs/passed'
    const oneSession = [on('c1', COMPLETED, 2, 's1'), on('p1', PASSED, 1, 's1')]
    expect(ids(matchEvidence([tag], oneSession))).toEqual(['p1'])
    expect(ids(matchEvidence([tag], [...oneSession, on('p2', PASSED, 5, 's2')]))).toEqual([
      'p1',
      'p2',
    ])
  })

  it('matches a prefix tag by the object or a parent', () => {
    const matcher = new TagMatcher([
      course,
      { ...course, id: 'objects', rule: { ...DEFAULT_RULE, objectOnly: true } },
    ])
    expect(
      matcher
        .tagsFor({ activityIri: `${LMS}/question/question.php?id=1`, parentIris: [QUIZ] })
        .map((t) => t.id),
    ).toEqual(['tag-course'])
  })
})
