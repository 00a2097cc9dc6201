// A person whose LMS roles in a course no longer include the staff role they had (a trainer made
// a student) loses the sessions made with it at their next launch; a launch in the same role
// ends nothing.
import type { RunningServer } from '../../src/server/start-server.ts'
import { createBrowser } from '../support/browser.ts'
import type { FakePlatform, InitiateLaunchOptions } from '../support/fake-lti-platform.ts'
import { launchIn } from '../support/lti-launch.ts'
import { startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let nls: RunningServer
let platform: FakePlatform
beforeAll(async () => {
  ;({ nls, platform } = await startLtiWorld())
}, 60_000)
afterAll(() => stopLtiWorld({ nls, platform }))

/** Launches in a new browser; the session token the landing page's URL carries. */
async function launch(options: InitiateLaunchOptions): Promise<string> {
  const page = await launchIn(createBrowser(), platform, options)
  expect(page.status).toBe(200)
  return new URL(page.url).searchParams.get('session')!
}

const get = (path: string, token: string) =>
  fetch(`${nls.url}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  })

it('a launch as learner ends the sessions of the person’s instructor launch in that course', async () => {
  const instructor = await launch({ role: 'Instructor', userId: '3', courseId: '2' })
  expect((await get('/api/tags', instructor)).status).toBe(200)
  expect((await fetch(`${nls.url}/app/class?session=${instructor}`)).status).toBe(200)

  const learner = await launch({ role: 'Learner', userId: '3', courseId: '2' })
  expect((await get('/api/tags', instructor)).status).toBe(401)
  expect((await fetch(`${nls.url}/app/class?session=${instructor}`)).status).toBe(401)
  expect((await get('/app/me', instructor)).status).toBe(401)
  // The launch's own session is of the new generation.
  const me = await get('/app/me', learner)
  expect(me.status).toBe(200)
  expect(((await me.json()) as { session: { role: string } }).session.role).toBe('learner')

  // Another launch as learner loses no role: the earlier learner session lives on.
  await launch({ role: 'Learner', userId: '3', courseId: '2' })
  expect((await get('/app/me', learner)).status).toBe(200)
}, 60_000)
