// Forms that keep their input, over real HTTP on a real database: a refused form comes back with
// what was typed, each problem next to its field in the page's language (Vietnamese, or English
// with the switch), never the page that sends people back to the LMS. And the tag editor's verbs:
// a graded assignment (`scored`) counts once the trainer ticks it, and not before.
import { signSession } from '../../lti/session.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { assignmentGraded, moduleIri, MOODLE_SITE } from '../support/moodle-statements.ts'
import { startXapiTenant } from '../support/nls-server.ts'
import { createLocalAccount, LOCAL_PASSWORD as PASSWORD, signInLocal } from '../support/console.ts'
import { heldLevel } from '../support/levels.ts'

const V = { 'X-Experience-API-Version': '1.0.3', 'content-type': 'application/json' }
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed'
const SCORED = 'http://adlnet.gov/expapi/verbs/scored'
/** The generic refusal ("Cannot continue / open NLS again from the LMS"). */
const GENERIC = /Không thể tiếp tục|Cannot continue|data-code/

let nls: RunningServer
let tenantId: string
let basic: string
let admin: string
let activityId: string
/** Signed-in local accounts: a trainer and a manager (cookie, and the token forms carry). */
const signedIn: Record<'trainer' | 'manager', { cookie: string; token: string }> = {
  trainer: { cookie: '', token: '' },
  manager: { cookie: '', token: '' },
}

async function signIn(username: string) {
  const cookie = await signInLocal(nls, username)
  return { cookie, token: cookie.slice(cookie.indexOf('=') + 1) }
}

beforeAll(async () => {
  ;({ nls, tenantId, basic, admin } = await startXapiTenant('THCS Láng Hạ'))
  await createLocalAccount(nls, tenantId, 'totruong', 'instructor')
  await createLocalAccount(nls, tenantId, 'hieutruong', 'administrator')
  signedIn.trainer = await signIn('totruong')
  signedIn.manager = await signIn('hieutruong')
  activityId = (
    await nls.stores.courses.upsertActivity(tenantId, {
      iri: moduleIri('assign', 60),
      name: 'Bài tập: Áp phích an toàn mạng',
    })
  ).id
}, 60_000)
afterAll(() => nls?.close())

/** A page form as a browser posts it (fields may repeat), with the session it carries. */
async function postForm(
  who: keyof typeof signedIn,
  path: string,
  fields: readonly (readonly [string, string])[],
) {
  const { cookie, token } = signedIn[who]
  const body = new URLSearchParams()
  for (const [name, value] of fields) body.append(name, value)
  body.append('session', token)
  const res = await fetch(`${nls.url}${path}`, {
    method: 'POST',
    headers: { cookie, accept: 'text/html' },
    body,
    redirect: 'manual',
  })
  return { status: res.status, location: res.headers.get('location'), html: await res.text() }
}

async function getPage(who: keyof typeof signedIn, path: string) {
  const res = await fetch(`${nls.url}${path}`, {
    headers: { cookie: signedIn[who].cookie, accept: 'text/html' },
  })
  return { status: res.status, html: await res.text() }
}

/** The text of the problem shown at field `field`, and the field's own tag. */
function problemAt(html: string, field: string) {
  const problem = new RegExp(
    `<p class="error" id="${field}-problem" data-problem="${field}">(.*?)</p>`,
  )
  return problem.exec(html)?.[1]
}
function fieldTag(html: string, id: string) {
  return new RegExp(`<(?:input|fieldset)[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? ''
}

describe('the tag editor', () => {
  const badSave = [
    ['activityId', ''],
    ['minScore', 'tám mươi'],
    ['requireSuccess', 'yes'],
    ['count', '0'],
    ['weight', '2'],
  ] as const

  it('shows the default verbs ticked, scored among them, and the others to choose', async () => {
    const { status, html } = await getPage('trainer', `/app/tags/new?activityId=${activityId}`)
    expect(status).toBe(200)
    const verb = (id: string) =>
      new RegExp(
        `data-verb="${id}"><input type="checkbox" name="verb" value="${id}"( checked)?`,
      ).exec(html)?.[1]
    expect(verb(SCORED)).toBe(' checked')
    expect(verb(COMPLETED)).toBe(' checked')
    expect(html).toContain('data-verb="http://adlnet.gov/expapi/verbs/answered"')
    expect(verb('http://adlnet.gov/expapi/verbs/answered')).toBeUndefined()
    expect(html).toContain('Được chấm điểm (scored)')
  })

  it('refuses a bad save with 422, everything typed kept and each problem at its field, in Vietnamese', async () => {
    const fields = badSave.map(([k, v]) => [k, k === 'activityId' ? activityId : v] as const)
    const { status, html } = await postForm('trainer', '/app/tags/new', fields)
    expect(status).toBe(422)
    expect(html).not.toMatch(GENERIC)
    expect(html).toContain('<html lang="vi">')
    // What was typed, as typed; the ticked box still ticked; no verb ticked stays unticked.
    expect(fieldTag(html, 'minScore')).toContain('value="tám mươi"')
    expect(fieldTag(html, 'count')).toContain('value="0"')
    expect(fieldTag(html, 'weight')).toContain('value="2"')
    expect(html).toMatch(/name="requireSuccess" value="yes" checked/)
    expect(html).not.toMatch(/name="verb" value="[^"]+" checked/)
    // Each problem at its field, the field marked and described by it.
    expect(problemAt(html, 'minScore')).toContain('Điểm tối thiểu phải là một số phần trăm')
    expect(problemAt(html, 'count')).toContain('số nguyên từ 1 đến 1000')
    expect(problemAt(html, 'weight')).toContain('lớn hơn 0 và không quá 1')
    expect(problemAt(html, 'competency')).toContain('Hãy chọn ít nhất một năng lực')
    expect(problemAt(html, 'verb')).toContain('Hãy chọn ít nhất một hành động')
    for (const field of ['minScore', 'count', 'weight', 'competency', 'verb']) {
      expect(fieldTag(html, field)).toContain('aria-invalid="true"')
      expect(fieldTag(html, field)).toContain(`aria-describedby="${field}-problem"`)
    }
    // The summary at the top links to each field.
    const summary = /<div class="error" role="alert" data-problems[^>]*>([\s\S]*?)<\/div>/.exec(
      html,
    )?.[1]
    expect(summary).toContain('Chưa gửi được: 5 chỗ cần sửa')
    for (const field of ['minScore', 'count', 'weight', 'competency', 'verb']) {
      expect(summary).toContain(`href="#${field}"`)
    }
    expect(await nls.stores.tags.listTags(tenantId, { activityId })).toEqual([])
  })

  it('says the same in English with the switch, and keeps a ticked competency', async () => {
    const { status, html } = await postForm('trainer', '/app/tags/new?lang=en', [
      ['activityId', activityId],
      ['competency', 'TT18.PT.3.1.CB'],
      ['minScore', '150'],
      ['count', '1'],
      ['weight', '1'],
      ['verb', SCORED],
    ])
    expect(status).toBe(422)
    expect(html).not.toMatch(GENERIC)
    expect(html).toContain('<html lang="en">')
    expect(problemAt(html, 'minScore')).toBe(
      'The minimum score must be a percentage from 0 to 100 (such as 80), or empty.',
    )
    expect(html).toContain('Not sent: fix the problems below (1)')
    expect(html).toMatch(/name="competency" value="TT18.PT.3.1.CB" checked/)
    expect(html).toMatch(new RegExp(`name="verb" value="${SCORED}" checked`))
    expect(fieldTag(html, 'minScore')).toContain('value="150"')
  })

  it('refuses a learner’s save outright (403), never as a form to correct', async () => {
    const learner = await nls.stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: 'mailto:hocvien@langha.edu.vn',
    })
    const secret = Buffer.from(
      await nls.stores.toolKeys.secret('session', () => 'unused'),
      'base64url',
    )
    const token = await signSession(
      { tenantId, personId: learner.id, gen: 0, role: 'learner' },
      secret,
      new Date(),
    )
    const res = await fetch(`${nls.url}/app/tags/new`, {
      method: 'POST',
      headers: { accept: 'text/html' },
      body: new URLSearchParams({ session: token, activityId, competency: 'TT18.PT.3.1.CB' }),
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('data-problems')
  })

  it('answers a tag it does not know with not found, not a form problem', async () => {
    const res = await postForm('trainer', '/app/tags/00000000-0000-4000-8000-000000000000', [
      ['competency', 'TT18.PT.3.1.CB'],
    ])
    expect(res.status).toBe(404)
  })
})

describe('the verbs of a tag', () => {
  it('counts a graded assignment (`scored`) once the trainer ticks it, and not before', async () => {
    const learner = (
      await nls.stores.people.upsertPersonByIdentity(tenantId, {
        kind: 'account',
        homePage: MOODLE_SITE,
        name: '502',
      })
    ).id
    const rule = (verbs: readonly string[]) => [
      ['competency', 'TT18.PT.3.1.CB'] as const,
      ['minScore', '80'] as const,
      ['count', '1'] as const,
      ['weight', '1'] as const,
      ...verbs.map((v) => ['verb', v] as const),
    ]
    const made = await postForm('trainer', '/app/tags/new', [
      ['activityId', activityId],
      ...rule([COMPLETED]),
    ])
    expect(made.status).toBe(303)
    const [tag] = await nls.stores.tags.listTags(tenantId, { activityId })
    expect(tag?.rule).toMatchObject({ verbs: [COMPLETED], minScore: 0.8 })
    const sent = await fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: { ...V, authorization: basic },
      body: JSON.stringify([assignmentGraded('502', 17, 20, 60)]),
    })
    expect(sent.status).toBe(200)
    expect(await levelOf(learner, 'TT18.PT.3.1')).toBeNull()
    // The editor shows what the tag counts; the trainer ticks `scored` too.
    const edit = await getPage('trainer', `/app/tags/${tag!.id}`)
    expect(edit.html).not.toMatch(new RegExp(`name="verb" value="${SCORED}" checked`))
    const changed = await postForm('trainer', `/app/tags/${tag!.id}`, rule([COMPLETED, SCORED]))
    expect(changed.status).toBe(303)
    expect(await levelOf(learner, 'TT18.PT.3.1')).toBe('CB')
    const again = await getPage('trainer', `/app/tags/${tag!.id}`)
    expect(again.html).toMatch(new RegExp(`name="verb" value="${SCORED}" checked`))
  })
})

describe('the sign-in', () => {
  const signInForm = (path: string, fields: Record<string, string>) =>
    fetch(`${nls.url}${path}`, {
      method: 'POST',
      headers: { accept: 'text/html' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    })

  it('asks for an empty password at its field, the user name kept, in Vietnamese', async () => {
    const res = await signInForm('/login', { username: 'totruong', password: '' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).not.toMatch(GENERIC)
    expect(fieldTag(html, 'username')).toContain('value="totruong"')
    expect(fieldTag(html, 'password')).toContain('aria-describedby="password-problem"')
    expect(problemAt(html, 'password')).toBe('Hãy nhập trường này.')
    expect(html).toContain('href="#password"')
  })

  it('asks in English with the switch, and names the limit of an overlong user name', async () => {
    const res = await signInForm('/login?lang=en', { username: 'a'.repeat(201), password: 'x' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).not.toMatch(GENERIC)
    expect(problemAt(html, 'username')).toBe('Too long: at most 200 characters.')
    expect(fieldTag(html, 'username')).toContain(`value="${'a'.repeat(201)}"`)
  })
})

describe('the password change', () => {
  it('names the limit of an overlong new password at its field, never echoing a password', async () => {
    const long = 'm'.repeat(1_001)
    const { status, html } = await postForm('trainer', '/app/password', [
      ['current', PASSWORD],
      ['next', long],
      ['repeat', long],
    ])
    expect(status).toBe(400)
    expect(html).not.toMatch(GENERIC)
    expect(problemAt(html, 'next')).toBe('Quá dài: tối đa 1000 ký tự.')
    expect(html).not.toContain(long)
    expect(html).not.toContain(PASSWORD)
  })
})

describe('a verdict of the review queue', () => {
  it('asks for the reason at its field, the decision kept, in Vietnamese and in English', async () => {
    const person = await nls.stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'mbox', mbox: 'mailto:gv.lan@langha.edu.vn' },
      { name: 'Giáo viên Lan' },
    )
    await nls.stores.progress.saveLevels(tenantId, person.id, [heldLevel('TT18.PT.2.1', 'CB')])
    const queue = await getPage('trainer', '/app/review')
    const key = `${person.id} TT18.PT.2.1`
    const at = new RegExp(`data-review="${key}"[\\s\\S]*?id="(review-\\d+)-title"`).exec(
      queue.html,
    )?.[1]
    expect(at).toBeDefined()
    const verdict = [
      ['personId', person.id],
      ['componentId', 'TT18.PT.2.1'],
      ['decision', 'TT'],
      ['reason', '   '],
    ] as const
    for (const [path, text] of [
      ['/app/review', 'Hãy ghi lý do cho quyết định.'],
      ['/app/review?lang=en', 'Give a reason for the decision.'],
    ] as const) {
      const { status, html } = await postForm('trainer', path, verdict)
      expect(status).toBe(400)
      expect(html).not.toMatch(GENERIC)
      expect(problemAt(html, `${at}-reason`)).toBe(text)
      expect(fieldTag(html, `${at}-reason`)).toContain('value="   "')
      expect(fieldTag(html, `${at}-reason`)).toContain('aria-invalid="true"')
      expect(html).toMatch(/<option value="TT" selected>/)
      expect(html).toContain(`href="#${at}-reason"`)
    }
    expect(await nls.stores.progress.countReviewQueue(tenantId)).toBeGreaterThan(0)
  })
})

describe('the CSV uploads', () => {
  const upload = async (who: keyof typeof signedIn, path: string) => {
    const form = new FormData()
    form.set('session', signedIn[who].token)
    form.set('validOnly', 'yes')
    const res = await fetch(`${nls.url}${path}`, {
      method: 'POST',
      headers: { cookie: signedIn[who].cookie, accept: 'text/html' },
      body: form,
    })
    return { status: res.status, html: await res.text() }
  }

  it('asks for a file at the file field, the choice of valid rows kept', async () => {
    for (const [who, path] of [
      ['manager', '/app/roster'],
      ['trainer', '/app/course/tags'],
    ] as const) {
      const { status, html } = await upload(who, path)
      expect(status).toBe(400)
      expect(html).not.toMatch(GENERIC)
      expect(problemAt(html, 'file')).toBe('Hãy chọn một tệp CSV để tải lên.')
      expect(fieldTag(html, 'file')).toContain('aria-describedby="file-problem"')
      expect(html).toMatch(/name="validOnly" value="yes" checked/)
    }
  })

  it('keeps the roster to managers: a trainer is refused', async () => {
    expect((await upload('trainer', '/app/roster')).status).toBe(403)
  })
})

/** A person's level of a component once inference has run. */
async function levelOf(personId: string, componentId: string): Promise<string | null> {
  await nls.inference.runOnce()
  const res = await fetch(`${nls.url}/api/people/${personId}/profile?tenantId=${tenantId}`, {
    headers: { authorization: admin },
  })
  expect(res.status).toBe(200)
  const { components } = (await res.json()) as {
    components: { componentId: string; level: string | null }[]
  }
  return components.find((c) => c.componentId === componentId)?.level ?? null
}
