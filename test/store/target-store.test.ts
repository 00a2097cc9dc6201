// Plan targets against the people of a node's schools, on both backends: who is in a group (staff
// by position and school level, pupils by grade), who meets a target (an accepted level on every
// component, held at the instant asked), each person counted once per part and in total.
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores, type TargetQuery } from '../../src/store/index.ts'
import type { RosterPerson } from '../../src/store/roster-store.ts'
import { heldLevel } from '../support/levels.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let stores: Stores
/** Person ids by email, per school. */
const ids = new Map<string, string>()
let tenants: { city: string; district: string; s1: string; s2: string; s3: string }
let at: Date

const CB_AND_ABOVE = ['CB', 'TT', 'NC']

async function roster(tenantId: string, people: readonly RosterPerson[]) {
  const made = await stores.roster.createPeople(tenantId, people)
  for (const [email, id] of made) ids.set(`${tenantId}:${email}`, id)
}
const id = (tenantId: string, email: string) => ids.get(`${tenantId}:${email}`)!
const give = (tenantId: string, email: string, levels: Record<string, string | null>) =>
  stores.progress.saveLevels(
    tenantId,
    id(tenantId, email),
    Object.entries(levels).map(([component, code]) => heldLevel(component, code)),
  )

beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  const make = async (name: string, parentId?: string) =>
    (
      await stores.tenants.createTenant({
        kind: parentId ? 'platform' : 'organisation',
        name,
        ...(parentId && { parentId }),
      })
    ).id
  // The city; under it a district of two schools, and a school of its own.
  const city = await make('Thành phố')
  const district = await make('Phòng GD&ĐT Quận 6', city)
  const s1 = await make('THCS Một', district)
  const s2 = await make('TH Hai', district)
  const s3 = await make('THPT Ba', city)
  tenants = { city, district, s1, s2, s3 }

  await roster(s1, [
    { email: 'chung@q6.vn', name: 'Chung', position: 'GV', schoolLevel: 'THCS' },
    { email: 'a1@q6.vn', name: 'A Một', position: 'GV', schoolLevel: 'THCS' },
    { email: 'a3@q6.vn', name: 'A Ba', position: 'GV', schoolLevel: 'THCS' },
    { email: 'a4@q6.vn', name: 'A Bốn', position: 'CBQL', schoolLevel: 'THCS' },
    { email: 'a5@q6.vn', name: 'A Năm' },
  ])
  // The same teacher on the second school's roster, later: the first school's record counts.
  await roster(s2, [
    { email: 'chung@q6.vn', name: 'Chung', position: 'GV', schoolLevel: 'TH' },
    { email: 'b1@q6.vn', name: 'B Một', position: 'GV', schoolLevel: 'MN' },
    { email: 'b2@q6.vn', name: 'B Hai', position: 'GV', schoolLevel: 'TH' },
  ])
  await roster(s3, [
    { email: 'c1@ba.vn', name: 'C Một', position: 'GV', schoolLevel: 'THPT' },
    { email: 'c2@ba.vn', name: 'C Hai', position: 'TTCM', schoolLevel: 'THPT' },
    { email: 'c3@ba.vn', name: 'C Ba' },
    { email: 'p1@ba.vn', name: 'Học sinh Một', grade: 6 },
    { email: 'p2@ba.vn', name: 'Học sinh Hai', grade: 7 },
    { email: 'p3@ba.vn', name: 'Học sinh Ba', grade: 9 },
  ])
  // A sign-in account with a position but not on the roster: not staff, in no staff group.
  const outsider = await stores.people.upsertPersonByIdentity(s3, {
    kind: 'mbox',
    mbox: 'mailto:khach@ba.vn',
  })
  await database.db.execute(sql`update people set position = 'GV' where id = ${outsider.id}`)
  await stores.progress.saveLevels(s3, outsider.id, [
    heldLevel('TT18.PT.1.1', 'NC'),
    heldLevel('TT18.PT.1.2', 'NC'),
  ])

  await give(s1, 'chung@q6.vn', { 'TT18.PT.1.1': 'CB', 'TT18.PT.1.2': 'TT' })
  await give(s1, 'a1@q6.vn', { 'TT18.PT.1.1': 'CB' })
  await give(s1, 'a3@q6.vn', { 'TT18.PT.1.1': 'CB' })
  await give(s1, 'a4@q6.vn', { 'TT18.PT.1.1': 'TT', 'TT18.PT.1.2': 'TT' })
  await give(s1, 'a5@q6.vn', { 'TT18.PT.1.1': 'NC', 'TT18.PT.1.2': 'NC' })
  // The shared teacher's second record holds nothing: the first one counts.
  await give(s2, 'b1@q6.vn', { 'TT18.MN.1.1': 'CB', 'TT18.MN.1.2': 'CB' })
  await give(s2, 'b2@q6.vn', { 'TT18.PT.1.1': 'CB', 'TT18.PT.1.2': 'CB' })
  await stores.progress.saveLevels(s2, id(s2, 'b2@q6.vn'), [
    heldLevel('TT18.PT.1.2', null, { changeSeq: 2 }),
  ])
  await give(s3, 'c1@ba.vn', { 'TT18.PT.1.1': 'TT', 'TT18.PT.1.2': 'NC' })
  await give(s3, 'p1@ba.vn', { 'TT02.NH.1.1': 'CB2' })
  await give(s3, 'p2@ba.vn', { 'TT02.NH.1.1': 'CB1' })
  await give(s3, 'p3@ba.vn', { 'TT02.NH.1.1': 'NC1' })
  // a3's second component comes after the instant asked: it is given, then dated a day later.
  at = new Date(Date.now() + 60_000)
  await stores.progress.saveLevels(s1, id(s1, 'a3@q6.vn'), [heldLevel('TT18.PT.1.2', 'CB')])
  await database.db.execute(
    sql`update level_history set changed_at = ${new Date(at.getTime() + 86_400_000)}
      where person_id = ${id(s1, 'a3@q6.vn')} and component_id = 'TT18.PT.1.2'`,
  )
}, 60_000)
afterAll(() => database.close())

/** A target's query at the city: its parts the district (two schools) and the third school. */
function cityQuery(more: Partial<TargetQuery>): TargetQuery {
  const { district, s1, s2, s3 } = tenants
  return {
    parts: [
      { partId: district, tenantIds: [s1, s2] },
      { partId: s3, tenantIds: [s3] },
    ],
    tenantIds: [s1, s2, s3],
    group: { kind: 'staff', positions: ['GV'] },
    components: [
      ['TT18.PT.1.1', 'TT18.MN.1.1'],
      ['TT18.PT.1.2', 'TT18.MN.1.2'],
    ],
    accepted: CB_AND_ABOVE,
    at,
    ...more,
  }
}
const byPart = <T extends { partId: string }>(parts: readonly T[]) =>
  [...parts].sort((x, y) => x.partId.localeCompare(y.partId))

describe('target figures', () => {
  it('counts teachers per part and in total, each once, with levels held at the instant', async () => {
    const figures = await stores.targets.figures(cityQuery({}))
    // District: chung (first school's record, CB and TT), a1 (one component), a3 (the second
    // only after the instant), b1 (the preschool table), b2 (lost a level): 2 of 5.
    // Third school: c1. Not: a4 (CBQL), a5 (no position), the outsider (not on the roster).
    expect(byPart(figures.parts)).toEqual(
      byPart([
        { partId: tenants.district, group: 5, met: 2 },
        { partId: tenants.s3, group: 1, met: 1 },
      ]),
    )
    expect(figures.total).toEqual({ group: 6, met: 3 })
  })

  it('accepts only the minimum level and above', async () => {
    const figures = await stores.targets.figures(cityQuery({ accepted: ['TT', 'NC'] }))
    // Only c1 holds Thành thạo or more on both.
    expect(figures.total).toEqual({ group: 6, met: 1 })
  })

  it('reads levels as they were at an earlier instant', async () => {
    const figures = await stores.targets.figures(cityQuery({ at: new Date('2020-01-01') }))
    // Nobody was known then.
    expect(figures).toEqual({ parts: [], total: { group: 0, met: 0 } })
    const later = new Date(at.getTime() + 2 * 86_400_000)
    const after = await stores.targets.figures(cityQuery({ at: later }))
    // a3 meets it once their second level is held.
    expect(after.total).toEqual({ group: 6, met: 4 })
  })

  it('takes staff of some positions at some school levels', async () => {
    const figures = await stores.targets.figures(
      cityQuery({
        group: { kind: 'staff', positions: ['CBQL', 'TTCM'], schoolLevels: ['THPT'] },
      }),
    )
    // c2 (TTCM, THPT) holds nothing; a4 is CBQL at THCS.
    expect(figures).toEqual({
      parts: [{ partId: tenants.s3, group: 1, met: 0 }],
      total: { group: 1, met: 0 },
    })
    const managers = await stores.targets.figures(
      cityQuery({ group: { kind: 'staff', positions: ['CBQL'] }, accepted: ['TT', 'NC'] }),
    )
    expect(managers.total).toEqual({ group: 1, met: 1 })
  })

  it('takes pupils by grade', async () => {
    const figures = await stores.targets.figures(
      cityQuery({
        group: { kind: 'pupils', grades: [6, 7] },
        components: [['TT02.NH.1.1']],
        accepted: ['CB2', 'TC1', 'TC2', 'NC1', 'NC2', 'CS1', 'CS2'],
      }),
    )
    expect(figures).toEqual({
      parts: [{ partId: tenants.s3, group: 2, met: 1 }],
      total: { group: 2, met: 1 },
    })
  })

  it('counts a school alone, with no parts', async () => {
    const figures = await stores.targets.figures(cityQuery({ parts: [], tenantIds: [tenants.s2] }))
    // Here the shared teacher's own record counts: no level.
    expect(figures).toEqual({ parts: [], total: { group: 3, met: 1 } })
  })
})

describe('the people still missing', () => {
  it('lists the group’s people who do not meet the target, by school then name, a page at a time', async () => {
    const all = await stores.targets.missing(cityQuery({}), { limit: 10, offset: 0 })
    expect(all.count).toBe(3)
    expect(all.people.map((p) => [p.school, p.name, p.email, p.position, p.schoolLevel])).toEqual([
      ['TH Hai', 'B Hai', 'b2@q6.vn', 'GV', 'TH'],
      ['THCS Một', 'A Ba', 'a3@q6.vn', 'GV', 'THCS'],
      ['THCS Một', 'A Một', 'a1@q6.vn', 'GV', 'THCS'],
    ])
    expect(all.people[0]).toMatchObject({
      personId: id(tenants.s2, 'b2@q6.vn'),
      tenantId: tenants.s2,
      unit: undefined,
    })
    const second = await stores.targets.missing(cityQuery({}), { limit: 2, offset: 2 })
    expect(second.count).toBe(3)
    expect(second.people.map((p) => p.email)).toEqual(['a1@q6.vn'])
    const beyond = await stores.targets.missing(cityQuery({}), { limit: 2, offset: 4 })
    expect(beyond).toEqual({ count: 3, people: [] })
  })

  it('lists one part’s', async () => {
    const part = await stores.targets.missing(cityQuery({}), {
      partId: tenants.s3,
      limit: 10,
      offset: 0,
    })
    expect(part).toEqual({ count: 0, people: [] })
    const c2 = await stores.targets.missing(
      cityQuery({ group: { kind: 'staff', positions: ['TTCM'] } }),
      { partId: tenants.s3, limit: 10, offset: 0 },
    )
    expect(c2.people.map((p) => p.email)).toEqual(['c2@ba.vn'])
    await expect(
      stores.targets.missing(cityQuery({}), { partId: tenants.city, limit: 10, offset: 0 }),
    ).rejects.toThrow(TypeError)
  })
})

describe('staff without a position', () => {
  it('counts the roster’s staff who have none, not pupils nor sign-ins', async () => {
    const { s1, s2, s3 } = tenants
    expect(await stores.targets.withoutPosition([s1, s2, s3])).toBe(2)
    expect(await stores.targets.withoutPosition([s2])).toBe(0)
    expect(await stores.targets.withoutPosition([])).toBe(0)
  })
})
