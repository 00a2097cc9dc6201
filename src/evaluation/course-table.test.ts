import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { checkCourseTable, CourseTableInput, readCourseTable, tablesFirst } from './course-table.ts'

const catalog = shippedCatalog()

describe('a course table', () => {
  it("takes a pupils' table with a grade, and the school's default without one", () => {
    expect(readCourseTable(catalog, 'TT18.PT', { audience: 'tt02.nh', grade: ' 7 ' })).toEqual({
      table: { audience: 'TT02.NH', grade: 7 },
    })
    expect(readCourseTable(catalog, 'TT18.PT', { audience: '', grade: '' })).toEqual({
      table: { audience: null, grade: null },
    })
  })

  it('refuses a grade out of 1–12, naming the grade field', () => {
    for (const grade of ['0', '13', 'bảy', '7.5']) {
      expect(readCourseTable(catalog, 'TT18.PT', { audience: 'TT02.NH', grade })).toEqual({
        problems: [expect.objectContaining({ field: 'grade', code: 'gradeInvalid' })],
      })
    }
  })

  it("refuses a grade on a teachers' table, and a table not in force", () => {
    expect(checkCourseTable(catalog, 'TT18.PT', { audience: 'TT18.PT', grade: 7 })).toEqual([
      expect.objectContaining({
        field: 'grade',
        code: 'gradeNotTaken',
        message: "a grade (khối) goes with a pupils' table (TT02.NH); TT18.PT has no grades",
      }),
    ])
    // The school's default stands for the course's table when none is chosen.
    expect(checkCourseTable(catalog, 'TT18.PT', { audience: null, grade: 7 })).toEqual([
      expect.objectContaining({
        field: 'grade',
        values: expect.objectContaining({ audience: 'TT18.PT' }),
      }),
    ])
    expect(checkCourseTable(catalog, 'TT18.PT', { audience: 'TT99.XX', grade: null })).toEqual([
      expect.objectContaining({ field: 'audience', code: 'audienceUnknown' }),
    ])
  })

  it('parses the JSON form: nulls, and numbers only for the grade', () => {
    expect(CourseTableInput.parse({ audience: null, grade: null })).toEqual({
      audience: null,
      grade: null,
    })
    const bad = CourseTableInput.safeParse({ audience: 'TT02.NH', grade: '7' })
    expect(bad.error?.issues.map((i) => i.path)).toEqual([['grade']])
  })

  it("lists the course's table first, then the others in their order", () => {
    const ids = tablesFirst(catalog, 'TT02.NH').map((t) => t.id)
    expect(ids[0]).toBe('TT02.NH')
    expect([...ids].sort()).toEqual(
      catalog
        .audiences()
        .map((a) => a.id)
        .sort(),
    )
    expect(tablesFirst(catalog, undefined).map((t) => t.id)).toEqual(
      catalog.audiences().map((a) => a.id),
    )
  })
})
