import { shippedCatalog } from '../../framework/index.ts'
import { DEFAULT_RULE, DEFAULT_VERBS } from '../inference/rule.ts'
import { formatTagCsvProblem, parseTagCsv, TAG_CSV_COLUMNS, TAG_FILE_COLUMNS } from './tag-csv.ts'

const catalog = shippedCatalog()
const QUIZ = 'https://lms.thcs-b.edu.vn/mod/quiz/view.php?id=3'
const PASSED = 'http://adlnet.gov/expapi/verbs/passed'
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed'
const HEADER = TAG_CSV_COLUMNS.join(',')

const csv = (...lines: string[]) => lines.join('\n')
const read = (text: string) => parseTagCsv(text, catalog)
const problems = (text: string) => read(text).problems.map(formatTagCsvProblem)
/** The problems of one data row under the header `activity_iri,competency_ids,<column>`. */
const cellProblems = (column: string, value: string) =>
  problems(csv(`activity_iri,competency_ids,${column}`, `${QUIZ},TT18.PT.1.1.CB,"${value}"`))
/** The rule of one valid data row with `value` in `column`. */
const ruleWith = (column: string, value: string) => {
  const parsed = read(
    csv(`activity_iri,competency_ids,${column}`, `${QUIZ},TT18.PT.1.1.CB,${value}`),
  )
  expect(parsed.problems).toEqual([])
  return parsed.rows[0]!.tag.rule!
}

describe('parseTagCsv: rows', () => {
  it('reads every column into a NewTag, with its row and line', () => {
    const parsed = read(
      csv(
        HEADER,
        `${QUIZ},,,Bài kiểm tra chương 1,TT18.PT.1.1.CB TT18.PT.2.1.CB.2,${PASSED},0.8,true,0.5,2,,có`,
      ),
    )
    expect(parsed).toEqual({
      rows: [
        {
          row: 1,
          line: 2,
          tag: {
            activityIri: QUIZ,
            activityName: 'Bài kiểm tra chương 1',
            competencyIds: ['TT18.PT.1.1.CB', 'TT18.PT.2.1.CB.2'],
            rule: {
              verbs: [PASSED],
              minScore: 0.8,
              requireSuccess: true,
              weight: 0.5,
              count: 2,
              objectOnly: true,
            },
          },
        },
      ],
      problems: [],
      refused: 0,
    })
  })

  it('fills the default rule for empty rule cells and absent rule columns', () => {
    const full = read(csv(HEADER, `${QUIZ},,,,TT18.PT.1.1.CB,,,,,`))
    const bare = read(csv('competency_ids,activity_iri', `TT18.PT.1.1.CB,${QUIZ}`))
    expect(full.rows[0]!.tag).toEqual({
      activityIri: QUIZ,
      competencyIds: ['TT18.PT.1.1.CB'],
      rule: DEFAULT_RULE,
    })
    expect(bare.rows[0]!.tag).toEqual(full.rows[0]!.tag)
    expect(DEFAULT_RULE.verbs).toEqual([...DEFAULT_VERBS])
  })

  it('takes the columns in any order, their names in any case, spaced', () => {
    const parsed = read(
      csv(' Count ,COMPETENCY_IDS,Activity_Prefix', '3,TT18.PT.1.1.CB,https://lms.example/mod/'),
    )
    expect(parsed.rows[0]!.tag).toMatchObject({
      activityPrefix: 'https://lms.example/mod/',
      rule: { count: 3 },
    })
  })

  it('takes an LTI resource link as the target', () => {
    const tag = read(csv('resource_link_id,competency_ids', 'rl-42,TT18.PT.1.1.CB')).rows[0]!.tag
    expect(tag).toMatchObject({ resourceLinkId: 'rl-42' })
  })

  it.each([
    ['spaces', 'TT18.PT.1.1.CB  TT18.PT.2.1.CB.2'],
    ['commas', 'TT18.PT.1.1.CB,TT18.PT.2.1.CB.2'],
    ['semicolons', 'TT18.PT.1.1.CB;TT18.PT.2.1.CB.2'],
    ['a mix, repeating one', 'TT18.PT.1.1.CB, TT18.PT.2.1.CB.2; TT18.PT.1.1.CB'],
  ])('separates competency IDs by %s', (_name, ids) => {
    const tag = read(csv('activity_iri,competency_ids', `${QUIZ},"${ids}"`)).rows[0]!.tag
    expect(tag.competencyIds).toEqual(['TT18.PT.1.1.CB', 'TT18.PT.2.1.CB.2'])
  })

  it('separates verbs by spaces and drops repeats', () => {
    expect(ruleWith('verbs', ` ${PASSED}  ${COMPLETED} ${PASSED}`).verbs).toEqual([
      PASSED,
      COMPLETED,
    ])
  })

  it.each([
    ['0.8', 0.8],
    ['"0,8"', 0.8],
    ['80%', 0.8],
    ['80 %', 0.8],
    ['57%', 0.57],
    ['"12,5%"', 0.125],
    ['.5', 0.5],
    ['0', 0],
    ['1', 1],
    ['100%', 1],
  ])('reads min_score %s as %d', (value, share) => {
    expect(ruleWith('min_score', value).minScore).toBe(share)
  })

  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['1', true],
    ['có', true],
    ['Có', true],
    ['co', true],
    ['false', false],
    ['No', false],
    ['0', false],
    ['không', false],
    ['KHÔNG', false],
    ['khong', false],
    // Vietnamese typed on macOS may come decomposed (NFD).
    ['có'.normalize('NFD'), true],
  ])('reads require_success %s as %s', (value, flag) => {
    expect(ruleWith('require_success', value).requireSuccess).toBe(flag)
  })

  it.each([
    ['0.5', 0.5],
    ['0,25', 0.25],
    ['1', 1],
  ])('reads weight %s as %d', (value, weight) => {
    expect(ruleWith('weight', `"${value}"`).weight).toBe(weight)
  })

  it('reads the gradebook choice, level or share, in any case', () => {
    expect(ruleWith('gradebook', 'Share').gradebook).toBe('share')
    expect(ruleWith('gradebook', 'level').gradebook).toBe('level')
    expect(ruleWith('gradebook', '').gradebook).toBeUndefined()
  })

  it('reads count as a whole number', () => {
    expect(ruleWith('count', '1000').count).toBe(1000)
    expect(ruleWith('count', '').count).toBe(1)
  })

  it('reads quoted cells with commas, quotes and line breaks; later lines are counted right', () => {
    const parsed = read(
      csv(
        'activity_iri,activity_name,competency_ids',
        `${QUIZ},"Bài 1, phần ""Thực hành""",TT18.PT.1.1.CB`,
        `${QUIZ}&b=2,"Dòng một`,
        `dòng hai",TT18.PT.1.1.CB`,
        `${QUIZ}&b=3,,TT18.PT.9.9.CB.1`,
      ),
    )
    expect(parsed.rows.map((r) => [r.row, r.line, r.tag.activityName])).toEqual([
      [1, 2, 'Bài 1, phần "Thực hành"'],
      [2, 3, 'Dòng một\ndòng hai'],
    ])
    expect(parsed.problems).toEqual([
      expect.objectContaining({ row: 3, line: 5, column: 'competency_ids' }),
    ])
  })

  it('keeps Vietnamese text, composed (NFC)', () => {
    const name = 'Kiểm tra năng lực số — Tuần 1'
    const parsed = read(
      csv(
        'activity_iri,activity_name,competency_ids',
        `${QUIZ},${name.normalize('NFD')},TT18.PT.1.1.CB`,
      ),
    )
    expect(parsed.rows[0]!.tag.activityName).toBe(name)
  })

  it('reads a file with or without a BOM, with LF or CRLF, alike', () => {
    const lines = [HEADER, `${QUIZ},,,Tên bài,TT18.PT.1.1.CB,,80%,có,,`, `${QUIZ}&x=1,,,,`]
    const plain = read(lines.join('\n'))
    expect(read(`\uFEFF${lines.join('\n')}`)).toEqual(plain)
    expect(read(`\uFEFF${lines.join('\r\n')}\r\n`)).toEqual(plain)
    expect(read(lines.join('\r\n'))).toEqual(plain)
    expect(plain.rows).toHaveLength(1)
    expect(plain.problems.map(formatTagCsvProblem)).toEqual([
      'row 2 (line 3): competency_ids: name at least one competency',
    ])
  })

  it('reads the semicolon-separated CSV that Excel saves where the decimal mark is a comma', () => {
    const parsed = read(
      csv(
        'activity_iri;competency_ids;min_score;weight',
        `${QUIZ};TT18.PT.1.1.CB, TT18.PT.2.1.CB.2;0,8;0,5`,
      ),
    )
    expect(parsed.problems).toEqual([])
    expect(parsed.rows[0]!.tag).toMatchObject({
      competencyIds: ['TT18.PT.1.1.CB', 'TT18.PT.2.1.CB.2'],
      rule: { minScore: 0.8, weight: 0.5 },
    })
  })

  it('skips blank lines and rows of empty cells without counting them', () => {
    const parsed = read(csv('', HEADER, '', ',,,,,,,,,', `${QUIZ},,,,TT18.PT.1.1.CB,,,,,`, '  '))
    expect(parsed.rows.map((r) => [r.row, r.line])).toEqual([[1, 5]])
  })

  it("undoes export's guard against formulas", () => {
    const parsed = read(
      csv('activity_iri,activity_name,competency_ids', `${QUIZ},'=1+1,TT18.PT.1.1.CB`),
    )
    expect(parsed.rows[0]!.tag.activityName).toBe('=1+1')
    const kept = read(
      csv('activity_iri,activity_name,competency_ids', `${QUIZ},'Tis,TT18.PT.1.1.CB`),
    )
    expect(kept.rows[0]!.tag.activityName).toBe("'Tis")
  })
})

describe('parseTagCsv: bad rows', () => {
  it.each([
    ['min_score', '80', MIN('80')],
    ['min_score', '1.5', MIN('1.5')],
    ['min_score', '-0.1', MIN('-0.1')],
    ['min_score', '120%', MIN('120%')],
    ['min_score', 'abc', MIN('abc')],
    ['min_score', '1e-1', MIN('1e-1')],
    ['min_score', '0x1', MIN('0x1')],
    ['weight', '0', 'weight: must be more than 0 (got "0")'],
    ['weight', '2', 'weight: must be at most 1 (one tag alone can meet a competency) (got "2")'],
    ['weight', '-1', 'weight: must be more than 0 (got "-1")'],
    [
      'weight',
      '50%',
      'weight: must be a number more than 0 and at most 1, such as 0.5 (got "50%")',
    ],
    [
      'weight',
      'một',
      'weight: must be a number more than 0 and at most 1, such as 0.5 (got "một")',
    ],
    ['count', '0', COUNT('0')],
    ['count', '-1', COUNT('-1')],
    ['count', '1.5', COUNT('1.5')],
    ['count', '1001', COUNT('1001')],
    ['count', 'hai', COUNT('hai')],
    [
      'gradebook',
      'half',
      'gradebook: must be level (0–3 of 3) or share (of the criteria the link asks for, met), or empty (got "half")',
    ],
    [
      'require_success',
      'maybe',
      'require_success: must be true or false (or yes/no, 1/0, có/không) (got "maybe")',
    ],
    [
      'verbs',
      `passed ${COMPLETED}`,
      'verbs: "passed" must be a verb IRI such as http://adlnet.gov/expapi/verbs/passed',
    ],
    [
      'activity_name',
      'x'.repeat(301),
      `activity_name: Too big: expected string to have <=300 characters (got "${'x'.repeat(301)}")`,
    ],
  ])('%s %j is refused, naming the column', (column, value, message) => {
    expect(cellProblems(column, value)).toEqual([`row 1 (line 2): ${message}`])
  })

  it.each([
    ['activity_iri', 'lms.example/quiz', 'activity_iri: must be an absolute IRI'],
    ['activity_prefix', 'not an iri', 'activity_prefix: must be an absolute IRI'],
    ['resource_link_id', 'r'.repeat(256), 'resource_link_id: Too big'],
  ])('a bad %s is refused, naming the column', (column, value, start) => {
    const found = problems(csv(`${column},competency_ids`, `"${value}",TT18.PT.1.1.CB`))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(new RegExp(`^row 1 \\(line 2\\): ${start}.* \\(got "${value}"\\)$`))
  })

  it('a row without a target, or with two, is refused', () => {
    expect(
      problems(csv(HEADER, ',,,,TT18.PT.1.1.CB,,,,,', `${QUIZ},,rl-1,,TT18.PT.1.1.CB,,,,,`)),
    ).toEqual([
      'row 1 (line 2): give one of activity_iri, activity_prefix, resource_link_id',
      'row 2 (line 3): give only one of activity_iri, activity_prefix, resource_link_id; this row has activity_iri and resource_link_id',
    ])
  })

  it('a name on a prefix row is refused: a prefix names no one activity', () => {
    expect(
      problems(
        csv(
          'activity_prefix,activity_name,competency_ids',
          'https://lms.example/,Tên,TT18.PT.1.1.CB',
        ),
      ),
    ).toEqual([
      'row 1 (line 2): activity_name: names an activity (activity_iri or resource_link_id), not a prefix',
    ])
  })

  it('names each unknown competency ID with suggestions, and a component without a level', () => {
    expect(
      problems(csv('activity_iri,competency_ids', `${QUIZ},TT18.PT.1.1 TT18.PT.9.9.CB.1`)),
    ).toEqual([
      'row 1 (line 2): competency_ids: TT18.PT.1.1 is a component; tag one of its descriptors (such as TT18.PT.1.1.CB.1) or the component at a level (such as TT18.PT.1.1.CB)',
      'row 1 (line 2): competency_ids: TT18.PT.9.9.CB.1 is not a descriptor or component-at-level ID of a known framework (did you mean TT18.PT.1.1.CB.1, TT18.PT.1.2.CB.1, TT18.PT.1.3.CB.1?)',
    ])
  })

  it('refuses an empty competency_ids cell and more than 50 IDs', () => {
    const many = Array.from({ length: 51 }, (_, i) => `TT18.PT.1.1.CB.${i + 1}`).join(' ')
    const found = problems(csv('activity_iri,competency_ids', `${QUIZ},`, `${QUIZ},${many}`))
    expect(found[0]).toBe('row 1 (line 2): competency_ids: name at least one competency')
    expect(found).toContain('row 2 (line 3): competency_ids: at most 50 competencies per tag')
  })

  it('reports every problem of a row, in the order of its columns', () => {
    expect(problems(csv(HEADER, `,,,,TT18.PT.0,nope,2,perhaps,0,0`))).toEqual([
      'row 1 (line 2): give one of activity_iri, activity_prefix, resource_link_id',
      expect.stringMatching(/^row 1 \(line 2\): competency_ids: TT18\.PT\.0 /),
      'row 1 (line 2): verbs: "nope" must be a verb IRI such as http://adlnet.gov/expapi/verbs/passed',
      `row 1 (line 2): ${MIN('2')}`,
      'row 1 (line 2): require_success: must be true or false (or yes/no, 1/0, có/không) (got "perhaps")',
      'row 1 (line 2): weight: must be more than 0 (got "0")',
      `row 1 (line 2): ${COUNT('0')}`,
    ])
  })

  it('refuses values beyond the header and under a column without a name', () => {
    expect(
      problems(
        csv(
          'activity_iri,,competency_ids',
          `${QUIZ},,TT18.PT.1.1.CB`,
          `${QUIZ},x,TT18.PT.1.1.CB`,
          `${QUIZ},,TT18.PT.1.1.CB,,`,
          `${QUIZ},,TT18.PT.1.1.CB,9,9`,
        ),
      ),
    ).toEqual([
      'row 2 (line 3): a value in column 2, which has no header',
      'row 4 (line 5): 2 values beyond the 3 columns of the header (a cell with a comma, such as 0,8, goes in double quotes)',
    ])
  })

  it('counts the refused rows and keeps the good ones', () => {
    const parsed = read(
      csv(
        'activity_iri,competency_ids,count',
        `${QUIZ},TT18.PT.1.1.CB,0`,
        `${QUIZ},TT18.PT.1.1.CB,1`,
        `${QUIZ},X,x`,
      ),
    )
    expect(parsed.refused).toBe(2)
    expect(parsed.rows.map((r) => r.row)).toEqual([2])
    expect(parsed.problems.map((p) => p.row)).toEqual([1, 3, 3])
  })
})

describe('parseTagCsv: bad files', () => {
  it.each([
    ['empty', ''],
    ['a BOM alone', '\uFEFF'],
    ['blank lines', '\n  \n\r\n'],
  ])('refuses an %s file', (_name, text) => {
    expect(read(text)).toEqual({
      rows: [],
      problems: [
        {
          line: 1,
          code: 'ERR_TAG_CSV_EMPTY',
          values: { columns: TAG_FILE_COLUMNS.join(', ') },
          message: `the file is empty: its first row must name the columns (${TAG_FILE_COLUMNS.join(', ')})`,
        },
      ],
      refused: 0,
    })
  })

  it('takes a header without rows as no tags', () => {
    expect(read(`${HEADER}\n`)).toEqual({ rows: [], problems: [], refused: 0 })
  })

  it.each([
    [
      'no header',
      csv(`${QUIZ},TT18.PT.1.1.CB`),
      `line 1: the first row must name the columns (${TAG_FILE_COLUMNS.join(', ')}); it has "${QUIZ}", "TT18.PT.1.1.CB"`,
    ],
    [
      'an unknown column',
      csv('activity_iri,competency_ids,score', `${QUIZ},TT18.PT.1.1.CB,1`),
      `line 1: unknown column "score"; the columns are ${TAG_FILE_COLUMNS.join(', ')}`,
    ],
    [
      'unknown columns',
      csv('activity iri,competency_ids,Ghi chú', `${QUIZ},TT18.PT.1.1.CB,x`),
      `line 1: unknown columns "activity iri", "ghi chú"; the columns are ${TAG_FILE_COLUMNS.join(', ')}`,
    ],
    [
      'a column twice',
      csv('activity_iri,competency_ids,Verbs,verbs', `${QUIZ},TT18.PT.1.1.CB,,`),
      'line 1: column "verbs" appears twice',
    ],
    ['no competency_ids column', csv('activity_iri', QUIZ), 'line 1: no competency_ids column'],
    [
      'no target column',
      csv('activity_name,competency_ids', 'Bài 1,TT18.PT.1.1.CB'),
      'line 1: no activity_iri, activity_prefix, resource_link_id column: name at least one, for the activities to tag',
    ],
    [
      'a header after blank lines',
      csv('', '', 'activity_iri,competency_ids,x'),
      `line 3: unknown column "x"; the columns are ${TAG_FILE_COLUMNS.join(', ')}`,
    ],
    [
      'a quote not closed',
      csv('activity_iri,competency_ids', `${QUIZ},TT18.PT.1.1.CB`, `${QUIZ},"TT18.PT.1.1.CB`),
      'line 3: not a readable CSV file: Quote Not Closed: the parsing is finished with an opening quote at line 3',
    ],
    [
      'text in Windows-1258 read as UTF-8',
      csv('activity_iri,activity_name,competency_ids', `${QUIZ},B\uFFFDi 1,TT18.PT.1.1.CB`),
      'line 2: the file is not UTF-8 text; in Excel, save it as "CSV UTF-8 (Comma delimited)"',
    ],
  ])('refuses %s, naming it', (_name, text, message) => {
    const parsed = read(text)
    expect(parsed.rows).toEqual([])
    expect(parsed.problems.map(formatTagCsvProblem)).toEqual([message])
  })
})

function MIN(got: string): string {
  return `min_score: must be a share from 0 to 1 such as 0.8, or a percentage such as 80% (got "${got}")`
}
function COUNT(got: string): string {
  return `count: must be a whole number of statements from 1 to 1000 (got "${got}")`
}

describe('formatTagCsvProblem', () => {
  it('names the row, line and column, or the line of a problem with the file', () => {
    expect(formatTagCsvProblem({ row: 2, line: 3, column: 'weight', message: 'm' })).toBe(
      'row 2 (line 3): weight: m',
    )
    expect(formatTagCsvProblem({ row: 2, line: 3, message: 'm' })).toBe('row 2 (line 3): m')
    expect(formatTagCsvProblem({ line: 1, message: 'm' })).toBe('line 1: m')
  })
})
