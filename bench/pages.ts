// npm run bench: the first view of each role's main page with 1,000 people, on the embedded
// database (or BENCH_DATABASE_URL's PostgreSQL server): the server's answer over real HTTP
// (cold, then warm p50/p95) and, in headless Chromium, the time until the page has loaded.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { shippedCatalog } from '../framework/index.ts'
import { signSession, type Session } from '../lti/session.ts'
import { loadConfig } from '../src/config/config.ts'
import { createLogger } from '../src/server/logger.ts'
import { startServer } from '../src/server/start-server.ts'
import type { LevelInput } from '../src/store/index.ts'
import { heldLevel } from '../test/support/levels.ts'
import { launchChromium } from '../test/support/chromium-launch.ts'
import { quizAttempt, quizQuestion } from '../test/support/moodle-statements.ts'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000)
const UNITS = ['THCS Giảng Võ', 'THCS Thăng Long', 'THCS Nguyễn Trãi', 'THCS Ba Đình']
const SITE = 'https://lms.phong-gd.edu.vn'
const WARM_RUNS = 20

const dataDir = await mkdtemp(join(tmpdir(), 'nls-bench-'))
const env = process.env.BENCH_DATABASE_URL
  ? { DATABASE_URL: process.env.BENCH_DATABASE_URL }
  : { NLS_DATA_DIR: dataDir }
const config = loadConfig({ PORT: '0', HOST: '127.0.0.2', LOG_LEVEL: 'silent', ...env })
const nls = await startServer(config, createLogger('silent'))
const { stores } = nls

try {
  // A school of PEOPLE staff in four units, each with a level on every component of TT18.PT,
  // all learners of one course whose roster was just read; one teacher with real evidence.
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Bench' })).id
  const components = shippedCatalog()
    .components('TT18.PT')
    .map((c) => c.id)
  const codes = [null, 'CB', 'CB', 'TT', 'NC'] as const
  const context = await stores.courses.upsertContext(tenantId, {
    deploymentId: '1',
    externalId: 'bench',
    title: 'Bồi dưỡng năng lực số',
  })
  const levels = new Map<string, LevelInput[]>()
  const ids: string[] = []
  for (let i = 0; i < PEOPLE; i++) {
    const person = await stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'account', homePage: SITE, name: String(100 + i) },
      { name: `Giáo viên ${i}` },
    )
    ids.push(person.id)
    await stores.people.setUnit(tenantId, person.id, UNITS[i % UNITS.length]!)
    await stores.courses.setMemberRoles(tenantId, context.id, person.id, ['Learner'])
    levels.set(
      person.id,
      components.map((componentId, c) => heldLevel(componentId, codes[(i + c) % codes.length]!)),
    )
  }
  await stores.progress.saveLevelsOfPeople(tenantId, levels)
  await stores.courses.setRoster(tenantId, context.id, ids, new Date())
  // The teacher whose profile is measured: 20 tagged quizzes, 100 statements, worked out.
  const teacher = ids[0]!
  for (let q = 0; q < 20; q++) {
    const activity = await stores.courses.upsertActivity(tenantId, {
      iri: `${SITE}/mod/quiz/view.php?id=${q}`,
      name: `Bài kiểm tra ${q}`,
    })
    await stores.tags.createTag(tenantId, {
      activityId: activity.id,
      competencyIds: [`${components[q]}.CB`],
    })
  }
  const { client, secret } = await stores.xapiClients.createClient(tenantId, 'bench', 'bench')
  const statements = Array.from({ length: 100 }, (_, k) =>
    quizAttempt('100', 6 + (k % 5), { site: SITE, cmid: k % 20 }),
  )
  const sent = await fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: {
      'X-Experience-API-Version': '1.0.3',
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`,
    },
    body: JSON.stringify(statements),
  })
  if (sent.status !== 200) throw new Error(`statements: ${sent.status}`)
  // A busy school's log: 20,000 more statements (the window the activities page looks through)
  // of 30 quizzes, each attempt with its three questions, by learners who never launched NLS
  // (so that no inference runs meanwhile): the page folds them into 30 rows.
  const log = Array.from({ length: 5_000 }, (_, k) => {
    const where = { site: SITE, cmid: 100 + (k % 30), attempt: 50_000 + k }
    const user = String(90_000 + (k % 400))
    return [
      ...[1, 2, 3].map((q) => quizQuestion(user, q, (k + q) % 2 === 0, where)),
      quizAttempt(user, k % 11, where),
    ]
  }).flat()
  for (let i = 0; i < log.length; i += 1_000) {
    const res = await fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        'X-Experience-API-Version': '1.0.3',
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`,
      },
      body: JSON.stringify(log.slice(i, i + 1_000)),
    })
    if (res.status !== 200) throw new Error(`statements: ${res.status}`)
  }
  // The queue is worked out in passes of a batch; a few passes take the teacher's statements.
  for (let pass = 0; pass < 5; pass++) await nls.inference.runOnce()
  const sessionSecret = Buffer.from(
    // The server made it at start; this reads it (the value offered is not kept).
    await stores.toolKeys.secret('session', () => 'unused'),
    'base64url',
  )

  // The statistics refresh the server runs every ten minutes on the embedded database.
  const analyzeStarted = performance.now()
  await nls.maintenance.runOnce()
  const analyzeMs = Math.round(performance.now() - analyzeStarted)

  // A launch from the course, or (inCourse false) a local sign-in of a school without an LMS.
  const session = (role: Session['role'], inCourse: boolean) =>
    signSession(
      { tenantId, personId: teacher, role, gen: 0, ...(inCourse && { contextId: context.id }) },
      sessionSecret,
      new Date(),
    )
  const pages = [
    { name: 'teacher profile', path: '/app/profile', role: 'learner' as const },
    { name: 'self-assessment', path: '/app/self-assessment', role: 'learner' as const },
    { name: 'training needs', path: '/app/needs', role: 'learner' as const },
    {
      name: `class heat-map (${PEOPLE} learners)`,
      path: '/app/class',
      role: 'instructor' as const,
    },
    { name: 'review queue', path: '/app/review', role: 'instructor' as const },
    {
      name: `staff heat-map, no course (${PEOPLE} staff)`,
      path: '/app/class',
      role: 'instructor' as const,
      inCourse: false,
    },
    {
      name: "school's activities, no course (20,000 statements of 30 quizzes)",
      path: '/app/course',
      role: 'instructor' as const,
      inCourse: false,
    },
    {
      name: `manager report (${PEOPLE} staff)`,
      path: '/app/reports',
      role: 'administrator' as const,
    },
  ]
  const chromium = await launchChromium()
  const results = []
  try {
    for (const page of pages) {
      const token = await session(page.role, !('inCourse' in page) || page.inCourse !== false)
      const url = `${nls.url}${page.path}?session=${token}`
      const timed = async () => {
        const started = performance.now()
        const res = await fetch(url)
        const body = await res.text()
        if (res.status !== 200) throw new Error(`${page.path}: ${res.status} ${body.slice(0, 200)}`)
        return { ms: performance.now() - started, bytes: Buffer.byteLength(body) }
      }
      const cold = await timed()
      const warm = []
      for (let r = 0; r < WARM_RUNS; r++) warm.push((await timed()).ms)
      warm.sort((a, b) => a - b)
      const browserPage = await chromium.newPage({ viewport: { width: 360, height: 740 } })
      const started = performance.now()
      await browserPage.goto(url, { waitUntil: 'load' })
      const loadedMs = performance.now() - started
      await browserPage.close()
      results.push({
        page: page.name,
        htmlKiB: Math.round(cold.bytes / 1024),
        serverColdMs: Math.round(cold.ms),
        serverWarmMs: {
          p50: Math.round(warm[Math.floor(WARM_RUNS / 2)]!),
          p95: Math.round(warm[Math.floor(WARM_RUNS * 0.95)]!),
        },
        chromiumLoadedMs: Math.round(loadedMs),
      })
    }
  } finally {
    await chromium.close()
  }
  console.log(
    JSON.stringify(
      {
        benchmark: 'pages-first-view',
        database: nls.database.kind,
        people: PEOPLE,
        statisticsRefreshMs: analyzeMs,
        results,
      },
      null,
      2,
    ),
  )
} finally {
  await nls.close()
  await rm(dataDir, { recursive: true, force: true })
}
