// Statements that arrive before a person's first launch are kept, and attach to them when the
// launch comes: by Moodle account (the default rule) or by email (a tenant's choice).
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let world: LtiWorld
let basic: string
beforeAll(async () => {
  world = await startLtiWorld()
  const { nls, registered } = world
  const { client, secret } = await nls.stores.xapiClients.createClient(
    registered.tenantId,
    'logstore',
    'test',
  )
  basic = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  await nls.stores.tags.createTag(registered.tenantId, {
    activityId: (
      await nls.stores.courses.upsertActivity(registered.tenantId, {
        iri: `${world.platform.issuer}/mod/quiz/view.php?id=12`,
      })
    ).id,
    competencyIds: ['TT18.PT.1.1.CB'],
  })
}, 30_000)
afterAll(() => stopLtiWorld(world))

async function post(statement: object): Promise<void> {
  const res = await fetch(`${world.nls.url}/xapi/statements`, {
    method: 'POST',
    headers: {
      'X-Experience-API-Version': '1.0.3',
      'content-type': 'application/json',
      authorization: basic,
    },
    body: JSON.stringify(statement),
  })
  expect(res.status).toBe(200)
}

async function levelOf(sub: string): Promise<string | null | undefined> {
  const { nls, registered, platform } = world
  await nls.inference.runOnce()
  const person = await nls.stores.people.findPersonByIdentity(registered.tenantId, {
    kind: 'lti',
    issuer: platform.issuer,
    clientId: platform.clientId,
    sub,
  })
  if (!person) return undefined
  const levels = await nls.stores.progress.findLevels(registered.tenantId, person.id)
  return levels.find((l) => l.componentId === 'TT18.PT.1.1')?.level
}

describe('matching statement actors to launched people', () => {
  it('keeps statements of an unknown Moodle user and attaches them at their first launch', async () => {
    const site = world.platform.issuer
    await post(quizAttempt('4', 9, { site }))
    expect(await levelOf('4')).toBeUndefined()
    const page = await launchIn(createBrowser(), world.platform, { role: 'Learner', userId: '4' })
    expect(page.status).toBe(200)
    expect(await levelOf('4')).toBe('CB')
    // Later statements find the person straight away.
    await post(quizAttempt('4', 10, { site }))
    expect(await levelOf('4')).toBe('CB')
  })

  it('matches by email when the tenant says so', async () => {
    const { nls, registered, platform } = world
    await nls.stores.tenants.setSettings(registered.tenantId, { identityRule: 'email' })
    const byEmail = {
      ...quizAttempt('7', 9, { site: platform.issuer }),
      actor: { name: 'Học viên 7', mbox: 'mailto:user7@example.com' },
    }
    await post(byEmail)
    await launchIn(createBrowser(), platform, { role: 'Learner', userId: '7', shareEmail: true })
    expect(await levelOf('7')).toBe('CB')
    // Under the email rule a Moodle account is not linked: an account statement stays unmatched.
    await post(quizAttempt('8', 9, { site: platform.issuer }))
    await launchIn(createBrowser(), platform, { role: 'Learner', userId: '8', shareEmail: true })
    expect(await levelOf('8')).toBeUndefined()
    await nls.stores.tenants.setSettings(registered.tenantId, {})
  })
})
