// Deep Linking offers the course's table first: a pupils' class (TT02.NH) sees the learners'
// components first and open, a teachers' course the school's table; in both languages.
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let world: LtiWorld
beforeAll(async () => {
  world = await startLtiWorld()
}, 60_000)
afterAll(() => stopLtiWorld(world))

/** The tables of a chooser page in their order, and the one open. */
function tablesOf(html: string): { order: string[]; open: string[] } {
  const sections = [...html.matchAll(/<details( open)? data-audience="([^"]+)">/g)]
  return {
    order: sections.map((m) => m[2]!),
    open: sections.filter((m) => m[1]).map((m) => m[2]!),
  }
}

/** A teacher's deep linking launch from course `courseId`: the chooser page. */
async function chooser(courseId: string): Promise<string> {
  const page = await launchIn(createBrowser(), world.platform, {
    role: 'Instructor',
    userId: '3',
    courseId,
    messageType: 'LtiDeepLinkingRequest',
  })
  expect(page.status).toBe(200)
  return page.text
}

describe("the deep linking chooser and the course's table", () => {
  it("lists the school's table first for a course without its own", async () => {
    const tables = tablesOf(await chooser('31'))
    expect(tables.order[0]).toBe('TT18.PT')
    expect(tables.open).toEqual(['TT18.PT'])
  })

  it("lists a pupils' class's TT02.NH first and open, then the others, in both languages", async () => {
    const { stores } = world.nls
    const tenantId = world.registered.tenantId
    // The course exists once a launch from it was recorded; its trainer then sets its table.
    await chooser('32')
    const course = await stores.courses.upsertContext(tenantId, {
      deploymentId: world.platform.deploymentId,
      externalId: '32',
    })
    await stores.courses.setCourseTable(tenantId, course.id, { audience: 'TT02.NH', grade: 7 })
    const html = await chooser('32')
    const tables = tablesOf(html)
    expect(tables.order[0]).toBe('TT02.NH')
    expect(tables.open).toEqual(['TT02.NH'])
    expect([...tables.order].sort()).toEqual(['TT02.NH', 'TT18.MN', 'TT18.PT', 'TT18.QL'])
    // The language switch shows the same order.
    const request = /name="request" value="([^"]+)"/.exec(html)![1]!
    const res = await fetch(`${world.nls.url}/lti/deep-link/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, title: 'Quiz', lang: 'en' }).toString(),
    })
    expect(res.status).toBe(200)
    expect(tablesOf(await res.text())).toEqual(tables)
  })
})
