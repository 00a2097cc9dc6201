// The counts a training-needs analysis reads, on both backends: the staff of a table over a
// node's schools per position, and per position and component their newest self-assessment
// beside their evidenced level; a person on two schools' rosters counted once.
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { createStores, type NeedsCount, type Stores } from '../../src/store/index.ts'
import { heldLevel } from '../support/levels.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let stores: Stores
let schoolA: string
let schoolB: string
const components = ['TT18.PT.1.1', 'TT18.PT.1.2']

/** A person of a school, on its roster unless said, with a position and a creation date. */
async function person(
  tenantId: string,
  email: string,
  more: {
    position?: string
    audiences?: string[]
    createdAt?: string
    onRoster?: boolean
  } = {},
) {
  const p = await stores.people.upsertPersonByIdentity(tenantId, {
    kind: 'mbox',
    mbox: `mailto:${email}`,
  })
  if (more.audiences) await stores.people.setAudiences(tenantId, p.id, more.audiences)
  await database.db.execute(
    sql`update people set email = ${email}, on_roster = ${more.onRoster ?? true},
      position = ${more.position ?? null}, created_at = ${more.createdAt ?? '2025-06-01'}
      where id = ${p.id}`,
  )
  return p.id
}

const self = (tenantId: string, personId: string, componentId: string, level: string | null) =>
  stores.progress.addSelfAssessment(tenantId, personId, { componentId, level, criteria: [] })

beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  const district = (await stores.tenants.createTenant({ kind: 'organisation', name: 'Phòng GD' }))
    .id
  schoolA = (
    await stores.tenants.createTenant({ kind: 'platform', name: 'THCS A', parentId: district })
  ).id
  schoolB = (
    await stores.tenants.createTenant({ kind: 'organisation', name: 'THCS B', parentId: district })
  ).id

  // School A: three teachers (one also on B's roster, first here), a head of department, one
  // without a position; a preschool teacher (another table) and a sign-in account (not staff).
  const a1 = await person(schoolA, 'a1@a.edu.vn', { position: 'GV' })
  const a2 = await person(schoolA, 'a2@a.edu.vn', { position: 'GV' })
  const shared = await person(schoolA, 'chung@quan.edu.vn', {
    position: 'GV',
    createdAt: '2025-01-01',
  })
  const ttcm = await person(schoolA, 'tt@a.edu.vn', { position: 'TTCM' })
  await person(schoolA, 'nopos@a.edu.vn')
  const mn = await person(schoolA, 'mn@a.edu.vn', { position: 'GV', audiences: ['TT18.MN'] })
  const account = await person(schoolA, 'acc@a.edu.vn', { position: 'GV', onRoster: false })
  // a1 rated themselves Cơ bản, then Thành thạo: the newer answer stands.
  await self(schoolA, a1, 'TT18.PT.1.1', 'CB')
  await self(schoolA, a1, 'TT18.PT.1.1', 'TT')
  await stores.progress.saveLevels(schoolA, a1, [heldLevel('TT18.PT.1.1', 'CB')])
  await stores.progress.saveLevels(schoolA, a2, [
    heldLevel('TT18.PT.1.1', 'TT'),
    heldLevel('TT18.PT.1.2', null),
  ])
  await stores.progress.saveLevels(schoolA, shared, [heldLevel('TT18.PT.1.1', 'CB')])
  await self(schoolA, ttcm, 'TT18.PT.1.2', 'CB')
  await self(schoolA, ttcm, 'TT18.PT.2.1', 'NC')
  await stores.progress.saveLevels(schoolA, mn, [heldLevel('TT18.MN.1.1', 'CB')])
  await stores.progress.saveLevels(schoolA, account, [heldLevel('TT18.PT.1.1', 'NC')])

  // School B: the shared teacher again (a later record, as a manager, Nâng cao) and a manager.
  const sharedB = await person(schoolB, 'Chung@Quan.edu.vn', {
    position: 'CBQL',
    createdAt: '2025-09-01',
  })
  await stores.progress.saveLevels(schoolB, sharedB, [heldLevel('TT18.PT.1.1', 'NC')])
  const b1 = await person(schoolB, 'b1@b.edu.vn', { position: 'CBQL' })
  await self(schoolB, b1, 'TT18.PT.1.1', 'NC')
  await self(schoolB, b1, 'TT18.PT.1.2', null)
  await stores.progress.saveLevels(schoolB, b1, [heldLevel('TT18.PT.1.1', 'CB')])
}, 60_000)
afterAll(() => database.close())

const sorted = <T>(rows: T[]) =>
  [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
const count = (
  position: string,
  componentId: string,
  selfLevel: string | null | undefined,
  evidenced: string | null,
  n: number,
): NeedsCount => ({
  position,
  componentId,
  assessed: selfLevel !== undefined,
  self: selfLevel ?? null,
  evidenced,
  count: n,
})
const query = (tenantIds: string[]) =>
  stores.needs.needsCounts({
    schools: tenantIds.map((tenantId) => ({ tenantId, defaultAudience: 'TT18.PT' })),
    audience: 'TT18.PT',
    componentIds: components,
  })

describe('needs counts', () => {
  it("counts a node's staff per position, each person once, the newest self-assessment standing", async () => {
    const { staff, counts } = await query([schoolA, schoolB])
    expect(sorted(staff)).toEqual(
      sorted([
        { position: 'GV', staff: 3 },
        { position: 'TTCM', staff: 1 },
        { position: '', staff: 1 },
        { position: 'CBQL', staff: 1 },
      ]),
    )
    expect(sorted(counts)).toEqual(
      sorted([
        count('GV', 'TT18.PT.1.1', 'TT', 'CB', 1),
        count('GV', 'TT18.PT.1.1', undefined, 'TT', 1),
        count('GV', 'TT18.PT.1.1', undefined, 'CB', 1),
        count('TTCM', 'TT18.PT.1.2', 'CB', null, 1),
        count('CBQL', 'TT18.PT.1.1', 'NC', 'CB', 1),
        count('CBQL', 'TT18.PT.1.2', null, null, 1),
      ]),
    )
  })

  it('narrows to one part: the shared teacher counts there as that school has them', async () => {
    const { staff, counts } = await query([schoolB])
    expect(staff).toEqual([{ position: 'CBQL', staff: 2 }])
    expect(sorted(counts)).toEqual(
      sorted([
        count('CBQL', 'TT18.PT.1.1', undefined, 'NC', 1),
        count('CBQL', 'TT18.PT.1.1', 'NC', 'CB', 1),
        count('CBQL', 'TT18.PT.1.2', null, null, 1),
      ]),
    )
  })

  it('reads nothing for no school and follows each school’s default table', async () => {
    await expect(query([])).resolves.toEqual({ staff: [], counts: [] })
    const mn = await stores.needs.needsCounts({
      schools: [{ tenantId: schoolA, defaultAudience: 'TT18.MN' }],
      audience: 'TT18.MN',
      componentIds: ['TT18.MN.1.1'],
    })
    // Those who name no table are on the school's default; the preschool teacher names hers.
    expect(sorted(mn.staff)).toEqual(
      sorted([
        { position: 'GV', staff: 4 },
        { position: 'TTCM', staff: 1 },
        { position: '', staff: 1 },
      ]),
    )
    expect(mn.counts).toEqual([count('GV', 'TT18.MN.1.1', undefined, 'CB', 1)])
  })
})
