// Statements shaped as real systems send them (REFERENCE.md): Moodle 4.5's xAPI log store (actor
// by account on the site, module activity ids, a finished quiz attempt as `completed` of the
// attempt with the quiz as parent, each question as `answered` under its attempt and quiz, the
// course and site in `grouping`, platform "Moodle", no id), H5P content in Moodle, the
// SCORM-to-xAPI wrapper, and cmi5.

const SITE = 'https://lms.thpt-chuvanan.edu.vn'
const COURSE_ID = 2

const VERB = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  viewed: 'http://id.tincanapi.com/verb/viewed',
  scored: 'http://adlnet.gov/expapi/verbs/scored',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  responded: 'http://adlnet.gov/expapi/verbs/responded',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  satisfied: 'https://w3id.org/xapi/adl/verbs/satisfied',
} as const
type VerbName = keyof typeof VERB

interface Where {
  readonly site?: string
  readonly courseId?: number
}

/** Moodle's attempt ids, one per attempt made here unless a test names one. */
let nextAttempt = 1000

const verb = (name: VerbName) => ({ id: VERB[name], display: { en: name } })
const learner = (userId: string, site: string) => ({
  name: `Người học ${userId}`,
  account: { homePage: site, name: userId },
})
const activity = (id: string, type: string, name?: string) => ({
  id,
  objectType: 'Activity',
  definition: { type, ...(name !== undefined && { name: { vi: name } }) },
})

/** The site and course in `grouping`, as the log store puts them, and the source in `category`. */
function moodleContext(where: Where, parent?: readonly unknown[]) {
  const site = where.site ?? SITE
  return {
    platform: 'Moodle',
    language: 'vi',
    extensions: {
      'http://lrs.learninglocker.net/define/extensions/info': { 'https://moodle.org/': '4.5' },
    },
    contextActivities: {
      ...(parent && { parent }),
      grouping: [
        activity(site, 'http://id.tincanapi.com/activitytype/lms'),
        activity(
          `${site}/course/view.php?id=${where.courseId ?? COURSE_ID}`,
          'http://id.tincanapi.com/activitytype/lms/course',
        ),
      ],
      category: [activity('http://moodle.org', 'http://id.tincanapi.com/activitytype/source')],
    },
  }
}

/** A Moodle module's activity id. */
export function moduleIri(module: string, cmid: number, site = SITE): string {
  return `${site}/mod/${module}/view.php?id=${cmid}`
}

/** The quiz as a parent activity (the log store names it). */
function quizParent(site: string, cmid: number, name?: string) {
  return activity(
    moduleIri('quiz', cmid, site),
    'http://adlnet.gov/expapi/activities/assessment',
    name ?? 'Kiểm tra: An toàn trên môi trường số',
  )
}

/** A quiz attempt's activity id. */
export function attemptIri(attempt: number, cmid: number, site = SITE): string {
  return `${site}/mod/quiz/attempt.php?attempt=${attempt}&cmid=${cmid}`
}

interface QuizOptions extends Where {
  readonly cmid?: number
  /** Moodle's attempt id; by default a new one. */
  readonly attempt?: number
  readonly quizName?: string
  readonly timestamp?: string
}

/**
 * A finished quiz attempt of Moodle user `userId` with a raw score out of 10: `completed` with the
 * score, the attempt as object, the quiz as parent.
 */
export function quizAttempt(userId: string, raw: number, options: QuizOptions = {}) {
  const site = options.site ?? SITE
  const cmid = options.cmid ?? 12
  const attempt = options.attempt ?? nextAttempt++
  return {
    actor: learner(userId, site),
    verb: verb('completed'),
    object: activity(
      attemptIri(attempt, cmid, site),
      'http://adlnet.gov/expapi/activities/attempt',
      'Lượt làm bài',
    ),
    result: {
      score: { raw, min: 0, max: 10, scaled: raw === 0 ? -1 : raw / 10 },
      completion: true,
      success: raw >= 5,
      duration: 'PT12M30S',
    },
    timestamp: options.timestamp ?? '2026-11-20T08:15:00+07:00',
    context: moodleContext(options, [quizParent(site, cmid, options.quizName)]),
  }
}

/** One question of a quiz attempt: `answered`, the question as object, the attempt and quiz as parents. */
export function quizQuestion(
  userId: string,
  question: number,
  success: boolean,
  options: QuizOptions & { readonly attempt: number },
) {
  const site = options.site ?? SITE
  const cmid = options.cmid ?? 12
  return {
    actor: learner(userId, site),
    verb: verb('answered'),
    object: {
      id: `${site}/question/question.php?cmid=${cmid}&id=${question}`,
      objectType: 'Activity',
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: { vi: `Câu ${question}` },
        interactionType: 'choice',
        correctResponsesPattern: ['b'],
        choices: [
          { id: 'a', description: { vi: 'Mở tệp đính kèm' } },
          { id: 'b', description: { vi: 'Báo cáo thư giả mạo' } },
        ],
      },
    },
    result: {
      response: success ? 'b' : 'a',
      success,
      completion: true,
      score: { raw: success ? 1 : 0, min: 0, max: 1 },
    },
    timestamp: options.timestamp ?? '2026-11-20T08:14:00+07:00',
    context: moodleContext(options, [
      activity(
        attemptIri(options.attempt, cmid, site),
        'http://adlnet.gov/expapi/activities/attempt',
      ),
      quizParent(site, cmid, options.quizName),
    ]),
  }
}

/** "Attempt reviewed" (or "viewed"): `viewed` of the attempt, the quiz as parent. */
export function attemptReviewed(
  userId: string,
  options: QuizOptions & { readonly attempt: number },
) {
  const site = options.site ?? SITE
  const cmid = options.cmid ?? 12
  return {
    actor: learner(userId, site),
    verb: verb('viewed'),
    object: activity(
      attemptIri(options.attempt, cmid, site),
      'http://adlnet.gov/expapi/activities/attempt',
      'Review',
    ),
    timestamp: options.timestamp ?? '2026-11-20T08:16:00+07:00',
    context: moodleContext(options, [quizParent(site, cmid, options.quizName)]),
  }
}

/** A view of a Moodle module (a page by default) by Moodle user `userId`. */
export function pageViewed(
  userId: string,
  cmid = 7,
  site = SITE,
  options: { readonly module?: string; readonly name?: string; readonly courseId?: number } = {},
) {
  const module = options.module ?? 'page'
  return {
    actor: learner(userId, site),
    verb: verb('viewed'),
    object: activity(
      moduleIri(module, cmid, site),
      module === 'page'
        ? 'http://activitystrea.ms/schema/1.0/page'
        : `http://id.tincanapi.com/activitytype/lms/${module}`,
      options.name ?? 'Bài đọc: Dữ liệu số',
    ),
    timestamp: '2026-11-20T08:00:00+07:00',
    context:
      options.courseId === undefined
        ? { platform: 'Moodle', language: 'vi' }
        : moodleContext({ site, courseId: options.courseId }),
  }
}

/** A graded assignment: `scored` of the assignment with the grade (the log store's "attained grade for"). */
export function assignmentGraded(
  userId: string,
  raw: number,
  max: number,
  cmid = 20,
  where: Where = {},
) {
  const site = where.site ?? SITE
  return {
    actor: learner(userId, site),
    verb: { id: VERB.scored, display: { en: 'attained grade for' } },
    object: activity(
      moduleIri('assign', cmid, site),
      'http://adlnet.gov/expapi/activities/assessment',
      'Bài tập: Áp phích an toàn mạng',
    ),
    result: { score: { raw, min: 0, max, scaled: raw / max }, completion: true },
    timestamp: '2026-11-21T09:00:00+07:00',
    context: {
      ...moodleContext(where),
      instructor: { name: 'Giáo viên', account: { homePage: site, name: '2' } },
    },
  }
}

/** A lesson ended: `completed` of the lesson with its grade. */
export function lessonCompleted(userId: string, raw: number, cmid = 30, where: Where = {}) {
  const site = where.site ?? SITE
  return {
    actor: learner(userId, site),
    verb: verb('completed'),
    object: activity(
      moduleIri('lesson', cmid, site),
      'http://adlnet.gov/expapi/activities/lesson',
      'Bài học: Bảo vệ dữ liệu cá nhân',
    ),
    result: { score: { raw, min: 0, max: 100 }, completion: true },
    timestamp: '2026-11-21T10:00:00+07:00',
    context: moodleContext(where),
  }
}

/**
 * An H5P activity in Moodle: the content's own statement (`verb`, with the score) about
 * mod/h5pactivity/view.php?id=<cmid>, and one `answered` per sub-content whose parent is the content.
 */
export function h5pAttempt(
  userId: string,
  score: { readonly raw: number; readonly max: number },
  options: Where & {
    readonly cmid?: number
    readonly verb?: 'completed' | 'answered'
    readonly parts?: number
  } = {},
) {
  const site = options.site ?? SITE
  const content = moduleIri('h5pactivity', options.cmid ?? 40, site)
  const parent = activity(
    content,
    'http://adlnet.gov/expapi/activities/cmi.interaction',
    'H5P: Nhận diện tin giả',
  )
  const parts = Array.from({ length: options.parts ?? 3 }, (_, i) => ({
    actor: learner(userId, site),
    verb: verb('answered'),
    object: {
      id: `${content}?subContentId=5f1e${i}a2c-0000-4000-8000-00000000000${i}`,
      objectType: 'Activity',
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        interactionType: 'choice',
        name: { vi: `Câu hỏi ${i + 1}` },
        correctResponsesPattern: ['0'],
        choices: [
          { id: '0', description: { vi: 'Đúng' } },
          { id: '1', description: { vi: 'Sai' } },
        ],
      },
    },
    result: { score: { raw: 1, min: 0, max: 1, scaled: 1 }, success: true, completion: true },
    timestamp: '2026-11-22T08:00:00+07:00',
    context: moodleContext(options, [parent]),
  }))
  const whole = {
    actor: learner(userId, site),
    verb: verb(options.verb ?? 'completed'),
    object: parent,
    result: {
      score: { raw: score.raw, min: 0, max: score.max, scaled: score.raw / score.max },
      success: score.raw / score.max >= 0.5,
      completion: true,
      duration: 'PT3M',
    },
    timestamp: '2026-11-22T08:01:00+07:00',
    context: moodleContext(options),
  }
  return { whole, parts }
}

/** The SCORM package's course and one SCO of it, as the SCORM-to-xAPI wrapper names them. */
export const SCORM_COURSE = 'https://scorm.thpt-chuvanan.edu.vn/an-toan-so'
export const SCORM_SCO = `${SCORM_COURSE}/sco-1`

/**
 * A SCORM SCO through the SCORM-to-xAPI wrapper: initialized, one interaction responded, scored,
 * passed or failed, completed and terminated, each on the SCO with the course as parent (the
 * learner named by email, as content outside the LMS does).
 */
export function scormSession(email: string, scaled: number, registration: string) {
  const actor = { name: 'Người học', mbox: `mailto:${email}` }
  const sco = activity(
    SCORM_SCO,
    'http://adlnet.gov/expapi/activities/lesson',
    'SCO 1: Mật khẩu an toàn',
  )
  const course = activity(SCORM_COURSE, 'http://adlnet.gov/expapi/activities/course', 'An toàn số')
  const context = { registration, contextActivities: { parent: [course], grouping: [course] } }
  const at = (minute: number) => `2026-11-23T08:${String(minute).padStart(2, '0')}:00+07:00`
  const on = (name: VerbName, minute: number, result?: object) => ({
    actor,
    verb: verb(name),
    object: sco,
    ...(result && { result }),
    timestamp: at(minute),
    context,
  })
  const passed = scaled >= 0.8
  return [
    on('initialized', 0),
    {
      actor,
      verb: verb('responded'),
      object: {
        id: `${SCORM_SCO}/interactions/q1`,
        objectType: 'Activity',
        definition: {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          interactionType: 'true-false',
          correctResponsesPattern: ['true'],
        },
      },
      result: { response: 'true', success: true },
      timestamp: at(5),
      context: { registration, contextActivities: { parent: [sco], grouping: [course] } },
    },
    on('scored', 9, { score: { scaled } }),
    on(passed ? 'passed' : 'failed', 9, { score: { scaled }, success: passed }),
    on('completed', 10, { completion: true }),
    on('terminated', 10),
  ]
}

/** A cmi5 AU and its block and course (cmi5 §9: ids the course structure gives). */
export const CMI5_COURSE = 'https://khoahoc.hcm.edu.vn/cmi5/nls-co-ban'
export const CMI5_BLOCK = `${CMI5_COURSE}/block-1`
export const CMI5_AU = `${CMI5_COURSE}/au-1`
const CMI5_CATEGORY = activity(
  'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  'http://adlnet.gov/expapi/activities/profile',
)

/**
 * A cmi5 session of a learner (named by account on the LMS): launched, passed or failed with the
 * score, completed, terminated on the AU, all with one registration; and, when passed, `satisfied`
 * of the block (by the LMS).
 */
export function cmi5Session(userId: string, scaled: number, registration: string, site = SITE) {
  const actor = learner(userId, site)
  const au = activity(
    CMI5_AU,
    'https://w3id.org/xapi/cmi5/activitytype/au',
    'Bài 1: Sử dụng thư điện tử an toàn',
  )
  const at = (minute: number) => `2026-11-24T08:${String(minute).padStart(2, '0')}:00+07:00`
  const context = {
    registration,
    contextActivities: {
      grouping: [{ id: CMI5_COURSE, objectType: 'Activity' }],
      category: [CMI5_CATEGORY],
    },
    extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': `s-${registration}` },
  }
  const passed = scaled >= 0.7
  const on = (name: VerbName, minute: number, result?: object, object: object = au) => ({
    actor,
    verb: verb(name),
    object,
    ...(result && { result }),
    timestamp: at(minute),
    context,
  })
  return [
    on('launched', 0),
    on(passed ? 'passed' : 'failed', 8, { score: { scaled }, success: passed, duration: 'PT8M' }),
    on('completed', 9, { completion: true, duration: 'PT9M' }),
    on('terminated', 10),
    ...(passed
      ? [
          on(
            'satisfied',
            10,
            undefined,
            activity(CMI5_BLOCK, 'https://w3id.org/xapi/cmi5/activitytype/block'),
          ),
        ]
      : []),
  ]
}

export { SITE as MOODLE_SITE }
