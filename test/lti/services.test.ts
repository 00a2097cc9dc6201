// LTI Advantage services against the fake Moodle 4.5 over real HTTP: access tokens signed with
// our key (Moodle verifies them from NLS's JWKS), AGS line items and scores, NRPS rosters.
import {
  type AccessTokens,
  createAccessTokens,
  fetchRoster,
  findOrCreateLineItem,
  isLearner,
  listLineItems,
  nextScoreTimestamp,
  postScore,
  SCOPE,
  type Score,
  type ServiceContext,
} from '../../lti/services/index.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import type { Platform } from '../../src/store/platform-store.ts'
import { type FakePlatform, startFakePlatform } from '../support/fake-lti-platform.ts'
import { registerPlatform, startNls } from '../support/nls-server.ts'

const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'

let nls: RunningServer
let platform: FakePlatform
let registered: Platform
let tokens: AccessTokens
/** The AGS and NRPS endpoints of a graded link (course 2, link 7), as the launch gives them. */
let ags: { lineitems: string; lineitem: string }

beforeAll(async () => {
  nls = await startNls()
  platform = await startFakePlatform()
  registered = await registerPlatform(nls, platform)
  tokens = createAccessTokens({ toolKeys: nls.stores.toolKeys, now: () => new Date() })
  const claims = platform.launchClaims({
    role: 'Learner',
    nonce: 'n',
    courseId: '2',
    resourceLinkId: '7',
    graded: true,
  })
  ags = claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] as typeof ags
})
afterAll(async () => {
  await platform.close()
  await nls.close()
})

type Call = { method: string; url: string }

/**
 * A ServiceContext whose fetch records every call; `intercept` may answer instead of Moodle
 * (`forward` sends the request to Moodle all the same).
 */
function context(
  intercept?: (n: number, forward: () => Promise<Response>) => Promise<Response | undefined>,
) {
  const calls: Call[] = []
  const sleeps: number[] = []
  const recording = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ method: init?.method ?? 'GET', url: String(input) })
    const forward = () => fetch(input, init)
    return (await intercept?.(calls.length, forward)) ?? forward()
  }) as typeof fetch
  const ctx: ServiceContext = {
    platform: registered,
    tokens,
    fetch: recording,
    sleep: async (ms) => void sleeps.push(ms),
  }
  return { ctx, calls, sleeps }
}

describe('access tokens', () => {
  it('are requested once per platform and scope set, reused, and requested again after expiry', async () => {
    let clock = new Date()
    const own = createAccessTokens({ toolKeys: nls.stores.toolKeys, now: () => clock })
    const before = platform.tokenRequests()
    const [a, b] = await Promise.all([
      own.token(registered, [SCOPE.score, SCOPE.lineItem]),
      own.token(registered, [SCOPE.lineItem, SCOPE.score]),
    ])
    expect(await own.token(registered, [SCOPE.score, SCOPE.lineItem])).toBe(a)
    expect(b).toBe(a)
    expect(platform.tokenRequests()).toBe(before + 1)

    await own.token(registered, [SCOPE.contextMembershipReadonly])
    expect(platform.tokenRequests()).toBe(before + 2)

    // Moodle's tokens live an hour (LTI_ACCESS_TOKEN_LIFE).
    clock = new Date(clock.getTime() + 3600_000)
    expect(await own.token(registered, [SCOPE.score, SCOPE.lineItem])).not.toBe(a)
    expect(platform.tokenRequests()).toBe(before + 3)
  })

  it('a refusal names the platform, the token endpoint and the OAuth error', async () => {
    const stranger = { ...registered, id: 'other', clientId: 'not-registered' }
    await expect(tokens.token(stranger, [SCOPE.score])).rejects.toMatchObject({
      code: 'ERR_LTI_SERVICE_FAILED',
      message: `Moodle THPT Chu Văn An: token request to ${platform.tokenUrl} answered 400 invalid_client`,
      status: 400,
    })
  })
})

describe('line items (AGS 2.0 §3.2)', () => {
  it('find-or-create creates once and finds the same line item the second time', async () => {
    const { ctx, calls } = context()
    const before = platform.lineItems().length
    const input = {
      lineItemsUrl: ags.lineitems,
      resourceId: 'nls-tt18',
      tag: 'competency',
      label: 'Năng lực số',
      scoreMaximum: 100,
    }
    const created = await findOrCreateLineItem(ctx, input)
    expect(platform.lineItems()).toHaveLength(before + 1)
    expect(created).toMatchObject({
      label: 'Năng lực số',
      scoreMaximum: 100,
      resourceId: 'nls-tt18',
    })
    expect(created.id).toBe(platform.lineItems().at(-1)!.url)

    expect(await findOrCreateLineItem(ctx, input)).toEqual({ ...created, tag: 'competency' })
    expect(platform.lineItems()).toHaveLength(before + 1)
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET'])
  })

  it('finds the grade item Moodle made for a graded link by its resource link id', async () => {
    const { ctx } = context()
    const before = platform.lineItems().length
    const item = await findOrCreateLineItem(ctx, {
      lineItemsUrl: ags.lineitems,
      resourceLinkId: '7',
      label: 'unused',
      scoreMaximum: 10,
    })
    expect(item.id).toBe(ags.lineitem)
    expect(platform.lineItems()).toHaveLength(before)
  })

  it('follows Moodle’s next links (rel=“next”) through every page', async () => {
    const { ctx, calls } = context()
    for (const tag of ['page-a', 'page-b']) {
      await findOrCreateLineItem(ctx, {
        lineItemsUrl: ags.lineitems,
        tag,
        label: tag,
        scoreMaximum: 1,
      })
    }
    calls.length = 0
    const all = await listLineItems(ctx, `${ags.lineitems}&limit=1`)
    const inCourse = platform.lineItems().filter((item) => item.courseId === '2')
    expect(all.map((item) => item.id)).toEqual(inCourse.map((item) => item.url))
    expect(calls).toHaveLength(inCourse.length)
  })
})

describe('scores (AGS 2.0 §3.4)', () => {
  // What a caller keeps per (line item, user): the last timestamp sent.
  let last: string | undefined
  const stamp = (now = new Date()) => (last = nextScoreTimestamp(now, last))
  const score = (overrides: Partial<Score> = {}): Score => ({
    userId: '4',
    roles: [LEARNER],
    activityProgress: 'Completed',
    scoreGiven: 8,
    scoreMaximum: 10,
    ...overrides,
    timestamp: overrides.timestamp ?? stamp(),
  })

  it('reaches Moodle at <lineitem path>/scores?type_id=N with scoreGiven kept', async () => {
    const { ctx, calls } = context()
    const before = platform.scores().length
    await postScore(ctx, ags.lineitem, score({ comment: 'Thành thạo 1.1' }))
    expect(ags.lineitem).toMatch(/\/lineitem\?type_id=\d+$/)
    expect(calls).toEqual([
      { method: 'POST', url: ags.lineitem.replace('/lineitem?', '/lineitem/scores?') },
    ])
    expect(platform.scores().slice(before)).toEqual([
      expect.objectContaining({
        lineItemUrl: ags.lineitem,
        userId: '4',
        gradingProgress: 'FullyGraded',
        scoreGiven: 8,
        scoreMaximum: 10,
        comment: 'Thành thạo 1.1',
      }),
    ])
  })

  it('two scores in the same second get strictly increasing timestamps and both land', async () => {
    const { ctx } = context()
    const now = new Date()
    const before = platform.scores().length
    await postScore(ctx, ags.lineitem, score({ timestamp: stamp(now), scoreGiven: 5 }))
    await postScore(ctx, ags.lineitem, score({ timestamp: stamp(now), scoreGiven: 6 }))
    const landed = platform.scores().slice(before)
    expect(landed.map((s) => s.scoreGiven)).toEqual([5, 6])
    expect(Date.parse(landed[1]!.timestamp)).toBeGreaterThan(Date.parse(landed[0]!.timestamp))
  })

  it('an instructor is refused without any request', async () => {
    const { ctx, calls } = context()
    const tokenRequests = platform.tokenRequests()
    await expect(
      postScore(ctx, ags.lineitem, score({ userId: '3', roles: [INSTRUCTOR] })),
    ).rejects.toMatchObject({
      code: 'ERR_LTI_SCORE_NOT_LEARNER',
      message: 'scores are posted for learners only; the user has no Learner role or also teaches',
      userId: '3',
    })
    expect(calls).toEqual([])
    expect(platform.tokenRequests()).toBe(tokenRequests)
  })

  it('a 409 (timestamp not newer) and a 400 (not gradable) are surfaced and not retried', async () => {
    const { ctx, calls, sleeps } = context()
    const sent = score()
    await postScore(ctx, ags.lineitem, sent)
    calls.length = 0
    await expect(postScore(ctx, ags.lineitem, { ...sent, scoreGiven: 9 })).rejects.toMatchObject({
      code: 'ERR_LTI_SERVICE_FAILED',
      status: 409,
      platformMessage: expect.stringMatching(
        /^Refusing score with an earlier timestamp for item \d+ and user 4$/,
      ),
    })
    // Someone whose roles claim Learner but whom Moodle does not grade (its teacher).
    await expect(postScore(ctx, ags.lineitem, score({ userId: '3' }))).rejects.toMatchObject({
      code: 'ERR_LTI_SERVICE_FAILED',
      status: 400,
      message: expect.stringContaining('answered 400 "Incorrect score received'),
    })
    expect(calls).toHaveLength(2)
    expect(sleeps).toEqual([])
  })

  it('a transient 503 is retried after a backoff (no real waiting)', async () => {
    const { ctx, calls, sleeps } = context(async (n) =>
      n === 1 ? new Response('busy', { status: 503 }) : undefined,
    )
    const before = platform.scores().length
    await postScore(ctx, ags.lineitem, score({ scoreGiven: 9 }))
    expect(calls).toHaveLength(2)
    expect(sleeps).toEqual([1000])
    expect(
      platform
        .scores()
        .slice(before)
        .map((s) => s.scoreGiven),
    ).toEqual([9])
  })

  it('a score that landed although its answer was lost is not an error on the retry (409)', async () => {
    const { ctx, calls, sleeps } = context(async (n, forward) => {
      if (n !== 1) return undefined
      // Moodle stores the score; its answer never reaches us.
      await forward()
      return new Response('', { status: 502 })
    })
    const before = platform.scores().length
    await postScore(ctx, ags.lineitem, score({ scoreGiven: 10 }))
    expect(calls).toHaveLength(2)
    expect(sleeps).toEqual([1000])
    expect(
      platform
        .scores()
        .slice(before)
        .map((s) => s.scoreGiven),
    ).toEqual([10])
  })

  it('after a 401 the token is dropped and the score sent once more with a new one', async () => {
    const { ctx, calls } = context(async (n) =>
      n === 1 ? new Response('', { status: 401 }) : undefined,
    )
    const tokenRequests = platform.tokenRequests()
    const before = platform.scores().length
    await postScore(ctx, ags.lineitem, score({ scoreGiven: 7 }))
    expect(calls).toHaveLength(2)
    expect(platform.tokenRequests()).toBe(tokenRequests + 1)
    expect(
      platform
        .scores()
        .slice(before)
        .map((s) => s.scoreGiven),
    ).toEqual([7])
  })
})

describe('rosters (NRPS 2.0)', () => {
  it('a 25-member roster with page size 10 comes back whole, in 3 pages', async () => {
    const claims = platform.launchClaims({ role: 'Instructor', nonce: 'n', courseId: '3' })
    const nrps = claims['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'] as {
      context_memberships_url: string
    }
    platform.setRoster('3', { students: 24, pageSize: 10 })
    const { ctx, calls } = context()
    const members = await fetchRoster(ctx, nrps.context_memberships_url)
    expect(calls).toHaveLength(3)
    expect(members).toHaveLength(25)
    expect(new Set(members.map((m) => m.userId)).size).toBe(25)
    expect(members.find((m) => m.userId === '3')).toMatchObject({
      roles: ['Instructor'],
      status: 'Active',
      name: 'Lan Nguyễn Thị',
      givenName: 'Lan',
      familyName: 'Nguyễn Thị',
      email: 'teacher@example.com',
    })
    expect(members.filter((m) => isLearner(m.roles))).toHaveLength(24)
  })
})
