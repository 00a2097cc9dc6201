// A pupil's own pages (Circular 02/2025, table TT02.NH), over real HTTP on a real database: a
// pupil of grade 7 launched from their class course sees six domain bars toward the grade's goal
// (Trung cấp 1), component 1.1 at TC1 with the quiz that showed it, the course's tagged activities
// to do next, and a plain note that the official indicator text is not loaded, with nothing to
// tick in its place. Once a district imports the text, it is shown and ticked ("Em làm được…").
import { hashPassword } from '../../src/accounts/password.ts'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { shippedCatalog } from '../../framework/index.ts'
import { element, postAppForm } from '../support/app-pages.ts'
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { moduleIri, quizAttempt } from '../support/moodle-statements.ts'
import { startNls } from '../support/nls-server.ts'
import { type School, startSchool } from '../support/school.ts'

const PUPIL = '4'
const QUIZ = 'Bài 1: Tìm kiếm thông tin trên mạng'
const NEXT_QUIZ = 'Bài 2: Lọc kết quả tìm kiếm'
const NEW_AREA = 'Bài 3: Gửi thư cho bạn'
/** The official text a district imports for component 1.1 at Cơ bản 1. */
const OFFICIAL = {
  id: 'TT02.NH.1.1.CB1.1',
  code: '1.1.CB1a',
  text: {
    vi: 'Xác định được nhu cầu thông tin; tìm được dữ liệu, thông tin và nội dung đơn giản.',
    en: 'Identifies information needs; finds simple data, information and content.',
  },
}

describe('a pupil’s profile on the learners’ table', () => {
  let school: School
  let session: string
  let page: string

  beforeAll(async () => {
    school = await startSchool()
    const { nls, tenantId, platform } = school
    const { stores } = nls
    const pupilId = await school.enrol(PUPIL, 'Learner')
    const [course] = await stores.courses.listLearnerCourses(tenantId, pupilId)
    await stores.courses.setCourseTable(tenantId, course!.id, { audience: 'TT02.NH', grade: 7 })
    const site = platform.issuer
    const tagged = async (cmid: number, name: string, competencyIds: string[]) => {
      const activity = await stores.courses.upsertActivity(tenantId, {
        contextId: course!.id,
        iri: moduleIri('quiz', cmid, site),
        name,
      })
      await stores.tags.createTag(tenantId, { activityId: activity.id, competencyIds })
    }
    // TT02 levels are cumulative: TC1 needs CB1 and CB2 too.
    await tagged(501, QUIZ, ['TT02.NH.1.1.CB1', 'TT02.NH.1.1.CB2', 'TT02.NH.1.1.TC1'])
    await tagged(502, NEXT_QUIZ, ['TT02.NH.1.1.TC2'])
    await tagged(503, NEW_AREA, ['TT02.NH.2.1.CB1'])
    await school.send([quizAttempt(PUPIL, 9, { site, cmid: 501, quizName: QUIZ })])
    const browser = createBrowser()
    const landed = await launchIn(browser, platform, { role: 'Learner', userId: PUPIL })
    expect(landed.status).toBe(200)
    session = new URL(landed.url).searchParams.get('session')!
    const res = await browser.get(`${nls.url}/app/profile?session=${session}`)
    expect(res.status).toBe(200)
    page = res.text
  }, 120_000)
  afterAll(() => school?.close())

  it('shows six domain bars toward the grade’s goal, Trung cấp 1, in Vietnamese with English', () => {
    const view = element(page, 'data-pupil-view')
    expect(view).toContain('Năng lực số của em')
    expect(view).toContain('My digital skills')
    expect(element(view, 'data-goal')).toContain('Mục tiêu lớp 7: Trung cấp 1')
    expect(element(view, 'data-goal')).toContain('(grade 7): Intermediate 1')
    expect(view.match(/class="pupil-bar"/g)).toHaveLength(6)
    // Domain 1 waits for 1.2 and 1.3: a domain is at the lowest of its components' levels.
    expect(element(view, 'data-domain="TT02.NH.1"')).toContain('data-level="none"')
    expect(view).not.toContain('data-radar')
  })

  it('shows component 1.1 at TC1 with the quiz that showed it, linked', () => {
    const part = element(page, 'data-component="TT02.NH.1.1"')
    expect(part).toContain('data-level="TC1"')
    expect(part).toContain('Trung cấp 1')
    const shown = element(part, 'data-shown-by')
    expect(shown).toContain(QUIZ)
    expect(shown).toContain(`href="${moduleIri('quiz', 501, school.platform.issuer)}"`)
    expect(element(page, 'data-component="TT02.NH.1.2"')).toContain('data-level="none"')
  })

  it('lists the course’s tagged activities to do next, nearest first', () => {
    const next = element(page, 'data-next-steps')
    expect(next).toContain('Em làm gì tiếp theo?')
    const items = [...next.matchAll(/data-next-activity="[^"]*" data-next-level="([^"]+)"/g)]
    expect(items.map((m) => m[1])).toEqual(['CB1', 'TC2'])
    expect(next.indexOf(NEW_AREA)).toBeLessThan(next.indexOf(NEXT_QUIZ))
    expect(next).toContain('giúp em lên Trung cấp 2 ở phần 1.1')
    expect(next).not.toContain(QUIZ)
  })

  it('says plainly that the official text is not loaded, and invents none', async () => {
    expect(element(page, 'data-missing-text')).toContain(
      'Văn bản chính thức của các chỉ báo chưa được nạp vào hệ thống',
    )
    expect(page).not.toContain('data-descriptor=')
    expect(page).not.toContain('data-next-text=')
    const self = await createBrowser().get(
      `${school.nls.url}/app/self-assessment?session=${session}`,
    )
    expect(self.status).toBe(200)
    expect(self.text).toContain('Văn bản chính thức của các chỉ báo chưa được nạp vào hệ thống')
    expect(self.text).toContain('Em làm được…')
    expect(element(self.text, 'data-pupil-intro')).toContain('Đánh dấu những điều em làm được.')
    expect(self.text).not.toContain('Đánh dấu những điều bạn làm được.')
    expect(self.text).toContain('data-no-text="CB1"')
    expect(self.text).not.toContain('type="checkbox"')
  })

  it('refuses the profile without a session', async () => {
    const res = await fetch(`${school.nls.url}/app/profile`, { redirect: 'manual' })
    expect(res.status).toBe(401)
  })
})

describe('a pupil’s pages once the official text is imported', () => {
  const PASSWORD = 'mat-khau-hoc-sinh'
  let nls: RunningServer
  let cookie: string
  let criterionCount: number

  beforeAll(async () => {
    const exported = structuredClone(shippedCatalog().getOf('TT02', 'framework').framework)
    const level = exported.audiences[0]!.components[0]!.levels[0]!
    level.status = 'official'
    level.descriptors = [OFFICIAL]
    exported.version = '2025-official'
    criterionCount = frameworksFrom([exported]).model.target('TT02.NH.1.1.CB1')!.criteria.length
    nls = await startNls({
      prepare: async (stores) => {
        await stores.frameworks.saveFramework(
          { id: 'TT02', version: exported.version, document: exported },
          'test',
        )
      },
    })
    const { stores } = nls
    const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'TH Kim Đồng' }))
      .id
    // A pupil the roster puts on the learners' table, with no grade known.
    const pupil = await stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'account', homePage: 'urn:nls:local-account', name: 'hs.minh' },
      { name: 'Lê Minh' },
    )
    await stores.people.setAudiences(tenantId, pupil.id, ['TT02.NH'])
    await stores.localAccounts.createAccount(tenantId, {
      username: 'hs.minh',
      passwordHash: await hashPassword(PASSWORD),
      role: 'learner',
      personId: pupil.id,
    })
    const res = await fetch(`${nls.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'hs.minh', password: PASSWORD }),
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
  }, 60_000)
  afterAll(() => nls?.close())

  const get = (path: string) => fetch(`${nls.url}${path}`, { headers: { cookie } })

  it('says the grade is not known and shows the levels without a goal', async () => {
    const page = await (await get('/app/profile')).text()
    expect(element(page, 'data-no-grade')).toContain('Chưa biết em học lớp mấy')
    expect(page).not.toContain('data-goal=')
    expect(page.match(/class="pupil-bar"/g)).toHaveLength(6)
    // What 1.1 asks next is the imported text, verbatim.
    expect(element(page, 'data-next-text="CB1"')).toContain(OFFICIAL.text.vi)
    expect(page).toContain(`data-descriptor="${OFFICIAL.id}"`)
  })

  it('offers the imported text to tick, and saves the tick', async () => {
    expect(criterionCount).toBe(1)
    const page = await (await get('/app/self-assessment')).text()
    const part = element(page, 'data-component="TT02.NH.1.1"')
    expect(part).toContain('Em làm được…')
    expect(part).toContain(OFFICIAL.text.vi)
    expect(part.match(/type="checkbox"/g)).toHaveLength(1)
    expect(part).toContain(`value="${OFFICIAL.id}"`)
    // Only the imported text has a box; other levels still say theirs is not loaded.
    expect(page.match(/type="checkbox"/g)).toHaveLength(1)
    expect(part).toContain('data-no-text="CB2"')
    const saved = await postAppForm(
      nls.url,
      cookie,
      '/app/self-assessment',
      { shown: 'TT02.NH.1.1', criteria: OFFICIAL.id },
      '/app/self-assessment',
    )
    expect(saved.status).toBe(303)
    const after = await (await get('/app/self-assessment')).text()
    expect(element(after, 'data-component="TT02.NH.1.1"')).toContain('checked')
  })

  it('refuses a self-assessment naming no component, naming the field', async () => {
    const res = await postAppForm(
      nls.url,
      cookie,
      '/app/self-assessment',
      { shown: 'TT02.NH.1', criteria: OFFICIAL.id },
      '/app/self-assessment',
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('shown')
  })

  it('in English, English first and the Vietnamese beside', async () => {
    const page = await (await get('/app/profile?lang=en')).text()
    expect(page).toContain('<html lang="en">')
    expect(page).toContain("We don't know your grade yet")
    expect(page).toContain('Chưa biết em học lớp mấy')
    expect(page).toContain(OFFICIAL.text.en)
  })
})
