// The staff heat-map paged in the database, over real HTTP on a real database: 120 staff on the
// roster show 100 on the first page and the other 20 on the second, by name in Vietnamese order,
// each with their levels; a learner is refused.
import { shippedCatalog } from '../../framework/index.ts'
import type { RosterRow } from '../../src/accounts/roster-csv.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { createLocalAccount, signInLocal } from '../support/console.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'

const components = shippedCatalog()
  .components('TT18.PT')
  .map((c) => c.id)

let nls: RunningServer
const cookies = new Map<string, string>()
/** The staff's names in the order the page lists them. */
let ordered: string[]
/** A teacher of the second page who holds Cơ bản on every component. */
const HOLDER = 'Giáo viên 110'

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  const school = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' })).id
  // Names with marks sort among the others as in Vietnamese (not after them, as bytes would).
  const names = [
    ...Array.from({ length: 117 }, (_, i) => `Giáo viên ${String(i).padStart(3, '0')}`),
    'Ánh Nguyễn',
    'Bình Lê',
    'An Trần',
  ]
  const rows: RosterRow[] = names.map((name, i) => ({
    row: i + 1,
    line: i + 2,
    email: `gv${i}@langha.edu.vn`,
    name,
  }))
  await importRoster(stores, school, rows)
  ordered = [...names].sort((a, b) => a.localeCompare(b, 'vi'))
  const holder = await stores.people.findPersonByIdentity(school, {
    kind: 'mbox',
    mbox: `mailto:gv${names.indexOf(HOLDER)}@langha.edu.vn`,
  })
  await stores.progress.saveLevels(
    school,
    holder!.id,
    components.map((c) => heldLevel(c, 'CB')),
  )
  for (const [username, role] of [
    ['totruong', 'instructor'],
    ['hocvien', 'learner'],
  ] as const) {
    await createLocalAccount(nls, school, username, role)
    cookies.set(username, await signInLocal(nls, username))
  }
}, 60_000)
afterAll(() => nls?.close())

const get = (username: string, path: string) =>
  fetch(`${nls.url}${path}`, { headers: { cookie: cookies.get(username)! } })

/** The rows of the heat-map: name, and the level of each cell. */
const heatmapRows = (html: string) =>
  [
    ...html.matchAll(
      /<tr data-person-row="[^"]+"><th scope="row"><a [^>]*>([^<]+)<\/a><\/th>(.*?)<\/tr>/gs,
    ),
  ].map((m) => ({
    name: m[1]!,
    levels: [...m[2]!.matchAll(/data-level="([^"]+)"/g)].map((l) => l[1]),
  }))

describe('the staff heat-map of 120 staff', () => {
  it('shows the first 100 by name, then the other 20, with the total on both', async () => {
    expect(ordered.slice(0, 3)).toEqual(['An Trần', 'Ánh Nguyễn', 'Bình Lê'])
    const first = await get('totruong', '/app/class')
    expect(first.status).toBe(200)
    const firstHtml = await first.text()
    expect(heatmapRows(firstHtml).map((r) => r.name)).toEqual(ordered.slice(0, 100))
    expect(firstHtml).toContain('Người 1–100 trong 120.')
    expect(firstHtml).not.toContain('rel="prev"')
    const next = /<a href="([^"]+)" rel="next">/.exec(firstHtml)?.[1]
    expect(next).toBe('/app/class?page=2')

    const second = await (await get('totruong', next!)).text()
    const rows = heatmapRows(second)
    expect(rows.map((r) => r.name)).toEqual(ordered.slice(100))
    expect(rows).toHaveLength(20)
    expect(second).toContain('Người 101–120 trong 120.')
    expect(second).toContain('rel="prev"')
    expect(second).not.toContain('rel="next"')
    // Each row with its own levels on the table's components.
    for (const row of rows) {
      expect(row.levels).toEqual(components.map(() => (row.name === HOLDER ? 'CB' : 'none')))
    }
  })

  it('shows no one past the last page, with the total still', async () => {
    const past = await (await get('totruong', '/app/class?page=3')).text()
    expect(heatmapRows(past)).toEqual([])
    expect(past).toContain('120')
  })

  it('is refused to a learner', async () => {
    const res = await get('hocvien', '/app/class')
    expect(res.status).toBe(403)
  })
})
