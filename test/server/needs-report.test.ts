// A teacher's training-needs report, over real HTTP on a real database: from their evidence, the
// strengths they hold, the nearest next level's criteria below the school's target, and the
// tagged activity that would evidence them in the learning plan; in Vietnamese and English, in a
// printable version, and never with another teacher's evidence.
import { randomUUID } from 'node:crypto'
import { hashPassword } from '../../src/accounts/password.ts'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'
import { element } from '../support/app-pages.ts'

const PASSWORD = 'mat-khau-ban-dau'
const ASSIGNMENT = 'https://lms.ngocha.edu.vn/mod/assign/view.php?id=31'
const ASSIGNMENT_NAME = 'Bài tập: Kế hoạch bài dạy có dùng công nghệ'
const { catalog } = frameworksFrom([])
const text = (id: string) => catalog.getOf(id, 'descriptor').descriptor.text
const criteria = (levelId: string) =>
  catalog.getOf(levelId, 'level').level.descriptors.map((d) => d.id)
/** Text as the page writes it (the renderer escapes these). */
const html = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')

let nls: RunningServer
let tenantId: string
let cookie: string
let token: string

/** A person with evidence of every criterion of `levelId`, from one statement. */
async function giveEvidence(personId: string, tagId: string, levelId: string) {
  const { stores } = nls
  const id = randomUUID()
  const observedAt = new Date('2026-10-01T08:00:00Z')
  await stores.statements.insertStatements(tenantId, [
    {
      id,
      personId,
      actorKey: `test:${personId}`,
      verbId: 'http://adlnet.gov/expapi/verbs/completed',
      activityIri: 'urn:bai-hoc:1',
      activityTree: ['urn:bai-hoc:1'],
      timestamp: observedAt,
      source: 'push',
      statement: { id },
    },
  ])
  await stores.progress.insertEvidence(
    tenantId,
    personId,
    criteria(levelId).map((competencyId) => ({ competencyId, statementId: id, tagId, observedAt })),
  )
}

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Ngọc Hà' })).id
  const teacher = await stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'account', homePage: 'urn:nls:local-account', name: 'an.nguyen' },
    { name: 'Nguyễn Thị An' },
  )
  const colleague = await stores.people.upsertPersonByIdentity(tenantId, {
    kind: 'mbox',
    mbox: 'mailto:binh.tran@ngocha.edu.vn',
  })
  for (const person of [teacher, colleague]) {
    await stores.people.setAudiences(tenantId, person.id, ['TT18.PT'])
  }
  await stores.localAccounts.createAccount(tenantId, {
    username: 'an.nguyen',
    passwordHash: await hashPassword(PASSWORD),
    role: 'learner',
    personId: teacher.id,
  })
  // The lessons the teacher did evidence Cơ bản of 1.1; the colleague's evidence Cơ bản of 1.2.
  const lessons = await stores.tags.createTag(tenantId, {
    activityPrefix: 'urn:bai-hoc:',
    competencyIds: criteria('TT18.PT.1.1.CB'),
  })
  const forum = await stores.tags.createTag(tenantId, {
    activityPrefix: 'urn:dien-dan:',
    competencyIds: criteria('TT18.PT.1.2.CB'),
  })
  await giveEvidence(teacher.id, lessons.id, 'TT18.PT.1.1.CB')
  await giveEvidence(colleague.id, forum.id, 'TT18.PT.1.2.CB')
  // An assignment tagged with two Thành thạo criteria of 1.1: it is the plan.
  const assignment = await stores.courses.upsertActivity(tenantId, {
    iri: ASSIGNMENT,
    name: ASSIGNMENT_NAME,
  })
  await stores.tags.createTag(tenantId, {
    activityId: assignment.id,
    competencyIds: ['TT18.PT.1.1.TT.1', 'TT18.PT.1.1.TT.2'],
  })
  // The school aims at Thành thạo on 1.1; the teacher rates themselves Nâng cao there.
  await stores.tenants.setSettings(tenantId, { targets: { 'TT18.PT.1.1': 'TT' } })
  await stores.progress.addSelfAssessment(tenantId, teacher.id, {
    componentId: 'TT18.PT.1.1',
    level: 'NC',
    criteria: [],
  })
  const res = await fetch(`${nls.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'an.nguyen', password: PASSWORD }),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
  token = cookie.slice(cookie.indexOf('=') + 1)
}, 60_000)
afterAll(() => nls?.close())

const get = (path: string) => fetch(`${nls.url}${path}`, { headers: { cookie } })
describe('the training-needs report', () => {
  it('shows, in Vietnamese, the strengths, the nearest next criteria and the plan that evidences them', async () => {
    const res = await get('/app/needs')
    expect(res.status).toBe(200)
    const page = await res.text()
    // The overview: per domain, each component's level.
    expect(page).toContain('Tổng quan theo miền')
    expect(page).toContain('<li data-overview-component="TT18.PT.1.1" data-level="CB">')
    expect(page).toContain('<li data-overview-component="TT18.PT.1.2" data-level="none">')
    // Strengths: 1.1 at Cơ bản, its two criteria, verbatim, from one statement each.
    const strength = element(page, 'data-strength="TT18.PT.1.1"')
    expect(strength).toContain('data-level="CB"')
    expect(strength).toContain('1 minh chứng')
    for (const id of criteria('TT18.PT.1.1.CB')) {
      expect(strength).toContain(`data-held="${id}"`)
      expect(strength).toContain(html(text(id).vi))
    }
    // The colleague's evidence is not the teacher's.
    expect(page).not.toContain('data-strength="TT18.PT.1.2"')
    // Areas to improve: the four criteria of Thành thạo, the school's target.
    const area = element(page, 'data-area="TT18.PT.1.1"')
    expect(page).toContain('Nội dung cần cải thiện')
    expect(area).toContain('data-next="TT"')
    expect(area).toContain('Cần đạt 4 tiêu chí sau để lên mức Thành thạo:')
    for (const id of criteria('TT18.PT.1.1.TT')) expect(area).toContain(`data-unmet="${id}"`)
    expect(area).toContain(html(text('TT18.PT.1.1.TT.1').vi))
    expect(area).not.toContain('TT18.PT.1.1.NC')
    // The plan: the assignment, linked, with the two criteria it would evidence.
    const plan = element(page, 'data-plan-activity')
    expect(plan).toContain(`<a href="${html(ASSIGNMENT)}" target="_blank" rel="noopener">`)
    expect(plan).toContain(ASSIGNMENT_NAME)
    expect(plan).toContain('minh chứng được 2 tiêu chí: TT18.PT.1.1.TT.1, TT18.PT.1.1.TT.2')
    // The self-assessment above the evidence is said.
    expect(element(page, 'data-self="TT18.PT.1.1"')).toContain(
      'Bạn tự đánh giá cao hơn mức minh chứng cho thấy.',
    )
    // No target set on 1.2 and the others: Cơ bản by default, said so, its criteria to improve.
    expect(page).toContain('Mục tiêu mặc định: Cơ bản — mức mọi giáo viên cần có (Thông tư 18).')
    const byDefault = element(page, 'data-area="TT18.PT.1.2"')
    expect(byDefault).toContain('data-next="CB"')
    expect(byDefault).toContain('mặc định')
    expect(page).toContain('<select id="target-TT18.PT.1.2" name="target.TT18.PT.1.2">')
    expect(element(page, 'data-component="TT18.PT.1.2"')).toContain('data-source="default"')
    expect(page).toContain('href="/app/needs?print=1"')
  })

  it('shows the same in English, with the circular’s Vietnamese beside the translation', async () => {
    const page = await (await get('/app/needs?lang=en')).text()
    expect(page).toContain('Strengths')
    expect(page).toContain('Meet these 4 criteria to reach Proficient:')
    for (const id of ['TT18.PT.1.1.CB.1', 'TT18.PT.1.1.TT.1']) {
      expect(page).toContain(html(text(id).en!))
      expect(page).toContain(html(text(id).vi))
    }
    expect(element(page, 'data-plan-activity')).toContain(
      'would evidence 2 of these criteria: TT18.PT.1.1.TT.1, TT18.PT.1.1.TT.2',
    )
    expect(page).toContain('You rate yourself higher than your evidence shows.')
    expect(page).toContain('href="/app/needs?print=1&amp;lang=en"')
  })

  it('prints the report alone: no form, criteria unfolded, a page per domain', async () => {
    const page = await (await get('/app/needs?print=1')).text()
    expect(page).not.toContain('<form method="post" action="/app/needs"')
    expect(page).toContain('Bản để in')
    expect(page).toMatch(/Báo cáo nhu cầu bồi dưỡng của Nguyễn Thị An, ngày \d\d\/\d\d\/\d{4}/)
    expect(page).toContain('<details open>')
    expect(page).toContain('@media print')
    expect(page).toContain('.needs-domain{break-before:page')
    expect(page.match(/<section class="needs-domain"/g)).toHaveLength(6)
  })

  it('refuses a bad print value, naming the field, and a request without a session', async () => {
    const bad = await get('/app/needs?print=yes')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('print')
    const anonymous = await fetch(`${nls.url}/app/needs`, { redirect: 'manual' })
    expect(anonymous.status).toBe(401)
  })

  it('keeps the targets form working: an own target replaces the default one', async () => {
    const res = await fetch(`${nls.url}/app/needs`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({
        session: token,
        shown: 'TT18.PT.1.2',
        'target.TT18.PT.1.2': 'TT',
      }),
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    const page = await (await get('/app/needs')).text()
    // Nothing of 1.2 is met: the nearest step is Cơ bản, not the target Thành thạo.
    expect(element(page, 'data-area="TT18.PT.1.2"')).toContain('data-next="CB"')
    expect(element(page, 'data-component="TT18.PT.1.2"')).toContain('data-source="me"')
    for (const id of criteria('TT18.PT.1.2.CB')) expect(page).toContain(`data-unmet="${id}"`)
    // The forum tag would evidence them.
    expect(page).toContain('urn:dien-dan:')
  })
})
