import { shippedCatalog } from '../../framework/index.ts'
import { DEFAULT_RULE } from '../inference/rule.ts'
import { PASSED, QUIZ, tag } from './sample-tags.ts'
import { parseTagCsv } from './tag-csv.ts'
import { skipRepeats } from './tag-repeats.ts'

const catalog = shippedCatalog()
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed'

const csv = (...lines: string[]) => lines.join('\n')
const read = (text: string) => parseTagCsv(text, catalog)

describe('skipRepeats', () => {
  const rows = (...lines: string[]) =>
    read(csv('activity_iri,resource_link_id,competency_ids,verbs,count', ...lines)).rows

  it('skips a row that names a tag already there, whatever the order of its IDs and verbs', () => {
    const existing = tag({
      competencyIds: ['TT18.PT.2.1.CB.2', 'TT18.PT.1.1.CB'],
      rule: { ...DEFAULT_RULE, verbs: [PASSED, COMPLETED] },
    })
    const result = skipRepeats(
      rows(`${QUIZ},,TT18.PT.1.1.CB TT18.PT.2.1.CB.2,${COMPLETED} ${PASSED},1`),
      [existing],
    )
    expect(result).toEqual({
      rows: [],
      skipped: [
        {
          row: 1,
          line: 2,
          code: 'ERR_TAG_CSV_ALREADY_TAGGED',
          values: { tagId: 'tag-1' },
          message: 'already tagged (tag tag-1)',
        },
      ],
      notes: [],
    })
  })

  it('knows an activity by its resource link as well as its IRI', () => {
    const existing = tag({ activity: { iri: QUIZ, resourceLinkId: 'rl-1' } })
    expect(skipRepeats(rows(',rl-1,TT18.PT.1.1.CB,,'), [existing]).skipped).toHaveLength(1)
    expect(skipRepeats(rows(',rl-2,TT18.PT.1.1.CB,,'), [existing]).rows).toHaveLength(1)
  })

  it('skips a row that repeats an earlier row', () => {
    const result = skipRepeats(
      rows(
        `${QUIZ},,TT18.PT.1.1.CB,,`,
        `${QUIZ}&b=2,,TT18.PT.1.1.CB,,`,
        `${QUIZ},,TT18.PT.1.1.CB,,1`,
      ),
      [],
    )
    expect(result.rows.map((r) => r.row)).toEqual([1, 2])
    expect(result.skipped).toEqual([
      {
        row: 3,
        line: 4,
        code: 'ERR_TAG_CSV_SAME_AS_ROW',
        values: { row: 1 },
        message: 'the same tag as row 1',
      },
    ])
  })

  it('keeps a row with other competencies, and notes one under another rule', () => {
    const existing = tag({})
    const result = skipRepeats(
      rows(`${QUIZ},,TT18.PT.1.1.CB TT18.PT.2.1.CB.2,,`, `${QUIZ},,TT18.PT.1.1.CB,,2`),
      [existing],
    )
    expect(result.rows.map((r) => r.row)).toEqual([1, 2])
    expect(result.skipped).toEqual([])
    expect(result.notes).toEqual([
      {
        row: 2,
        line: 3,
        code: 'ERR_TAG_CSV_OTHER_RULE',
        values: { tagId: 'tag-1' },
        message:
          'tag tag-1 names the same activity and competencies under another rule; both count',
      },
    ])
  })

  it('tells a prefix from an activity IRI that reads the same', () => {
    const prefix = tag({ activityId: undefined, activity: undefined, activityPrefix: QUIZ })
    expect(skipRepeats(rows(`${QUIZ},,TT18.PT.1.1.CB,,`), [prefix]).rows).toHaveLength(1)
  })
})
