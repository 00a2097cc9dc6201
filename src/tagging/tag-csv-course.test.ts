import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { formatTagsCsv } from './tag-csv-export.ts'
import { parseTagCsv } from './tag-csv.ts'
import { planCourseTable } from './tag-csv-course.ts'
import type { Tag } from '../store/index.ts'

const catalog = shippedCatalog()
const QUIZ = 'https://lms.thcs-b.edu.vn/mod/quiz/view.php?id=3'
const PAGE = 'https://lms.thcs-b.edu.vn/mod/page/view.php?id=4'
const csv = (...lines: string[]) => lines.join('\n')
const HEADER = 'activity_iri,competency_ids,course_table,course_grade'

describe('tag file: the course table columns', () => {
  it('reads course_table and course_grade, given on any rows that agree', () => {
    const parsed = parseTagCsv(
      csv(HEADER, `${QUIZ},TT02.NH.1.1.CB1,tt02.nh,7`, `${PAGE},TT02.NH.1.1.CB1,,`),
      catalog,
    )
    expect(parsed.problems).toEqual([])
    expect(parsed.rows).toHaveLength(2)
    expect(parsed.course).toEqual({
      course_table: { value: 'TT02.NH', line: 2 },
      course_grade: { value: '7', line: 2 },
    })
    expect(planCourseTable(catalog, 'TT18.PT', {}, parsed.course ?? {})).toEqual({
      table: { audience: 'TT02.NH', grade: 7 },
      problems: [],
    })
  })

  it('refuses the file when two rows disagree (a course has one table)', () => {
    const parsed = parseTagCsv(
      csv(HEADER, `${QUIZ},TT02.NH.1.1.CB1,TT02.NH,7`, `${PAGE},TT02.NH.1.1.CB1,TT02.NH,8`),
      catalog,
    )
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        line: 3,
        column: 'course_grade',
        code: 'ERR_TAG_CSV_COURSE_DIFFERS',
        values: { got: '8', first: '7', firstLine: 2 },
      }),
    ])
    // A problem with no row refuses the whole file.
    expect(parsed.problems[0]?.row).toBeUndefined()
  })

  it("checks the table and grade against the frameworks, at the file's column and line", () => {
    const course = (table: string, grade: string) =>
      parseTagCsv(csv(HEADER, `${QUIZ},TT18.PT.1.1.CB,${table},${grade}`), catalog).course ?? {}
    expect(planCourseTable(catalog, 'TT18.PT', {}, course('TT18.PT', '7')).problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'course_grade',
        code: 'ERR_TAG_CSV_COURSE_GRADE_NOT_TAKEN',
      }),
    ])
    expect(planCourseTable(catalog, 'TT18.PT', {}, course('TT02.NH', '13')).problems).toEqual([
      expect.objectContaining({ column: 'course_grade', code: 'ERR_TAG_CSV_COURSE_GRADE_INVALID' }),
    ])
    expect(planCourseTable(catalog, 'TT18.PT', {}, course('TT99.XX', '')).problems).toEqual([
      expect.objectContaining({ column: 'course_table', code: 'ERR_TAG_CSV_COURSE_TABLE_UNKNOWN' }),
    ])
    // On the school's page there is no course to set.
    expect(planCourseTable(catalog, 'TT18.PT', undefined, course('TT02.NH', '7')).problems).toEqual(
      [expect.objectContaining({ code: 'ERR_TAG_CSV_COURSE_NONE' })],
    )
  })

  it("keeps the course's own value for a column left empty; a table without grades drops it", () => {
    const only = (header: string, value: string) =>
      parseTagCsv(
        csv(`activity_iri,competency_ids,${header}`, `${QUIZ},TT18.PT.1.1.CB,${value}`),
        catalog,
      ).course
    const pupils = { audience: 'TT02.NH', grade: 7 }
    expect(
      planCourseTable(catalog, 'TT18.PT', pupils, only('course_grade', '8') ?? {}).table,
    ).toEqual({
      audience: 'TT02.NH',
      grade: 8,
    })
    expect(
      planCourseTable(catalog, 'TT18.PT', pupils, only('course_table', 'TT18.MN') ?? {}).table,
    ).toEqual({ audience: 'TT18.MN', grade: null })
    // No course column, or none filled: the course's table is not touched.
    expect(only('course_table', '')).toBeUndefined()
    expect(planCourseTable(catalog, 'TT18.PT', pupils, {}).table).toBeUndefined()
  })

  it("writes the course's table and grade on every row of a course's file, and reads them back", () => {
    const tag = {
      id: 't1',
      tenantId: 'x',
      activityId: 'a1',
      activity: { iri: QUIZ, name: 'Quiz' },
      competencyIds: ['TT02.NH.1.1.CB1'],
      rule: {},
    } as unknown as Tag // the fields formatTagsCsv reads
    const { text } = formatTagsCsv([tag], { audience: 'TT02.NH', grade: 7 })
    const lines = text.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toMatch(/,course_table,course_grade$/)
    expect(lines[1]).toMatch(/,TT02\.NH,7$/)
    expect(parseTagCsv(text, catalog).course).toEqual({
      course_table: { value: 'TT02.NH', line: 2 },
      course_grade: { value: '7', line: 2 },
    })
    // The school's file has no course columns.
    expect(formatTagsCsv([tag]).text).not.toContain('course_table')
  })
})
