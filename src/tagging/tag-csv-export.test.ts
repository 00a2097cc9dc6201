import { shippedCatalog } from '../../framework/index.ts'
import { DEFAULT_RULE, DEFAULT_VERBS } from '../inference/rule.ts'
import { PASSED, QUIZ, tag } from './sample-tags.ts'
import { parseTagCsv, TAG_CSV_COLUMNS } from './tag-csv.ts'
import { formatTagsCsv } from './tag-csv-export.ts'
import { skipRepeats } from './tag-repeats.ts'

const catalog = shippedCatalog()
const HEADER = TAG_CSV_COLUMNS.join(',')

const read = (text: string) => parseTagCsv(text, catalog)

describe('formatTagsCsv', () => {
  it('writes UTF-8 with a BOM, CRLF, a header row and one row per tag, by target', () => {
    const { text, written, skipped } = formatTagsCsv([
      tag({
        rule: {
          ...DEFAULT_RULE,
          verbs: [PASSED],
          minScore: 0.8,
          requireSuccess: true,
          objectOnly: true,
        },
      }),
      tag({
        id: 'tag-2',
        activityId: undefined,
        activity: undefined,
        activityPrefix: 'https://lms.example/mod/quiz/',
        competencyIds: ['TT18.PT.1.1.CB', 'TT18.PT.2.1.CB.2'],
        rule: { ...DEFAULT_RULE, weight: 0.5, count: 3 },
      }),
      tag({
        id: 'tag-3',
        activity: { resourceLinkId: 'rl-7', name: 'Thực hành, "nhóm"' },
        rule: { ...DEFAULT_RULE, gradebook: 'share' },
      }),
      tag({ id: 'tag-4', activity: { iri: `${QUIZ}&b=4`, resourceLinkId: 'rl-8' } }),
    ])
    const verbs = DEFAULT_VERBS.join(' ')
    expect(text).toBe(
      '\uFEFF' +
        [
          HEADER,
          `,https://lms.example/mod/quiz/,,,TT18.PT.1.1.CB TT18.PT.2.1.CB.2,${verbs},,false,0.5,3,,false`,
          `${QUIZ},,,Bài kiểm tra,TT18.PT.1.1.CB,${PASSED},0.8,true,1,1,,true`,
          `${QUIZ}&b=4,,,,TT18.PT.1.1.CB,${verbs},,false,1,1,,false`,
          `,,rl-7,"Thực hành, ""nhóm""",TT18.PT.1.1.CB,${verbs},,false,1,1,share,false`,
          '',
        ].join('\r\n'),
    )
    expect(written).toBe(4)
    expect(skipped).toEqual([])
  })

  it('leaves out a tag whose activity has neither IRI nor resource link, or whose rule is not a rule', () => {
    const lost = tag({ id: 'tag-9', activity: { name: 'Không có IRI' } })
    const odd = tag({ id: 'tag-10', rule: { minScore: 80 } })
    const { text, written, skipped } = formatTagsCsv([lost, odd, tag({})])
    expect(written).toBe(1)
    expect(skipped).toEqual([
      { tag: lost, reason: 'its activity has neither an IRI nor a resource link' },
      { tag: odd, reason: 'its rule is not one a tag file can express' },
    ])
    expect(text.split('\r\n')).toHaveLength(3)
  })

  it('writes only a header when there are no tags', () => {
    expect(formatTagsCsv([]).text).toBe(`\uFEFF${HEADER}\r\n`)
  })

  it('guards cells a spreadsheet would run as formulas', () => {
    const { text } = formatTagsCsv([tag({ activity: { iri: QUIZ, name: '=HYPERLINK("x")' } })])
    expect(text).toContain(`${QUIZ},,,"'=HYPERLINK(""x"")",`)
  })

  it('round-trips through parseTagCsv, and a second import of the same file adds nothing', () => {
    const tags = [
      tag({
        activity: { iri: QUIZ, name: '=1+1, "Tổng kết"\nhọc kỳ I' },
        rule: { ...DEFAULT_RULE, minScore: 0.57 },
      }),
      tag({
        id: 'tag-2',
        activityId: undefined,
        activity: undefined,
        activityPrefix: 'https://lms.example/',
      }),
      tag({
        id: 'tag-3',
        activity: { resourceLinkId: 'rl-7' },
        rule: { ...DEFAULT_RULE, weight: 1 / 3 },
      }),
    ]
    const parsed = read(formatTagsCsv(tags).text)
    expect(parsed.problems).toEqual([])
    expect(parsed.rows.map((r) => r.tag)).toEqual([
      {
        activityPrefix: 'https://lms.example/',
        competencyIds: ['TT18.PT.1.1.CB'],
        rule: DEFAULT_RULE,
      },
      {
        activityIri: QUIZ,
        activityName: '=1+1, "Tổng kết"\nhọc kỳ I',
        competencyIds: ['TT18.PT.1.1.CB'],
        rule: { ...DEFAULT_RULE, minScore: 0.57 },
      },
      {
        resourceLinkId: 'rl-7',
        competencyIds: ['TT18.PT.1.1.CB'],
        rule: { ...DEFAULT_RULE, weight: 1 / 3 },
      },
    ])
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 5])
    expect(skipRepeats(parsed.rows, tags)).toMatchObject({ rows: [], notes: [] })
  })
})
