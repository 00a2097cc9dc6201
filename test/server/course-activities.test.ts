// The course page mirrors the course as Moodle knows it, over real HTTP on a real database: a
// course of 30 modules with thousands of quiz attempts, questions and reviews reads as 30 rows
// (and the NLS link once), by name; NLS's own progress statements are never listed.
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import {
  attemptReviewed,
  h5pAttempt,
  moduleIri,
  pageViewed,
  quizAttempt,
  quizQuestion,
} from '../support/moodle-statements.ts'
import { type School, startSchool } from '../support/school.ts'

const CONTEXT_CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/context'
const LINK_TITLE = 'Đánh giá năng lực số'
/** Moodle's course module id of the NLS link (Moodle logs a view of it as mod/lti/view.php). */
const LINK_CMID = 99

let school: School
beforeAll(async () => {
  school = await startSchool()
  // One learner has launched NLS: their statements attach to them.
  await school.enrol('100', 'Learner')
  const site = school.platform.issuer
  const learners = Array.from({ length: 40 }, (_, i) => String(100 + i))
  const statements: unknown[] = []
  // 10 quizzes: each learner makes 2 attempts of 3 questions and reviews them (7 statements).
  for (let q = 0; q < 10; q++) {
    const cmid = 200 + q
    const quizName = `Kiểm tra ${String(q + 1).padStart(2, '0')}`
    for (const [i, user] of learners.entries()) {
      for (const n of [1, 2]) {
        const attempt = cmid * 1000 + i * 10 + n
        for (const question of [1, 2, 3]) {
          statements.push(quizQuestion(user, question, n === 2, { site, cmid, attempt, quizName }))
        }
        statements.push(quizAttempt(user, n === 2 ? 9 : 4, { site, cmid, attempt, quizName }))
        statements.push(attemptReviewed(user, { site, cmid, attempt, quizName }))
      }
    }
  }
  // 10 pages and 10 H5P activities (one sub-content each).
  for (const user of learners.slice(0, 5)) {
    for (let p = 0; p < 10; p++) {
      statements.push(
        pageViewed(user, 300 + p, site, {
          courseId: 2,
          name: `Bài đọc ${String(p + 1).padStart(2, '0')}`,
        }),
      )
      const h5p = h5pAttempt(user, { raw: 3, max: 4 }, { site, cmid: 400 + p, parts: 1 })
      statements.push(...h5p.parts, h5p.whole)
    }
    // Moodle's own row of the NLS link: viewed, named as the link.
    statements.push(
      pageViewed(user, LINK_CMID, site, { module: 'lti', courseId: 2, name: LINK_TITLE }),
    )
  }
  // The log store posts at most 30 events a run; larger batches here only save time.
  for (let i = 0; i < statements.length; i += 1_000) {
    await school.send(statements.slice(i, i + 1_000))
  }
}, 300_000)
afterAll(() => school?.close())

/**
 * The course page of a teacher launched from course 2, and its activity rows; of the site's
 * administrator launched outside a course: the school's activities.
 */
async function coursePage(of: 'course' | 'school' = 'course') {
  const browser = createBrowser()
  const landed = await launchIn(
    browser,
    school.platform,
    of === 'course'
      ? { role: 'Instructor', userId: '3' }
      : {
          role: 'Administrator',
          userId: '2',
          tamper: ({ [CONTEXT_CLAIM]: _, ...claims }) => claims,
        },
  )
  expect(landed.status).toBe(200)
  const session = new URL(landed.url).searchParams.get('session')!
  const page = await browser.get(`${school.nls.url}/app/course?session=${session}`)
  expect(page.status).toBe(200)
  const rows = [...page.text.matchAll(/<tr data-activity="([^"]*)"[^>]*>([\s\S]*?)<\/tr>/g)].map(
    (m) => ({ iri: m[1]!, html: m[2]! }),
  )
  return { page, rows }
}

describe('the course page', () => {
  it('lists a course of 30 modules with thousands of attempts as 30 rows and the NLS link once, by name', async () => {
    const site = school.platform.issuer
    expect(await school.nls.stores.statements.countStatements(school.tenantId)).toBeGreaterThan(
      4_000,
    )
    const { rows } = await coursePage()
    const modules = rows.filter((r) => r.iri.includes('/mod/'))
    expect(modules).toHaveLength(30)
    expect(rows.filter((r) => /attempt\.php|question\.php|subContentId/.test(r.iri))).toEqual([])
    // The NLS link and Moodle's view row of it are one row, named once.
    expect(rows.filter((r) => r.html.includes(LINK_TITLE))).toHaveLength(1)
    expect(rows.map((r) => r.iri)).not.toContain(moduleIri('lti', LINK_CMID, site))
    // A quiz is named from its attempts' parents; rows go by name.
    const quiz = rows.find((r) => r.iri === moduleIri('quiz', 200, site))
    expect(quiz?.html).toContain('Kiểm tra 01')
    const names = rows.map(
      (r) => />([^<>]*(?:Kiểm tra|Bài đọc|H5P|Đánh giá)[^<>]*)</.exec(r.html)?.[1],
    )
    expect(names.slice(0, 3)).toEqual(['Bài đọc 01', 'Bài đọc 02', 'Bài đọc 03'])
  })

  it('never lists NLS’s own progress statements', async () => {
    // A tenant without an upstream LRS keeps the progress statements it writes: tag a quiz, let
    // the levels change and the outbox deliver them, then look again.
    await school.api(
      'POST',
      '/tags',
      {
        activityIri: moduleIri('quiz', 200, school.platform.issuer),
        competencyIds: ['TT18.PT.1.1.CB'],
        rule: { minScore: 0.8 },
      },
      201,
    )
    await school.nls.inference.runOnce()
    await school.nls.outbox.runOnce()
    const progress = await school.nls.stores.statements.queryStatements(school.tenantId, {
      verbId: 'http://adlnet.gov/expapi/verbs/progressed',
      limit: 1,
    })
    expect(progress).toHaveLength(1)
    for (const of of ['course', 'school'] as const) {
      const { rows } = await coursePage(of)
      expect(rows.filter((r) => r.iri.includes('TT18.'))).toEqual([])
      expect(rows.filter((r) => r.iri.includes('/mod/'))).toHaveLength(30)
    }
  })

  it('shows a school-wide tag to a course’s trainer without a link to change it', async () => {
    const prefix = await school.nls.stores.tags.createTag(school.tenantId, {
      activityPrefix: `${school.platform.issuer}/mod/page/`,
      competencyIds: ['TT18.PT.2.1.CB'],
    })
    const editLink = `/app/tags/${prefix.id}`
    const asTrainer = (await coursePage('course')).page.text
    expect(asTrainer).toContain(`data-tag="${prefix.id}"`)
    expect(asTrainer).not.toContain(editLink)
    const asAdministrator = (await coursePage('school')).page.text
    expect(asAdministrator).toContain(editLink)
  })
})
