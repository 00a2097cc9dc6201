import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { postgresCourseStore } from '../../src/store/postgres-course-store.ts'
import { postgresPeopleStore } from '../../src/store/postgres-people-store.ts'
import { postgresProgressStore } from '../../src/store/postgres-progress-store.ts'
import { postgresStatementStore } from '../../src/store/postgres-statement-store.ts'
import { postgresTagStore } from '../../src/store/postgres-tag-store.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import type { Evidence, ProgressStore } from '../../src/store/progress-store.ts'
import { selfAssessments } from '../../src/store/schema/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

const UNKNOWN = '00000000-0000-4000-8000-000000000000'
const at = (day: number) => new Date(Date.UTC(2026, 2, day, 8))

let database: Database
let progress: ProgressStore
let tenantId: string
let otherTenantId: string
let tagId: string
let otherTagId: string
const newPerson = async (tenant = tenantId) =>
  (
    await postgresPeopleStore(database.db).upsertPersonByIdentity(tenant, {
      kind: 'openid',
      openid: `https://id.example/${randomUUID()}`,
    })
  ).id

/** A statement of the person's, kept as evidence needs (evidence refers to its statement). */
const newStatement = async (personId: string) => {
  const id = randomUUID()
  await postgresStatementStore(database.db).insertStatements(tenantId, [
    {
      id,
      personId,
      actorKey: `person:${personId}`,
      verbId: 'http://adlnet.gov/expapi/verbs/completed',
      activityIri: 'urn:quiz',
      activityTree: ['urn:quiz'],
      timestamp: at(1),
      source: 'push',
      statement: {},
    },
  ])
  return id
}

beforeAll(async () => {
  database = await openTestDatabase()
  progress = postgresProgressStore(database.db)
  const tenants = postgresTenantStore(database.db)
  tenantId = (await tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
  otherTenantId = (await tenants.createTenant({ kind: 'platform', name: 'K12Online' })).id
  const quiz = await postgresCourseStore(database.db).upsertActivity(tenantId, { iri: 'urn:quiz' })
  const tagStore = postgresTagStore(database.db)
  tagId = (
    await tagStore.createTag(tenantId, { activityId: quiz.id, competencyIds: ['TT18.PT.1.1.CB.1'] })
  ).id
  otherTagId = (
    await tagStore.createTag(tenantId, { activityId: quiz.id, competencyIds: ['TT18.PT.1.1.CB.2'] })
  ).id
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

describe('evidence', () => {
  it('keeps evidence once and reads it back, oldest first', async () => {
    const personId = await newPerson()
    const [s1, s2] = [await newStatement(personId), await newStatement(personId)]
    const evidence: Evidence[] = [
      { competencyId: 'TT18.PT.1.1.CB.2', statementId: s2, tagId: otherTagId, observedAt: at(2) },
      { competencyId: 'TT18.PT.1.1.CB.1', statementId: s1, tagId, observedAt: at(1) },
    ]
    expect(await progress.insertEvidence(tenantId, personId, evidence)).toBe(2)
    const more: Evidence = {
      competencyId: 'TT18.PT.1.1.CB',
      statementId: s1,
      tagId,
      observedAt: at(1),
    }
    expect(await progress.insertEvidence(tenantId, personId, [...evidence, more, more])).toBe(1)
    expect(await progress.insertEvidence(tenantId, personId, [])).toBe(0)
    expect(await progress.findEvidence(tenantId, personId)).toEqual([
      more,
      evidence[1],
      evidence[0],
    ])
    expect(await progress.findEvidence(otherTenantId, personId)).toEqual([])
  })

  it('refuses evidence of a tag or a statement that does not exist', async () => {
    const personId = await newPerson()
    const statementId = await newStatement(personId)
    const evidence = { competencyId: 'X', statementId, tagId, observedAt: at(1) }
    for (const bad of [{ tagId: UNKNOWN }, { statementId: UNKNOWN }]) {
      await expect(
        progress.insertEvidence(tenantId, personId, [{ ...evidence, ...bad }]),
      ).rejects.toMatchObject({
        code: 'ERR_STORE_NOT_FOUND',
        message: `person ${personId}, or a tag or statement of the evidence, does not exist`,
      })
    }
    expect(await progress.findEvidence(tenantId, personId)).toEqual([])
  })

  it('a statement of another tenant cannot be evidence here', async () => {
    const personId = await newPerson()
    const foreign = randomUUID()
    await postgresStatementStore(database.db).insertStatements(otherTenantId, [
      {
        id: foreign,
        actorKey: 'elsewhere',
        activityTree: [],
        verbId: 'http://adlnet.gov/expapi/verbs/completed',
        timestamp: at(1),
        source: 'push',
        statement: {},
      },
    ])
    await expect(
      progress.insertEvidence(tenantId, personId, [
        { competencyId: 'X', statementId: foreign, tagId, observedAt: at(1) },
      ]),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
  })
})

const level = (l: string, frameworkVersion = '2026.1') => ({
  componentId: 'TT18.PT.1.1',
  level: l,
  inferredLevel: l,
  evidenceCount: 1,
  changeSeq: 1,
  frameworkVersion,
  reasons: [],
})

describe('evidence for inference', () => {
  it('replaces a person’s evidence with exactly the set given', async () => {
    const personId = await newPerson()
    const [s1, s2] = [await newStatement(personId), await newStatement(personId)]
    const piece = (competencyId: string, statementId: string, tag = tagId): Evidence => ({
      competencyId,
      statementId,
      tagId: tag,
      observedAt: at(2),
    })
    const first = [piece('TT18.PT.1.1.CB.1', s1), piece('TT18.PT.1.1.CB.2', s1, otherTagId)]
    expect(await progress.replaceEvidence(tenantId, personId, first)).toEqual({
      added: 2,
      removed: 0,
    })
    expect(await progress.replaceEvidence(tenantId, personId, first)).toEqual({
      added: 0,
      removed: 0,
    })
    const second = [first[1]!, piece('TT18.PT.1.1.CB.1', s2)]
    expect(await progress.replaceEvidence(tenantId, personId, second)).toEqual({
      added: 1,
      removed: 1,
    })
    const kept = await progress.findEvidence(tenantId, personId)
    expect(kept.map((e) => [e.competencyId, e.statementId]).sort()).toEqual(
      [
        ['TT18.PT.1.1.CB.1', s2],
        ['TT18.PT.1.1.CB.2', s1],
      ].sort(),
    )
    expect(await progress.replaceEvidence(tenantId, personId, [])).toEqual({
      added: 0,
      removed: 2,
    })
    await expect(
      progress.replaceEvidence(tenantId, personId, [piece('TT18.PT.1.1.CB.1', UNKNOWN)]),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
  })

  it('reads evidence and levels of a range of people, and saves levels of many at once', async () => {
    const ids = [await newPerson(), await newPerson(), await newPerson()].sort()
    for (const id of ids) {
      await progress.insertEvidence(tenantId, id, [
        {
          competencyId: 'TT18.PT.6.1.CB',
          statementId: await newStatement(id),
          tagId,
          observedAt: at(3),
        },
      ])
    }
    // A statement that evidences two descriptors, observed to the millisecond.
    const both = await newStatement(ids[1]!)
    const observedAt = new Date('2026-10-05T01:02:03.456Z')
    await progress.insertEvidence(tenantId, ids[1]!, [
      { competencyId: 'TT18.PT.6.1.TT', statementId: both, tagId, observedAt },
      { competencyId: 'TT18.PT.6.2.CB', statementId: both, tagId, observedAt },
    ])
    const level = (componentId: string, l: string | null) => ({
      componentId,
      level: l,
      inferredLevel: l,
      evidenceCount: 1,
      changeSeq: 1,
      frameworkVersion: '2026-03-27',
      // Text a PostgreSQL array literal must quote.
      reasons: [{ level: 'CB', met: 1, needed: 1, note: 'a "b" \\ {c,d} NULL đ' }],
    })
    expect(
      await progress.saveLevelsOfPeople(
        tenantId,
        new Map([
          [ids[0]!, [level('TT18.PT.6.1', 'CB'), level('TT18.PT.6.2', null)]],
          [ids[2]!, [level('TT18.PT.6.1', 'TT')]],
        ]),
      ),
    ).toBe(3)
    const range = { after: ids[0], last: ids[2]! }
    const evidence = await progress.findEvidenceInRange(tenantId, range)
    // Other tests' people may fall in the range too: look at these three.
    const mine = (m: Map<string, unknown>) => [...m.keys()].filter((k) => ids.includes(k)).sort()
    expect(mine(evidence)).toEqual([ids[1], ids[2]])
    const byCompetency = (list: readonly Evidence[] = []) =>
      [...list].sort((a, b) => a.competencyId.localeCompare(b.competencyId))
    expect(byCompetency(evidence.get(ids[1]!))).toEqual([
      { competencyId: 'TT18.PT.6.1.CB', statementId: expect.any(String), tagId, observedAt: at(3) },
      { competencyId: 'TT18.PT.6.1.TT', statementId: both, tagId, observedAt },
      { competencyId: 'TT18.PT.6.2.CB', statementId: both, tagId, observedAt },
    ])
    expect(byCompetency(evidence.get(ids[1]!))).toEqual(
      byCompetency((await progress.findEvidenceOfPeople(tenantId, [ids[1]!])).get(ids[1]!)),
    )
    const fromStart = await progress.findEvidenceInRange(tenantId, { last: ids[0]! })
    expect(fromStart.has(ids[0]!)).toBe(true)
    expect(mine(fromStart)).toEqual([ids[0]])
    const levels = await progress.findLevelsInRange(tenantId, { last: ids[2]! })
    expect(
      levels
        .get(ids[0]!)
        ?.map((l) => [l.componentId, l.level])
        .sort(),
    ).toEqual([
      ['TT18.PT.6.1', 'CB'],
      ['TT18.PT.6.2', null],
    ])
    expect(levels.get(ids[2]!)).toEqual([
      { personId: ids[2], ...level('TT18.PT.6.1', 'TT'), updatedAt: expect.any(Date) },
    ])
    expect((await progress.findLevelsInRange(otherTenantId, { last: ids[2]! })).size).toBe(0)
    expect(await progress.saveLevelsOfPeople(tenantId, new Map())).toBe(0)
  })
})

describe('component levels', () => {
  it('saves a level per component and replaces it on the next save', async () => {
    const personId = await newPerson()
    await progress.saveLevels(tenantId, personId, [
      {
        componentId: 'TT18.PT.1.2',
        level: null,
        inferredLevel: null,
        evidenceCount: 0,
        changeSeq: 0,
        frameworkVersion: '2026.1',
        reasons: [],
      },
      {
        componentId: 'TT18.PT.1.1',
        level: 'CB',
        inferredLevel: null,
        evidenceCount: 3,
        changeSeq: 1,
        frameworkVersion: '2026.1',
        reasons: [{ descriptorId: 'TT18.PT.1.1.CB.1', statementIds: ['s1'] }],
      },
    ])
    const first = await progress.findLevels(tenantId, personId)
    expect(first).toEqual([
      {
        personId,
        componentId: 'TT18.PT.1.1',
        level: 'CB',
        inferredLevel: null,
        evidenceCount: 3,
        changeSeq: 1,
        frameworkVersion: '2026.1',
        reasons: [{ descriptorId: 'TT18.PT.1.1.CB.1', statementIds: ['s1'] }],
        updatedAt: expect.any(Date),
      },
      {
        personId,
        componentId: 'TT18.PT.1.2',
        level: null,
        inferredLevel: null,
        evidenceCount: 0,
        changeSeq: 0,
        frameworkVersion: '2026.1',
        reasons: [],
        updatedAt: expect.any(Date),
      },
    ])

    await progress.saveLevels(tenantId, personId, [
      { ...level('TT', '2026.2'), reasons: ['a'] },
      { ...level('NC', '2026.2'), inferredLevel: 'TT', evidenceCount: 7, reasons: ['b'] },
    ])
    expect(await progress.findLevels(tenantId, personId)).toEqual([
      {
        ...first[0],
        level: 'NC',
        inferredLevel: 'TT',
        evidenceCount: 7,
        frameworkVersion: '2026.2',
        reasons: ['b'],
        updatedAt: expect.any(Date),
      },
      first[1],
    ])
    await progress.saveLevels(tenantId, personId, [])
    expect(await progress.findLevels(tenantId, personId)).toHaveLength(2)
  })

  it('finds every person’s level of one component, within the tenant', async () => {
    const [a, b] = [await newPerson(), await newPerson()]
    const theirs = await newPerson(otherTenantId)
    await progress.saveLevels(tenantId, a, [{ ...level('CB'), componentId: 'TT18.PT.2.1' }])
    await progress.saveLevels(tenantId, b, [{ ...level('TT'), componentId: 'TT18.PT.2.1' }])
    await progress.saveLevels(otherTenantId, theirs, [
      { ...level('NC'), componentId: 'TT18.PT.2.1' },
    ])
    const found = await progress.findLevelsForComponent(tenantId, 'TT18.PT.2.1')
    expect(found.map((l) => [l.personId, l.level]).sort()).toEqual(
      [
        [a, 'CB'],
        [b, 'TT'],
      ].sort(),
    )
    expect(await progress.findLevels(tenantId, theirs)).toEqual([])
  })

  it('refuses to save levels of a person who does not exist', async () => {
    await expect(progress.saveLevels(tenantId, UNKNOWN, [level('CB', '1')])).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: `person ${UNKNOWN} does not exist`,
    })
  })
})

describe('self-assessments', () => {
  it('keeps every answer and gives the newest per component', async () => {
    const personId = await newPerson()
    const first = await progress.addSelfAssessment(tenantId, personId, {
      componentId: 'TT18.PT.1.1',
      level: 'CB',
      note: 'Mới bắt đầu',
      assessedAt: at(1),
    })
    expect(first).toEqual({
      id: expect.any(Number),
      personId,
      componentId: 'TT18.PT.1.1',
      level: 'CB',
      note: 'Mới bắt đầu',
      assessedAt: at(1),
    })
    const newer = await progress.addSelfAssessment(tenantId, personId, {
      componentId: 'TT18.PT.1.1',
      level: 'TT',
      assessedAt: at(3),
    })
    await progress.addSelfAssessment(tenantId, personId, {
      componentId: 'TT18.PT.1.1',
      level: 'NC',
      assessedAt: at(2),
    })
    const other = await progress.addSelfAssessment(tenantId, personId, {
      componentId: 'TT18.PT.1.10',
      level: null,
    })
    expect(other.assessedAt).toBeInstanceOf(Date)
    expect(await progress.latestSelfAssessments(tenantId, personId)).toEqual([
      { ...newer, note: undefined },
      other,
    ])
    expect(await database.db.$count(selfAssessments, eq(selfAssessments.personId, personId))).toBe(
      4,
    )
    expect(await progress.latestSelfAssessments(otherTenantId, personId)).toEqual([])
  })

  it('refuses an answer of a person who does not exist', async () => {
    await expect(
      progress.addSelfAssessment(tenantId, UNKNOWN, { componentId: 'TT18.PT.1.1', level: 'CB' }),
    ).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: `person ${UNKNOWN} does not exist`,
    })
  })
})
