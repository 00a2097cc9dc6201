import { jest } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { DEFAULT_RULE, DEFAULT_VERBS } from '../../src/inference/rule.ts'
import type { Db } from '../../src/store/database.ts'
import { createStores, type Tag } from '../../src/store/index.ts'
import { activities } from '../../src/store/schema/index.ts'
import { TAG_CSV_COLUMNS, TAG_FILE_COLUMNS } from '../../src/tagging/tag-csv.ts'
import { CLI_TEST_TIMEOUT_MS, type CommandLine, openCommandLine } from '../support/cli.ts'
import { createTestPlace } from '../support/test-database.ts'

jest.setTimeout(CLI_TEST_TIMEOUT_MS)

const SITE = 'https://lms.thpt-c.edu.vn'
const QUIZ = `${SITE}/mod/quiz/view.php?id=3`
const PAGE = `${SITE}/mod/page/view.php?id=8`
const PASSED = 'http://adlnet.gov/expapi/verbs/passed'
const HEADER = TAG_CSV_COLUMNS.join(',')

let place: Awaited<ReturnType<typeof createTestPlace>>
let cli: CommandLine
let dir: string
beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  cli = await openCommandLine(place)
  dir = await mkdtemp(join(tmpdir(), 'nls-tags-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await cli.close()
  await place.remove()
})

const withDb = <T>(fn: (db: Db) => Promise<T>): Promise<T> => fn(cli.database.db)

const nls = (...argv: string[]) => cli.run(place.env, ...argv)
const newTenant = (name: string) =>
  cli.withStores(
    async (stores) => (await stores.tenants.createTenant({ kind: 'platform', name })).id,
  )
/** The tenant's tags by target (tags stored in one transaction share their creation time). */
const tagsOf = (tenantId: string) =>
  cli.withStores(async (stores) =>
    (await stores.tags.listTags(tenantId)).sort((a, b) => (targetOf(a) < targetOf(b) ? -1 : 1)),
  )
const targetOf = (t: Tag) => t.activityPrefix ?? t.activity?.iri ?? t.activity?.resourceLinkId ?? ''
/** A file in the test's folder with these lines (CRLF, as Excel writes them). */
async function file(name: string, ...lines: string[]): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, `${lines.join('\r\n')}\r\n`, 'utf8')
  return path
}
/** What a tag is, without what the database adds. */
const essence = (t: Tag) => ({
  target: targetOf(t),
  name: t.activity?.name,
  competencyIds: t.competencyIds,
  rule: t.rule,
})

// Excel's "CSV UTF-8": a BOM, CRLF, quoted cells where they hold commas or quotes.
const GOOD = [
  `\uFEFF${HEADER}`,
  `${QUIZ},,,"Kiểm tra 15 phút, chương 1",TT18.PT.1.1.CB TT18.PT.2.1.CB.2,${PASSED},80%,có,"0,5",2`,
  `,${SITE}/mod/h5pactivity/,,,TT18.PT.1.1.CB.1,,,,,`,
  `,,rl-17,"Bài thực hành ""Soạn giáo án số""",TT18.PT.2.1.CB.2,,,,,`,
]

describe('nls tags import', () => {
  it('stores every row of a good file, once; a second import skips them as already tagged', async () => {
    const tenant = await newTenant('THPT C')
    const path = await file('good.csv', ...GOOD)
    expect(await nls('tags', 'import', path, '--tenant', tenant)).toEqual({
      code: 0,
      out: 'imported 3 tags (0 rows refused)\n',
      err: '',
    })
    const tags = await tagsOf(tenant)
    expect(tags.map(essence)).toEqual([
      {
        target: `${SITE}/mod/h5pactivity/`,
        name: undefined,
        competencyIds: ['TT18.PT.1.1.CB.1'],
        rule: DEFAULT_RULE,
      },
      {
        target: QUIZ,
        name: 'Kiểm tra 15 phút, chương 1',
        competencyIds: ['TT18.PT.1.1.CB', 'TT18.PT.2.1.CB.2'],
        rule: {
          verbs: [PASSED],
          minScore: 0.8,
          requireSuccess: true,
          objectOnly: false,
          weight: 0.5,
          count: 2,
        },
      },
      {
        target: 'rl-17',
        name: 'Bài thực hành "Soạn giáo án số"',
        competencyIds: ['TT18.PT.2.1.CB.2'],
        rule: DEFAULT_RULE,
      },
    ])
    const audit = await cli.withStores((stores) => stores.audit.list({ tenantId: tenant }))
    expect(audit.filter((e) => e.action === 'tags.create' && e.actor === 'cli')).toHaveLength(3)

    const again = await nls('tags', 'import', path, '--tenant', tenant)
    expect(again).toEqual({
      code: 0,
      out: 'imported 0 tags (0 rows refused, 3 skipped as already tagged)\n',
      err: [tags[1]!, tags[0]!, tags[2]!]
        .map(
          (t, i) =>
            `Hàng ${i + 1} (dòng ${i + 2}): bỏ qua: đã gắn thẻ (thẻ ${t.id}) / row ${i + 1} (line ${i + 2}): skipped: already tagged (tag ${t.id})\n`,
        )
        .join(''),
    })
    expect(await tagsOf(tenant)).toHaveLength(3)
  })

  it('stores nothing when a row is bad, and names every problem by row, line and column', async () => {
    const tenant = await newTenant('THCS D')
    const path = await file(
      'bad.csv',
      'activity_iri,competency_ids,min_score,count',
      `${QUIZ},TT18.PT.1.1.CB,0.8,1`,
      `${PAGE},TT18.PT.1.1,80,0`,
      `${QUIZ}&b=2,TT18.PT.2.1.CB.2,,`,
      `,TT18.PT.2.1.CB.2,,`,
    )
    const run = await nls('tags', 'import', path, '--tenant', tenant)
    expect(run).toEqual({
      code: 1,
      out: '',
      err: [
        'Hàng 2 (dòng 3), cột competency_ids: TT18.PT.1.1 không phải là chỉ báo hay thành phần ở một mức của khung năng lực / row 2 (line 3): competency_ids: TT18.PT.1.1 is a component; tag one of its descriptors (such as TT18.PT.1.1.CB.1) or the component at a level (such as TT18.PT.1.1.CB)',
        'Hàng 2 (dòng 3), cột min_score: phải là tỉ lệ từ 0 đến 1 như 0,8, hoặc phần trăm như 80% (nhận "80") / row 2 (line 3): min_score: must be a share from 0 to 1 such as 0.8, or a percentage such as 80% (got "80")',
        'Hàng 2 (dòng 3), cột count: phải là số nguyên câu lệnh từ 1 đến 1000 (nhận "0") / row 2 (line 3): count: must be a whole number of statements from 1 to 1000 (got "0")',
        'Hàng 4 (dòng 5): hãy ghi một trong các cột activity_iri, activity_prefix, resource_link_id / row 4 (line 5): give one of activity_iri, activity_prefix, resource_link_id',
        'nls: chưa nhập gì: 2 dòng bị từ chối; hãy sửa, hoặc nhập các dòng còn lại với --valid-only / nothing imported: 2 rows refused; correct them, or import the others with --valid-only',
        '',
      ].join('\n'),
    })
    expect(await tagsOf(tenant)).toEqual([])

    // --valid-only stores the good rows, reports the bad ones, and still exits 1.
    const valid = await nls('tags', 'import', path, '--tenant', tenant, '--valid-only')
    expect(valid.code).toBe(1)
    expect(valid.out).toBe('imported 2 tags (2 rows refused)\n')
    expect(valid.err).toContain('row 4 (line 5): give one of')
    expect(valid.err).toMatch(
      /nls: 2 dòng bị từ chối \(xem ở trên\); các dòng hợp lệ đã được nhập \/ 2 rows refused \(see above\); the valid rows were imported\n$/,
    )
    expect((await tagsOf(tenant)).map((t) => t.activity?.iri)).toEqual([QUIZ, `${QUIZ}&b=2`])
  })

  it('refuses a file it cannot read as a tag file, even with --valid-only', async () => {
    const tenant = await newTenant('THCS E')
    const path = await file(
      'unknown.csv',
      'activity_iri,competency_ids,ghi_chu',
      `${QUIZ},TT18.PT.1.1.CB,x`,
    )
    expect(await nls('tags', 'import', path, '--tenant', tenant, '--valid-only')).toEqual({
      code: 1,
      out: '',
      err: `Dòng 1: cột không rõ "ghi_chu"; các cột là ${TAG_FILE_COLUMNS.join(', ')} / line 1: unknown column "ghi_chu"; the columns are ${TAG_FILE_COLUMNS.join(', ')}\nnls: chưa nhập gì: không đọc được tệp này như một tệp thẻ / nothing imported: the file cannot be read as a tag file\n`,
    })
    const empty = await file('empty.csv')
    expect((await nls('tags', 'import', empty, '--tenant', tenant)).err).toMatch(
      /^Dòng 1: tệp trống: .* \/ line 1: the file is empty/,
    )
    expect(await tagsOf(tenant)).toEqual([])
  })

  it('skips a row that repeats an earlier one, and notes a second rule on the same activity', async () => {
    const tenant = await newTenant('THCS F')
    const first = await file('first.csv', 'activity_iri,competency_ids', `${QUIZ},TT18.PT.1.1.CB`)
    await nls('tags', 'import', first, '--tenant', tenant)
    const [existing] = await tagsOf(tenant)
    const path = await file(
      'repeats.csv',
      'activity_iri,competency_ids,require_success',
      `${PAGE},TT18.PT.1.1.CB,`,
      `${PAGE},TT18.PT.1.1.CB,không`,
      `${QUIZ},TT18.PT.1.1.CB,yes`,
    )
    expect(await nls('tags', 'import', path, '--tenant', tenant)).toEqual({
      code: 0,
      out: 'imported 2 tags (0 rows refused, 1 skipped as already tagged)\n',
      err:
        'Hàng 2 (dòng 3): bỏ qua: trùng thẻ ở hàng 1 / row 2 (line 3): skipped: the same tag as row 1\n' +
        `Hàng 3 (dòng 4): thẻ ${existing!.id} gắn cùng hoạt động và năng lực với quy tắc khác; cả hai đều được tính / row 3 (line 4): tag ${existing!.id} names the same activity and competencies under another rule; both count\n`,
    })
    expect(await tagsOf(tenant)).toHaveLength(3)
  })

  it('stores none of the rows when one fails in the database', async () => {
    const tenant = await newTenant('THCS G')
    // A constraint the importer cannot know of stands for any failure in the middle.
    const constraint = (change: ReturnType<typeof sql>) => withDb((db) => db.execute(change))
    await constraint(
      sql`alter table tags add constraint test_no_2_1 check (not ('TT18.PT.2.1.CB.2' = any(competency_ids))) not valid`,
    )
    const path = await file(
      'fails.csv',
      'activity_iri,competency_ids',
      `${QUIZ},TT18.PT.1.1.CB`,
      `${PAGE},TT18.PT.2.1.CB.2`,
      `${QUIZ}&b=3,TT18.PT.1.1.CB`,
    )
    try {
      // The database's own refusal is unexpected: one line with its reason, no stack.
      const failed = await nls('tags', 'import', path, '--tenant', tenant)
      expect(failed.code).toBe(1)
      expect(failed.err).toMatch(
        /nothing imported\nnls: lỗi không lường trước: .*violates check constraint "test_no_2_1".* \/ unexpected error: .*violates check constraint "test_no_2_1".*\(run again with NLS_DEBUG=1 for details\)\n$/,
      )
      expect(failed.err).not.toMatch(/^\s+at /m)
      expect(await tagsOf(tenant)).toEqual([])
    } finally {
      await constraint(sql`alter table tags drop constraint test_no_2_1`)
    }
  })

  it('names a bad tenant, an unknown tenant and a missing file', async () => {
    const path = await file('one.csv', 'activity_iri,competency_ids', `${QUIZ},TT18.PT.1.1.CB`)
    expect(await nls('tags', 'import', path, '--tenant', '12')).toEqual({
      code: 2,
      out: '',
      err: 'nls: --tenant phải là mã đơn vị (một UUID; xem nls tenant list), nhận "12" / --tenant must be a tenant id (a UUID; see nls tenant list), got "12"\n',
    })
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect(await nls('tags', 'import', path, '--tenant', unknown)).toEqual({
      code: 1,
      out: '',
      err: `nls: đơn vị ${unknown} không tồn tại / tenant ${unknown} does not exist\n`,
    })
    expect(await nls('tags', 'export', '--tenant', unknown)).toEqual({
      code: 1,
      out: '',
      err: `nls: đơn vị ${unknown} không tồn tại / tenant ${unknown} does not exist\n`,
    })
    const tenant = await newTenant('THCS H')
    const missing = join(dir, 'missing.csv')
    expect(await nls('tags', 'import', missing, '--tenant', tenant)).toEqual({
      code: 2,
      out: '',
      err: `nls: không đọc được tệp "${missing}" / cannot read file "${missing}": not found\n`,
    })
    expect((await nls('tags', 'import', path)).code).toBe(2)
  })
})

describe('nls tags export', () => {
  it('writes CSV with a BOM to stdout or a file, which import reads back as the same tags', async () => {
    const tenant = await newTenant('THPT K')
    await nls('tags', 'import', await file('k.csv', ...GOOD), '--tenant', tenant)
    const tags = await tagsOf(tenant)

    const printed = await nls('tags', 'export', '--tenant', tenant)
    expect(printed.code).toBe(0)
    expect(printed.err).toBe('')
    const verbs = DEFAULT_VERBS.join(' ')
    expect(printed.out).toBe(
      '\uFEFF' +
        [
          HEADER,
          `,${SITE}/mod/h5pactivity/,,,TT18.PT.1.1.CB.1,${verbs},,false,1,1,,false`,
          `${QUIZ},,,"Kiểm tra 15 phút, chương 1",TT18.PT.1.1.CB TT18.PT.2.1.CB.2,${PASSED},0.8,true,0.5,2,,false`,
          `,,rl-17,"Bài thực hành ""Soạn giáo án số""",TT18.PT.2.1.CB.2,${verbs},,false,1,1,,false`,
          '',
        ].join('\r\n'),
    )

    const out = join(dir, 'xuất.csv')
    expect(await nls('tags', 'export', '--tenant', tenant, '--out', out)).toEqual({
      code: 0,
      out: `exported 3 tags to ${out}\n`,
      err: '',
    })
    const bytes = await readFile(out)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toBe(printed.out)

    // Into another tenant: the same tags; back into this one: nothing new.
    const other = await newTenant('THPT L')
    expect((await nls('tags', 'import', out, '--tenant', other)).out).toBe(
      'imported 3 tags (0 rows refused)\n',
    )
    expect((await tagsOf(other)).map(essence)).toEqual(tags.map(essence))
    expect((await nls('tags', 'import', out, '--tenant', tenant)).out).toBe(
      'imported 0 tags (0 rows refused, 3 skipped as already tagged)\n',
    )
  })

  it('leaves out, on stderr, a tag whose activity has neither IRI nor resource link', async () => {
    const tenant = await newTenant('THPT M')
    await nls(
      'tags',
      'import',
      await file('m.csv', 'activity_iri,competency_ids', `${QUIZ},TT18.PT.1.1.CB`),
      '--tenant',
      tenant,
    )
    // An activity known by neither key (none of ours makes one; an older import might have).
    const lost = await withDb(async (db) => {
      const [activity] = await db
        .insert(activities)
        .values({ tenantId: tenant, name: 'Không có IRI' })
        .returning({ id: activities.id })
      return createStores(db).tags.createTag(tenant, {
        activityId: activity!.id,
        competencyIds: ['TT18.PT.1.1.CB'],
      })
    })
    const run = await nls('tags', 'export', '--tenant', tenant)
    expect(run.code).toBe(0)
    expect(run.err).toBe(
      `tag ${lost.id} left out: its activity has neither an IRI nor a resource link\n`,
    )
    expect(run.out.split('\r\n')).toEqual([
      `\uFEFF${HEADER}`,
      `${QUIZ},,,,TT18.PT.1.1.CB,${DEFAULT_VERBS.join(' ')},,false,1,1,,false`,
      '',
    ])
  })

  it('writes a header alone for a tenant without tags, and names a file it cannot write', async () => {
    const tenant = await newTenant('THPT N')
    expect((await nls('tags', 'export', '--tenant', tenant)).out).toBe(`\uFEFF${HEADER}\r\n`)
    const out = join(dir, 'no-such-folder', 'tags.csv')
    expect(await nls('tags', 'export', '--tenant', tenant, '--out', out)).toEqual({
      code: 2,
      out: '',
      err: `nls: --out: không ghi được tệp "${out}" / --out: cannot write "${out}": ENOENT\n`,
    })
  })
})
