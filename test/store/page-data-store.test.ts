// What the pages read and write beyond inference: tables, units, targets, ticked self-assessments,
// course rosters, levels of many people and the review queue; on both backends.
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { heldLevel } from '../support/levels.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let stores: Stores
let tenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
})
afterAll(() => database.close())

const UNKNOWN = '00000000-0000-4000-8000-000000000000'
let n = 0
const newPerson = async (name?: string) =>
  (
    await stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'mbox', mbox: `mailto:p${n++}@truong.edu.vn` },
      name ? { name } : undefined,
    )
  ).id
const level = (componentId: string, code: string | null, inferred = code) =>
  heldLevel(componentId, code, {
    inferredLevel: inferred,
    reasons: { levels: [{ level: 'CB', met: 2, needed: 2 }] },
  })

describe('people', () => {
  it('keep their tables and unit, and are read many at once', async () => {
    const a = await newPerson('Nguyễn Văn A')
    const b = await newPerson()
    await stores.people.setAudiences(tenantId, a, ['TT18.PT', 'TT18.QL'])
    await stores.people.setUnit(tenantId, a, 'THCS Láng Hạ')
    const read = await stores.people.getPeople(tenantId, [a, b, UNKNOWN])
    expect(read.map((p) => [p.id, p.audiences, p.unit]).sort()).toEqual(
      [
        [a, ['TT18.PT', 'TT18.QL'], 'THCS Láng Hạ'],
        [b, undefined, undefined],
      ].sort(),
    )
    await stores.people.setAudiences(tenantId, a, null)
    expect((await stores.people.getPerson(tenantId, a))?.audiences).toBeUndefined()
    await expect(stores.people.setUnit(tenantId, UNKNOWN, 'X')).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
    })
    expect(await stores.people.getPeople(tenantId, [])).toEqual([])
  })
  it('are listed by tenant and unit', async () => {
    const school = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS' })).id
    const add = async (mbox: string, unit?: string) => {
      const { id } = await stores.people.upsertPersonByIdentity(school, { kind: 'mbox', mbox })
      if (unit) await stores.people.setUnit(school, id, unit)
      return id
    }
    const a = await add('mailto:a@thcs.edu.vn', 'Tổ Toán')
    const b = await add('mailto:b@thcs.edu.vn', 'Tổ Văn')
    const c = await add('mailto:c@thcs.edu.vn')
    const ids = async (filter: { unit?: string; limit: number }) =>
      (await stores.people.listPeople(school, filter)).map((p) => p.id).sort()
    // Staff are the roster's people: c is known only by the statements naming them.
    expect(await ids({ limit: 10 })).toEqual([a, b].sort())
    expect(await ids({ limit: 10 })).not.toContain(c)
    expect(await ids({ unit: 'Tổ Toán', limit: 10 })).toEqual([a])
    expect(await ids({ unit: 'Tổ Sử', limit: 10 })).toEqual([])
    expect(await ids({ limit: 2 })).toHaveLength(2)
    expect(await stores.people.listPeople(tenantId, { unit: 'Tổ Văn', limit: 10 })).toEqual([])
  })
})

describe('targets and self-assessments', () => {
  it('sets, replaces and removes own targets', async () => {
    const p = await newPerson()
    await stores.progress.setPersonTargets(tenantId, p, [
      { componentId: 'TT18.PT.1.2', level: 'TT' },
      { componentId: 'TT18.PT.1.1', level: 'CB' },
    ])
    await stores.progress.setPersonTargets(tenantId, p, [
      { componentId: 'TT18.PT.1.1', level: 'NC' },
      { componentId: 'TT18.PT.1.2', level: null },
    ])
    expect(await stores.progress.personTargets(tenantId, p)).toEqual([
      { componentId: 'TT18.PT.1.1', level: 'NC' },
    ])
    await expect(
      stores.progress.setPersonTargets(tenantId, UNKNOWN, [{ componentId: 'X', level: 'CB' }]),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
  })

  it('keeps the ticked criteria with a self-assessment; the newest per component stands', async () => {
    const p = await newPerson()
    await stores.progress.addSelfAssessment(tenantId, p, {
      componentId: 'TT18.PT.1.1',
      level: 'CB',
      criteria: ['TT18.PT.1.1.CB.1', 'TT18.PT.1.1.CB.2'],
    })
    await stores.progress.addSelfAssessment(tenantId, p, {
      componentId: 'TT18.PT.1.1',
      level: null,
      criteria: [],
    })
    await stores.progress.addSelfAssessment(tenantId, p, {
      componentId: 'TT18.PT.1.2',
      level: 'TT',
    })
    const latest = await stores.progress.latestSelfAssessments(tenantId, p)
    expect(latest.map((a) => [a.componentId, a.level, a.criteria])).toEqual([
      ['TT18.PT.1.1', null, []],
      ['TT18.PT.1.2', 'TT', undefined],
    ])
  })
})

describe('course rosters', () => {
  it('keep the members read from the LMS, dropping those who left', async () => {
    const context = await stores.courses.upsertContext(tenantId, {
      deploymentId: '1',
      externalId: 'roster-course',
    })
    const [a, b, c] = [await newPerson(), await newPerson(), await newPerson()]
    for (const p of [a, b, c])
      await stores.courses.setMemberRoles(tenantId, context.id, p, ['Learner'])
    const at = new Date('2026-11-22T08:00:00Z')
    await stores.courses.setRoster(tenantId, context.id, [a, c], at)
    expect(
      (await stores.courses.listMembers(tenantId, context.id)).map((m) => m.personId).sort(),
    ).toEqual([a, c].sort())
    expect((await stores.courses.getContext(tenantId, context.id))?.rosterSyncedAt).toEqual(at)
    await stores.courses.setRoster(tenantId, context.id, [], at)
    expect(await stores.courses.listMembers(tenantId, context.id)).toEqual([])
  })
})

describe('levels of many people and the review queue', () => {
  it('reads levels by person', async () => {
    const [a, b] = [await newPerson(), await newPerson()]
    await stores.progress.saveLevels(tenantId, a, [
      level('TT18.PT.1.2', 'CB'),
      level('TT18.PT.1.1', 'TT'),
    ])
    const byPerson = await stores.progress.findLevelsOfPeople(tenantId, [a, b])
    expect(byPerson.get(a)?.map((l) => [l.componentId, l.level])).toEqual([
      ['TT18.PT.1.1', 'TT'],
      ['TT18.PT.1.2', 'CB'],
    ])
    expect(byPerson.has(b)).toBe(false)
  })

  it('lists levels inferred since the last verdict, leaving out trainer-set and reviewed ones', async () => {
    const [a, b, c] = [await newPerson(), await newPerson(), await newPerson()]
    await stores.progress.saveLevels(tenantId, a, [level('TT18.PT.2.1', 'CB')])
    await stores.progress.saveLevels(tenantId, b, [
      level('TT18.PT.2.1', 'TT'),
      level('TT18.PT.2.2', null),
    ])
    // c's level was set by a trainer (it differs from the inferred one).
    await stores.progress.saveLevels(tenantId, c, [level('TT18.PT.2.1', 'NC', 'CB')])
    const queue = () => stores.progress.reviewQueue(tenantId, { personIds: [a, b, c], limit: 10 })
    expect((await queue()).map((q) => [q.personId, q.componentId, q.level]).sort()).toEqual(
      [
        [a, 'TT18.PT.2.1', 'CB'],
        [b, 'TT18.PT.2.1', 'TT'],
      ].sort(),
    )
    // A verdict on one of a's criteria reviews a's component.
    await stores.inference.addOverride(tenantId, a, {
      targetId: 'TT18.PT.2.1.CB.1',
      action: 'confirm',
      reason: 'xác nhận',
      actor: 'person:trainer',
    })
    expect((await queue()).map((q) => q.personId)).toEqual([b])
    expect((await queue())[0]?.changedAt).toBeInstanceOf(Date)
    expect(await stores.progress.reviewQueue(tenantId, { personIds: [], limit: 10 })).toEqual([])
    expect(await stores.progress.reviewQueue(tenantId, { personIds: [b], limit: 0 })).toEqual([])
  })
})
