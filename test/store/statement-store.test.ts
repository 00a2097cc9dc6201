import { randomUUID } from 'node:crypto'
import type { Database } from '../../src/store/database.ts'
import {
  postgresStatementStore,
  STATEMENTS_PER_INSERT,
} from '../../src/store/postgres-statement-store.ts'
import { postgresPeopleStore } from '../../src/store/postgres-people-store.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import { postgresLrsSourceStore } from '../../src/store/postgres-lrs-source-store.ts'
import { postgresOutboxStore } from '../../src/store/postgres-outbox-store.ts'
import type { StatementStore, StoredStatementInput } from '../../src/store/statement-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

const PASSED = 'http://adlnet.gov/expapi/verbs/passed'
const T0 = Date.parse('2026-03-01T08:00:00.000Z')

/** A statement `minutes` after T0 by an account actor. */
function statement(minutes: number, overrides: Partial<StoredStatementInput> = {}) {
  const id = overrides.id ?? randomUUID()
  const actorKey = overrides.actorKey ?? 'account:https://moodle.example.edu.vn|2'
  const input: StoredStatementInput = {
    id,
    actorKey,
    verbId: PASSED,
    activityIri: 'urn:quiz',
    activityTree: ['urn:quiz'],
    timestamp: new Date(T0 + minutes * 60_000),
    source: 'push',
    statement: { id, actor: { account: { homePage: 'https://moodle.example.edu.vn', name: '2' } } },
    ...overrides,
  }
  return input
}

let database: Database
let statements: StatementStore
let tenantId: string
let otherTenantId: string
let personId: string
beforeAll(async () => {
  database = await openTestDatabase()
  statements = postgresStatementStore(database.db)
  const tenants = postgresTenantStore(database.db)
  tenantId = (await tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
  otherTenantId = (await tenants.createTenant({ kind: 'platform', name: 'K12Online' })).id
  const people = postgresPeopleStore(database.db)
  personId = (
    await people.upsertPersonByIdentity(tenantId, { kind: 'mbox', mbox: 'mailto:a@x.vn' })
  ).id
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

describe('statement store', () => {
  it('keeps a statement with every field, and reads it back for its person', async () => {
    const input = statement(0, {
      personId,
      actorKey: 'mbox:mailto:a@x.vn',
      registration: randomUUID(),
      scoreScaled: 0.85,
      success: true,
      completion: false,
      source: 'pull',
      statement: { verb: { id: PASSED, display: { vi: 'đã đạt' } }, result: { score: 0.85 } },
    })
    expect(await statements.insertStatements(tenantId, [input])).toEqual({
      inserted: [input.id],
      existing: [],
    })
    expect(await statements.findStatementsForPerson(tenantId, personId)).toEqual([
      { ...input, tenantId, stored: expect.any(Date), voidedBy: undefined },
    ])
  })

  it('does not insert a re-sent statement twice, and says which were known', async () => {
    const tenant = (
      await postgresTenantStore(database.db).createTenant({
        kind: 'platform',
        name: 'resend',
      })
    ).id
    const [a, b, c] = [statement(1), statement(2), statement(3)]
    expect(await statements.insertStatements(tenant, [a!, b!])).toEqual({
      inserted: [a!.id, b!.id],
      existing: [],
    })
    const resent = { ...b!, id: b!.id.toUpperCase() }
    expect(await statements.insertStatements(tenant, [a!, c!, resent, c!])).toEqual({
      inserted: [c!.id],
      existing: [a!.id, b!.id],
    })
    expect(await statements.countStatements(tenant)).toBe(3)
    expect(await statements.insertStatements(tenant, [])).toEqual({ inserted: [], existing: [] })
  })

  it('keeps a batch larger than one INSERT', async () => {
    const tenant = (
      await postgresTenantStore(database.db).createTenant({
        kind: 'platform',
        name: 'bulk',
      })
    ).id
    const batch = Array.from({ length: STATEMENTS_PER_INSERT + 500 }, (_, i) => statement(i))
    const first = await statements.insertStatements(tenant, batch)
    expect(first.inserted).toEqual(batch.map((s) => s.id))
    expect(first.existing).toEqual([])
    expect(await statements.countStatements(tenant)).toBe(batch.length)
    const again = await statements.insertStatements(tenant, batch)
    expect(again).toEqual({ inserted: [], existing: batch.map((s) => s.id) })
  }, 30_000)

  it('reads a person’s statements by timestamp, after `since` (exclusive), up to `limit`', async () => {
    const person = (
      await postgresPeopleStore(database.db).upsertPersonByIdentity(tenantId, {
        kind: 'openid',
        openid: 'https://id.example/b',
      })
    ).id
    const batch = [statement(30), statement(10), statement(20), statement(40)].map((s) => ({
      ...s,
      personId: person,
    }))
    await statements.insertStatements(tenantId, batch)
    const ids = (found: { id: string }[]) => found.map((s) => s.id)
    const [at30, at10, at20, at40] = batch.map((s) => s.id)
    expect(ids(await statements.findStatementsForPerson(tenantId, person))).toEqual([
      at10,
      at20,
      at30,
      at40,
    ])
    const since = new Date(T0 + 20 * 60_000)
    expect(ids(await statements.findStatementsForPerson(tenantId, person, { since }))).toEqual([
      at30,
      at40,
    ])
    expect(
      ids(await statements.findStatementsForPerson(tenantId, person, { since, limit: 1 })),
    ).toEqual([at30])
  })

  it('matches an actor’s earlier unmatched statements to a person once', async () => {
    const actorKey = 'account:https://moodle.example.edu.vn|77'
    const person = (
      await postgresPeopleStore(database.db).upsertPersonByIdentity(tenantId, {
        kind: 'account',
        homePage: 'https://moodle.example.edu.vn',
        name: '77',
      })
    ).id
    const mine = [statement(1, { actorKey }), statement(2, { actorKey })]
    const someoneElse = statement(3, { actorKey: 'account:https://moodle.example.edu.vn|78' })
    await statements.insertStatements(tenantId, [...mine, someoneElse])
    await statements.insertStatements(otherTenantId, [statement(4, { actorKey })])

    expect(await statements.setPersonForActor(tenantId, actorKey, person)).toBe(2)
    expect(await statements.setPersonForActor(tenantId, actorKey, person)).toBe(0)
    const found = await statements.findStatementsForPerson(tenantId, person)
    expect(found.map((s) => [s.id, s.personId])).toEqual(mine.map((s) => [s.id, person]))
    expect(await statements.findStatementsForPerson(otherTenantId, person)).toEqual([])
  })

  it('matches many actors’ unmatched statements at once, each to its person, in this tenant', async () => {
    const people = postgresPeopleStore(database.db)
    const [an, binh] = await Promise.all(
      ['91', '92'].map(async (name) => {
        const person = await people.upsertPersonByIdentity(tenantId, {
          kind: 'account',
          homePage: 'https://moodle.example.edu.vn',
          name,
        })
        return person.id
      }),
    )
    const keyOf = (name: string) => `account:https://moodle.example.edu.vn|${name}`
    await statements.insertStatements(tenantId, [
      statement(11, { actorKey: keyOf('91') }),
      statement(12, { actorKey: keyOf('91') }),
      statement(13, { actorKey: keyOf('92') }),
      statement(14, { actorKey: keyOf('93') }),
    ])
    await statements.insertStatements(otherTenantId, [statement(15, { actorKey: keyOf('91') })])
    const matches = [
      { actorKey: keyOf('91'), personId: an! },
      { actorKey: keyOf('92'), personId: binh! },
    ]
    expect(await statements.setPersonForActors(tenantId, matches)).toEqual(
      new Map([
        [an, 2],
        [binh, 1],
      ]),
    )
    expect(await statements.setPersonForActors(tenantId, matches)).toEqual(new Map())
    expect(await statements.setPersonForActors(tenantId, [])).toEqual(new Map())
    expect(await statements.findStatementsForPerson(otherTenantId, an!)).toEqual([])
  })

  it('voids a statement once; voided statements are left out unless asked for', async () => {
    const person = (
      await postgresPeopleStore(database.db).upsertPersonByIdentity(tenantId, {
        kind: 'openid',
        openid: 'https://id.example/void',
      })
    ).id
    const [kept, target] = [statement(1, { personId: person }), statement(2, { personId: person })]
    await statements.insertStatements(tenantId, [kept!, target!])
    const voidingId = randomUUID()

    expect(await statements.voidStatement(otherTenantId, target!.id, voidingId)).toBe(false)
    expect(await statements.voidStatement(tenantId, target!.id, voidingId)).toBe(true)
    expect(await statements.voidStatement(tenantId, target!.id, randomUUID())).toBe(false)
    expect(await statements.voidStatement(tenantId, randomUUID(), voidingId)).toBe(false)

    const ids = (await statements.findStatementsForPerson(tenantId, person)).map((s) => s.id)
    expect(ids).toEqual([kept!.id])
    const all = await statements.findStatementsForPerson(tenantId, person, { includeVoided: true })
    expect(all.map((s) => [s.id, s.voidedBy])).toEqual([
      [kept!.id, undefined],
      [target!.id, voidingId],
    ])
  })

  it('keeps tenants apart, even for one statement id', async () => {
    const tenant = (
      await postgresTenantStore(database.db).createTenant({
        kind: 'platform',
        name: 'isolated',
      })
    ).id
    const shared = statement(5)
    expect((await statements.insertStatements(tenant, [shared])).inserted).toEqual([shared.id])
    expect((await statements.insertStatements(otherTenantId, [shared])).inserted).toEqual([
      shared.id,
    ])
    expect(await statements.countStatements(tenant)).toBe(1)
    expect(await statements.findStatementsForPerson(tenant, personId)).toEqual([])
  })

  it('names the activities of recent statements, within a course or all, most named first', async () => {
    const tenant = (
      await postgresTenantStore(database.db).createTenant({ kind: 'platform', name: 'seen' })
    ).id
    const course = 'https://moodle.example.edu.vn/course/view.php?id=7'
    const about = (iri: string, minutes: number, name?: string, grouping?: string) =>
      statement(minutes, {
        activityIri: iri,
        activityTree: [iri],
        stored: new Date(T0 + minutes * 60_000),
        statement: {
          object: { id: iri, ...(name && { definition: { name: { vi: name } } }) },
          ...(grouping && { context: { contextActivities: { grouping: [{ id: grouping }] } } }),
        },
      })
    await statements.insertStatements(tenant, [
      about('urn:quiz', 1, 'Bài kiểm tra (cũ)', course),
      about('urn:quiz', 2, 'Bài kiểm tra', course),
      about('urn:forum', 3, undefined, course),
      about('urn:elsewhere', 4, 'Ngoài khóa'),
      about('urn:elsewhere', 5),
      about('urn:elsewhere', 6),
    ])
    await statements.insertStatements(otherTenantId, [about('urn:theirs', 1, 'Of another', course)])
    expect(await statements.recentActivitiesIn(tenant, course, 100)).toEqual([
      { iri: 'urn:quiz', name: 'Bài kiểm tra', statements: 2 },
      { iri: 'urn:forum', statements: 1 },
    ])
    expect(await statements.recentActivitiesIn(tenant, undefined, 100)).toEqual([
      { iri: 'urn:elsewhere', name: 'Ngoài khóa', statements: 3 },
      { iri: 'urn:quiz', name: 'Bài kiểm tra', statements: 2 },
      { iri: 'urn:forum', statements: 1 },
    ])
    // Only the latest `scan` statements are looked through.
    expect(await statements.recentActivitiesIn(tenant, undefined, 3)).toEqual([
      { iri: 'urn:elsewhere', name: 'Ngoài khóa', statements: 3 },
    ])
  })

  it('folds attempts, questions, reviews and sub-contents under their module, and never lists progress statements', async () => {
    const tenant = (
      await postgresTenantStore(database.db).createTenant({ kind: 'platform', name: 'folded' })
    ).id
    const site = 'https://moodle.example.edu.vn'
    const course = `${site}/course/view.php?id=7`
    const quiz = `${site}/mod/quiz/view.php?id=12`
    const attempt = (n: number) => `${site}/mod/quiz/attempt.php?attempt=${n}&cmid=12`
    const h5p = `${site}/mod/h5pactivity/view.php?id=40`
    let minute = 0
    const row = (
      iri: string,
      parents: { id: string; name?: string }[],
      options: { name?: string; type?: string; source?: 'push' | 'progress' } = {},
    ) => {
      minute += 1
      return statement(minute, {
        activityIri: iri,
        activityTree: [iri, ...parents.map((p) => p.id)],
        stored: new Date(T0 + minute * 60_000),
        ...(options.source && { source: options.source as 'push' }),
        statement: {
          object: {
            id: iri,
            definition: {
              ...(options.type && { type: options.type }),
              ...(options.name && { name: { vi: options.name } }),
            },
          },
          context: {
            contextActivities: {
              parent: parents.map((p) => ({
                id: p.id,
                ...(p.name && { definition: { name: { vi: p.name } } }),
              })),
              grouping: [{ id: site }, { id: course }],
            },
          },
        },
      })
    }
    const QUIZ_PARENT = { id: quiz, name: 'Kiểm tra cuối chương' }
    await statements.insertStatements(tenant, [
      row(attempt(1), [QUIZ_PARENT], { name: 'Lượt làm bài' }),
      row(`${site}/question/question.php?cmid=12&id=5`, [{ id: attempt(1) }, QUIZ_PARENT], {
        name: 'Câu 1',
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      }),
      row(attempt(1), [QUIZ_PARENT], { name: 'Review' }),
      row(attempt(2), [QUIZ_PARENT], { name: 'Lượt làm bài' }),
      row(h5p, [], { name: 'H5P: Tin giả' }),
      row(`${h5p}?subContentId=ab12`, [{ id: h5p }], { name: 'Câu hỏi 1' }),
      row('urn:nls:competency:TT18.PT.1.1', [], { name: 'Progress', source: 'progress' }),
    ])
    expect(await statements.recentActivitiesIn(tenant, course, 100)).toEqual([
      // The quiz has no statement of its own: its name comes from the parents naming it.
      { iri: quiz, name: 'Kiểm tra cuối chương', statements: 4 },
      { iri: h5p, name: 'H5P: Tin giả', statements: 2 },
    ])
    expect(await statements.recentActivitiesIn(tenant, undefined, 100)).toEqual([
      { iri: quiz, name: 'Kiểm tra cuối chương', statements: 4 },
      { iri: h5p, name: 'H5P: Tin giả', statements: 2 },
    ])
  })

  describe('insertNewStatements (one step for a pushed batch)', () => {
    async function newTenant(name: string) {
      return (await postgresTenantStore(database.db).createTenant({ kind: 'platform', name })).id
    }

    it('keeps the batch and matches each actor to the person its identity names', async () => {
      const tenant = await newTenant('one-step')
      const known = (
        await postgresPeopleStore(database.db).upsertPersonByIdentity(tenant, {
          kind: 'account',
          homePage: 'https://moodle.example.edu.vn',
          name: '7',
        })
      ).id
      const a = statement(1, { actorKey: 'account:https://moodle.example.edu.vn|7' })
      const b = statement(2, { actorKey: 'mbox:mailto:new@x.vn' })
      const people = await statements.insertNewStatements(tenant, [
        {
          ...a,
          identity: { kind: 'account', homePage: 'https://moodle.example.edu.vn', name: '7' },
        },
        { ...b, identity: { kind: 'mbox', mbox: 'mailto:new@x.vn' } },
      ])
      expect(people).toEqual([known, undefined])
      const kept = await statements.getStatements(tenant, [a.id, b.id])
      expect(new Map(kept.map((k) => [k.id, k.personId]))).toEqual(
        new Map([
          [a.id, known],
          [b.id, undefined],
        ]),
      )
      expect(await statements.insertNewStatements(tenant, [])).toEqual([])
    })

    it('keeps nothing when any id of the batch is kept already, or repeats', async () => {
      const tenant = await newTenant('one-step clash')
      const old = statement(1)
      await statements.insertStatements(tenant, [old])
      const fresh = statement(2)
      expect(await statements.insertNewStatements(tenant, [fresh, old])).toBeUndefined()
      expect(await statements.insertNewStatements(tenant, [fresh, { ...fresh }])).toBeUndefined()
      expect(await statements.countStatements(tenant)).toBe(1)
      // An id another tenant holds is no clash.
      const other = await newTenant('one-step other')
      expect(await statements.insertNewStatements(other, [old])).toEqual([undefined])
    })

    it('enqueues each statement for the upstream LRS only when the tenant forwards', async () => {
      const outbox = postgresOutboxStore(database.db)
      const sources = postgresLrsSourceStore(database.db)
      const quiet = await newTenant('no upstream')
      const forwarding = await newTenant('forwarding')
      await sources.setSource(
        forwarding,
        {
          endpoint: 'https://lrs.example/xapi/',
          username: 'u',
          password: 'p',
          pull: false,
          forward: true,
        },
        'test',
      )
      const before = await outbox.depth()
      await statements.insertNewStatements(quiet, [statement(1)])
      expect(await outbox.depth()).toBe(before)
      const sent = statement(2)
      await statements.insertNewStatements(forwarding, [sent, statement(3)])
      expect(await outbox.depth()).toBe(before + 2)
      const due = await outbox.claimDue(new Date(Date.now() + 60_000), 100)
      const mine = due.find((m) => m.dedupeKey === `upstream:${sent.id}`)
      expect(mine?.payload).toEqual({ destination: 'upstream', statement: sent.statement })
      expect(mine?.tenantId).toBe(forwarding)
    })
  })
})
