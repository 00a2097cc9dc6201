// Level history (kept by a trigger) and the report counts read from it, on both backends.
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { createStores, type LocalRole, type Stores } from '../../src/store/index.ts'
import { heldLevel } from '../support/levels.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let stores: Stores
let tenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Phòng GD&ĐT' })).id
})
afterAll(() => database.close())

const level = (componentId: string, code: string | null, changeSeq = 1) =>
  heldLevel(componentId, code, { changeSeq })

async function newPerson(unit: string | null, audiences: string[] | null = null) {
  const person = await stores.people.upsertPersonByIdentity(tenantId, {
    kind: 'mbox',
    mbox: `mailto:${Math.random().toString(36).slice(2)}@truong.edu.vn`,
  })
  if (audiences) await stores.people.setAudiences(tenantId, person.id, audiences)
  await database.db.execute(
    sql`update people set unit = ${unit}, on_roster = true, created_at = '2025-01-01' where id = ${person.id}`,
  )
  return person.id
}

async function history(personId: string) {
  return queryRows<{ component_id: string; level: string | null }>(
    database.db,
    sql`select component_id, level from level_history where person_id = ${personId} order by id`,
  )
}

describe('level history', () => {
  it('keeps every change of a level, in the transaction that saves it', async () => {
    const p = await newPerson('THCS Láng Hạ')
    await stores.progress.saveLevels(tenantId, p, [level('TT18.PT.1.1', 'CB')])
    await stores.progress.saveLevels(tenantId, p, [level('TT18.PT.1.1', 'CB')])
    await stores.progress.saveLevels(tenantId, p, [level('TT18.PT.1.1', 'TT', 2)])
    await stores.progress.saveLevels(tenantId, p, [level('TT18.PT.1.1', null, 3)])
    // A component saved with no level from the start has nothing to keep.
    await stores.progress.saveLevels(tenantId, p, [level('TT18.PT.1.2', null, 0)])
    await expect(
      stores.transaction(async (tx) => {
        await tx.progress.saveLevels(tenantId, p, [level('TT18.PT.1.1', 'NC', 4)])
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await history(p)).toEqual([
      { component_id: 'TT18.PT.1.1', level: 'CB' },
      { component_id: 'TT18.PT.1.1', level: 'TT' },
      { component_id: 'TT18.PT.1.1', level: null },
    ])
  })
})

describe('report tallies', () => {
  const components = ['TT18.PT.1.1', 'TT18.PT.1.2']
  let t: Awaited<ReturnType<typeof setup>>
  async function setup() {
    const other = (await stores.tenants.createTenant({ kind: 'platform', name: 'Khác' })).id
    const put = (personId: string, componentId: string, code: string | null, at: string) =>
      database.db
        .execute(sql`insert into level_history (tenant_id, person_id, component_id, level, changed_at)
        values (${tenantId}, ${personId}, ${componentId}, ${code}, ${at})`)
    const a1 = await newPerson('Trường A')
    const a2 = await newPerson('Trường A', ['TT18.PT', 'TT18.QL'])
    const b1 = await newPerson('Trường B')
    const mn = await newPerson('Trường B', ['TT18.MN'])
    await put(a1, 'TT18.PT.1.1', 'CB', '2025-09-10')
    await put(a1, 'TT18.PT.1.2', 'CB', '2025-10-10')
    await put(a1, 'TT18.PT.1.1', 'TT', '2026-03-01')
    await put(a2, 'TT18.PT.1.1', 'CB', '2025-12-01')
    await put(a2, 'TT18.PT.1.1', null, '2026-02-01')
    await put(b1, 'TT18.PT.1.2', 'NC', '2026-02-01')
    await put(mn, 'TT18.MN.1.1', 'CB', '2025-09-01')
    await stores.people.upsertPersonByIdentity(other, { kind: 'mbox', mbox: 'mailto:x@y.vn' })
    return { a1, a2, b1, mn }
  }
  beforeAll(async () => {
    t = await setup()
  })

  const query = (at: string, unit?: string) =>
    stores.reports.tallies(tenantId, {
      audience: 'TT18.PT',
      defaultAudience: 'TT18.PT',
      componentIds: components,
      at: new Date(at),
      ...(unit !== undefined && { unit }),
    })
  const sorted = <T>(rows: T[]) =>
    rows.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))

  it('counts the levels held at an instant, per unit, staff of the table only', async () => {
    expect(t.mn).toBeDefined()
    const jan = await query('2026-01-16T00:00:00+07:00')
    // The history-test person (unit Láng Hạ) holds nothing by then: they only count as staff.
    expect(sorted(jan.staff)).toEqual(
      sorted([
        { unit: 'THCS Láng Hạ', staff: 1, everyComponent: 0 },
        { unit: 'Trường A', staff: 2, everyComponent: 1 },
        { unit: 'Trường B', staff: 1, everyComponent: 0 },
      ]),
    )
    expect(sorted(jan.levels)).toEqual(
      sorted([
        { unit: 'Trường A', componentId: 'TT18.PT.1.1', level: 'CB', count: 2 },
        { unit: 'Trường A', componentId: 'TT18.PT.1.2', level: 'CB', count: 1 },
      ]),
    )
  })

  it('follows later changes: raised, lost, newly held', async () => {
    const may = await query('2026-05-01T00:00:00+07:00', 'Trường A')
    expect(may.staff).toEqual([{ unit: 'Trường A', staff: 2, everyComponent: 1 }])
    expect(sorted(may.levels)).toEqual(
      sorted([
        { unit: 'Trường A', componentId: 'TT18.PT.1.1', level: 'TT', count: 1 },
        { unit: 'Trường A', componentId: 'TT18.PT.1.2', level: 'CB', count: 1 },
      ]),
    )
    const b = await query('2026-05-01T00:00:00+07:00', 'Trường B')
    expect(b.levels).toEqual([
      { unit: 'Trường B', componentId: 'TT18.PT.1.2', level: 'NC', count: 1 },
    ])
  })

  it('does not count people who joined after the instant', async () => {
    const early = await query('2024-12-31T00:00:00+07:00')
    expect(early).toEqual({ staff: [], levels: [] })
  })

  it('lists the units', async () => {
    expect(await stores.reports.listUnits(tenantId)).toEqual([
      'THCS Láng Hạ',
      'Trường A',
      'Trường B',
    ])
  })
})

describe('who counts as staff', () => {
  const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/'
  let school: string
  beforeAll(async () => {
    school = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT Staff' })).id
    const course = await stores.courses.upsertContext(school, {
      deploymentId: 'd1',
      externalId: 'tap-huan-1',
    })
    // From the LMS: who a course has as what.
    const lms = async (sub: string, roles: string[] | null, unit?: string) => {
      const person = await stores.people.upsertPersonByIdentity(school, {
        kind: 'lti',
        issuer: 'https://lms.example',
        clientId: 'nls',
        sub,
      })
      if (roles) await stores.courses.setMemberRoles(school, course.id, person.id, roles)
      if (unit) await stores.people.setUnit(school, person.id, unit)
    }
    await lms('learner', [`${LIS}membership#Learner`])
    await lms('short-learner', ['Learner'])
    await lms('sub-role', [`${LIS}membership/Learner#NonCreditLearner`])
    await lms('trainer', [`${LIS}membership#Instructor`])
    await lms('trainer-and-learner', [`${LIS}membership#Instructor`, `${LIS}membership#Learner`])
    await lms('manager', [`${LIS}institution/person#Administrator`, `${LIS}membership#Learner`])
    await lms('no-course', null)
    await lms('trainer-on-roster', ['Instructor'], 'Tổ Toán')
    // NLS's own accounts are staff only on the roster: a sign-in alone is not.
    const account = async (name: string, role: LocalRole, unit?: string) => {
      const person = await stores.people.upsertPersonByIdentity(school, {
        kind: 'mbox',
        mbox: `mailto:${name}@truong.edu.vn`,
      })
      await stores.localAccounts.createAccount(school, {
        username: name,
        passwordHash: 'x',
        role,
        personId: person.id,
      })
      if (unit) await stores.people.setUnit(school, person.id, unit)
    }
    await account('giaovien', 'learner')
    await account('hieutruong', 'administrator')
    await account('totruong', 'instructor')
    await account('hieupho', 'administrator', 'Tổ Toán')
    // The roster file's people, with or without an account.
    await stores.roster.createPeople(school, [{ email: 'bich@truong.edu.vn', name: 'Bích' }])
    const giaovien = await stores.people.findPersonByIdentity(school, {
      kind: 'mbox',
      mbox: 'mailto:giaovien@truong.edu.vn',
    })
    await stores.roster.updatePeople(school, [
      { personId: giaovien!.id, email: 'giaovien@truong.edu.vn' },
    ])
    await account('chua-co-ten', 'learner')
  })

  it('counts learners of the LMS and the roster’s people, not sign-ins alone', async () => {
    // learner, short-learner, sub-role, bich, giaovien; trainer-on-roster, hieupho (Tổ Toán).
    // Not: the trainers, the manager, no-course, hieutruong, totruong, chua-co-ten.
    expect(await stores.reports.staffByUnit(school)).toEqual([
      { unit: '', staff: 5 },
      { unit: 'Tổ Toán', staff: 2 },
    ])
    const names = (await stores.people.listPeople(school, { limit: 100 })).length
    expect(names).toBe(7)
    expect(await stores.reports.staffByTable(school, 'TT18.PT')).toEqual(new Map([['TT18.PT', 7]]))
  })
})

describe('district tallies', () => {
  it('counts a person on two schools’ rosters once, with the school that had them first', async () => {
    const make = async (name: string) =>
      (await stores.tenants.createTenant({ kind: 'platform', name })).id
    const [a, b] = [await make('Trường 1'), await make('Trường 2')]
    const add = async (tenant: string, email: string, held: boolean) => {
      const person = await stores.people.upsertPersonByIdentity(
        tenant,
        { kind: 'mbox', mbox: `mailto:${email.trim().toLowerCase()}` },
        { email },
      )
      await stores.roster.updatePeople(tenant, [{ personId: person.id, email }])
      if (held) await stores.progress.saveLevels(tenant, person.id, [level('TT18.PT.1.1', 'CB')])
    }
    await add(a, 'chung@pgd.vn', true)
    await add(a, 'mot@pgd.vn', false)
    await add(b, ' CHUNG@pgd.vn', false)
    await add(b, 'hai@pgd.vn', true)
    const counts = await stores.reports.districtTallies(
      [
        { tenantId: a, defaultAudience: 'TT18.PT' },
        { tenantId: b, defaultAudience: 'TT18.PT' },
      ],
      { audience: 'TT18.PT', componentIds: ['TT18.PT.1.1'], at: new Date(Date.now() + 60_000) },
    )
    expect(counts).toEqual({
      staff: [{ unit: '', staff: 3, everyComponent: 2 }],
      levels: [{ unit: '', componentId: 'TT18.PT.1.1', level: 'CB', count: 2 }],
    })
    expect(
      await stores.reports.districtTallies([], {
        audience: 'TT18.PT',
        componentIds: ['TT18.PT.1.1'],
        at: new Date(),
      }),
    ).toEqual({ staff: [], levels: [] })
  })

  it('counts a node’s parts in one statement: each once within its part, a school by its units', async () => {
    const make = async (name: string) =>
      (await stores.tenants.createTenant({ kind: 'platform', name })).id
    const [a, b, c] = [await make('Trường A'), await make('Trường B'), await make('Trường C')]
    const add = async (tenant: string, email: string, unit?: string, audiences?: string[]) => {
      const person = await stores.people.upsertPersonByIdentity(
        tenant,
        { kind: 'mbox', mbox: `mailto:${email}` },
        { email },
      )
      await stores.roster.updatePeople(tenant, [
        { personId: person.id, email, ...(unit && { unit }), ...(audiences && { audiences }) },
      ])
      await stores.progress.saveLevels(tenant, person.id, [level('TT18.PT.1.1', 'CB')])
    }
    // A ward of schools A and B (one teacher on both); school C alone, by its roster's units; a
    // preschool teacher of C on another table is not counted.
    await add(a, 'chung@phuong.vn')
    await add(b, 'chung@phuong.vn')
    await add(b, 'b1@phuong.vn')
    await add(c, 'c1@phuong.vn', 'Tổ Toán')
    await add(c, 'c2@phuong.vn')
    await add(c, 'mn@phuong.vn', undefined, ['TT18.MN'])
    const school = (tenantId: string) => ({ tenantId, defaultAudience: 'TT18.PT' })
    const counts = await stores.reports.partTallies(
      [
        { unit: 'Phường 1', schools: [school(a), school(b)], byUnit: false },
        { unit: 'Trường C', schools: [school(c)], byUnit: true },
      ],
      { audience: 'TT18.PT', componentIds: ['TT18.PT.1.1'], at: new Date(Date.now() + 60_000) },
    )
    const byUnit = <T extends { unit: string }>(rows: T[]) =>
      [...rows].sort((x, y) => x.unit.localeCompare(y.unit))
    expect(byUnit(counts.staff)).toEqual([
      { unit: 'Phường 1', staff: 2, everyComponent: 2 },
      { unit: 'Trường C', staff: 1, everyComponent: 1 },
      { unit: 'Trường C — Tổ Toán', staff: 1, everyComponent: 1 },
    ])
    expect(byUnit(counts.levels).map((l) => [l.unit, l.count])).toEqual([
      ['Phường 1', 2],
      ['Trường C', 1],
      ['Trường C — Tổ Toán', 1],
    ])
  })
})
