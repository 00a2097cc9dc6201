// The inference worker evaluates a batch of people with the same few statements whatever its
// size: the batch must give each person exactly what evaluating them alone gives (evidence added
// and removed, levels, changes), on both backends.
import { randomUUID } from 'node:crypto'
import { jest } from '@jest/globals'
import { evaluatePeople } from '../../src/evaluation/evaluate-people.ts'
import { evaluatePerson } from '../../src/evaluation/evaluate-person.ts'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { loadTenantContext } from '../../src/evaluation/tenant-context.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

jest.setTimeout(120_000)

const SITE = 'https://lms.thpt-e.edu.vn'
const QUIZ = `${SITE}/mod/quiz/view.php?id=5`
const PAGE = `${SITE}/mod/page/view.php?id=6`
const { model } = frameworksFrom([])

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
}, 60_000)
afterAll(() => database.close())

/** A school whose quiz and page are tagged; person i scored `scores[i]` (none: no statement). */
async function school(scores: readonly (number | undefined)[]) {
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT E' })).id
  const quiz = await stores.courses.upsertActivity(tenantId, { iri: QUIZ })
  const page = await stores.courses.upsertActivity(tenantId, { iri: PAGE })
  await stores.tags.createTag(tenantId, {
    activityId: quiz.id,
    competencyIds: ['TT18.PT.2.1.CB', 'TT18.PT.1.1.CB.1'],
    rule: { minScore: 0.5 },
  })
  await stores.tags.createTag(tenantId, { activityId: page.id, competencyIds: ['TT18.PT.3.1.CB'] })
  const people: string[] = []
  for (const [i, score] of scores.entries()) {
    const { id } = await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'account',
      homePage: SITE,
      name: `${i}`,
    })
    people.push(id)
    if (score === undefined) continue
    // The quiz first, then the page (a person's statements are read in time order).
    for (const [iri, at] of [
      [QUIZ, '2026-11-20T01:00:00Z'],
      [PAGE, '2026-11-20T02:00:00Z'],
    ] as const) {
      const statementId = randomUUID()
      await stores.statements.insertStatements(tenantId, [
        {
          id: statementId,
          personId: id,
          actorKey: `account:${SITE}|${i}`,
          verbId: 'http://adlnet.gov/expapi/verbs/completed',
          activityIri: iri,
          activityTree: [iri],
          timestamp: new Date(at),
          scoreScaled: score,
          source: 'push',
          statement: { id: statementId, result: { score: { scaled: score } } },
        },
      ])
    }
  }
  return { tenantId, people }
}

/** What a school's people hold, in the order of its people (ids left out). */
async function holdings(tenantId: string, people: readonly string[]) {
  return Promise.all(
    people.map(async (id) => ({
      evidence: (await stores.progress.findEvidence(tenantId, id)).map((e) => e.competencyId),
      levels: (await stores.progress.findLevels(tenantId, id)).map((l) => ({
        componentId: l.componentId,
        level: l.level,
        evidenceCount: l.evidenceCount,
        changeSeq: l.changeSeq,
        reasons: l.reasons,
      })),
    })),
  )
}

it('gives each person of a batch what evaluating them alone gives, twice over', async () => {
  const scores = [0.9, 0.2, undefined, 0.5, 1]
  const batch = await school(scores)
  const alone = await school(scores)
  const contextOf = (tenantId: string) => loadTenantContext(stores, tenantId)
  const withoutIds = <T extends { personId: string }>(list: readonly T[]) =>
    list.map(({ personId: _, ...rest }) => rest)

  for (let round = 0; round < 2; round++) {
    const batchContext = await contextOf(batch.tenantId)
    const together = await stores.transaction((tx) =>
      evaluatePeople(tx, model, batchContext, batch.people),
    )
    const aloneContext = await contextOf(alone.tenantId)
    const oneByOne = []
    for (const id of alone.people) {
      oneByOne.push(await stores.transaction((tx) => evaluatePerson(tx, model, aloneContext, id)))
    }
    expect(together.map((e) => e.personId)).toEqual(batch.people)
    expect(withoutIds(together)).toEqual(withoutIds(oneByOne))
    expect(await holdings(batch.tenantId, batch.people)).toEqual(
      await holdings(alone.tenantId, alone.people),
    )
    if (round === 0) {
      expect(together[0]!.evidenceAdded).toBeGreaterThan(0)
      expect(together[0]!.changes.length).toBeGreaterThan(0)
    } else {
      // Nothing changed since: nothing added, removed or saved.
      expect(together.every((e) => e.evidenceAdded + e.evidenceRemoved + e.savedLevels === 0)).toBe(
        true,
      )
    }
  }

  // The first person's statements voided: their evidence goes, for the batch as for them alone.
  for (const { tenantId, people } of [batch, alone]) {
    for (const s of await stores.statements.findStatementsForPerson(tenantId, people[0]!)) {
      await stores.statements.voidStatement(tenantId, s.id, randomUUID())
    }
  }
  const batchContext = await contextOf(batch.tenantId)
  const together = await stores.transaction((tx) =>
    evaluatePeople(tx, model, batchContext, batch.people),
  )
  const aloneContext = await contextOf(alone.tenantId)
  const oneByOne = []
  for (const id of alone.people) {
    oneByOne.push(await stores.transaction((tx) => evaluatePerson(tx, model, aloneContext, id)))
  }
  expect(together[0]!.evidenceRemoved).toBeGreaterThan(0)
  expect(withoutIds(together)).toEqual(withoutIds(oneByOne))
  expect(await holdings(batch.tenantId, batch.people)).toEqual(
    await holdings(alone.tenantId, alone.people),
  )
})
