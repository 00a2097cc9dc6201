import { describe, expect, it } from '@jest/globals'
import { readDate, readGrades, readShare } from './plan-cells.ts'
import { parsePlanCsv } from './plan-csv.ts'

describe('parsePlanCsv', () => {
  it('reads Vietnamese or English headers, words or codes, shares and dates as people write them', () => {
    const text =
      '\uFEFFMã;Mục tiêu;Mục tiêu EN;Chức vụ;Cấp học;Khối;Thành phần;Bảng;Mức tối thiểu;Tỷ lệ;Hạn\r\n' +
      'a;Giáo viên THCS;Lower secondary teachers;giáo viên, Tổ trưởng chuyên môn;THCS+trung học phổ thông;;4.2+5.3;;Cơ bản;trên 50%;31/12/2025\r\n' +
      'b;Học sinh;;;;6-9;1.1, tt02.nh.2.1;NH;CB2;0,3;2026-05-31\r\n' +
      'c;Quản lý;;CBQL;;;4.5;QL;TT;100;1/6/2026\r\n'
    expect(parsePlanCsv(text)).toEqual({
      problems: [],
      places: [
        { row: 1, line: 2 },
        { row: 2, line: 3 },
        { row: 3, line: 4 },
      ],
      headers: expect.objectContaining({ id: 'Mã', share: 'Tỷ lệ' }),
      targets: [
        {
          id: 'a',
          title: { vi: 'Giáo viên THCS', en: 'Lower secondary teachers' },
          group: { kind: 'staff', positions: ['GV', 'TTCM'], schoolLevels: ['THCS', 'THPT'] },
          components: ['4.2', '5.3'],
          minLevel: 'CB',
          share: 0.5,
          comparison: 'more-than',
          deadline: '2025-12-31',
        },
        {
          id: 'b',
          title: { vi: 'Học sinh' },
          group: { kind: 'pupils', grades: [6, 7, 8, 9] },
          components: ['1.1', 'TT02.NH.2.1'],
          tables: ['TT02.NH'],
          minLevel: 'CB2',
          share: 0.3,
          comparison: 'at-least',
          deadline: '2026-05-31',
        },
        {
          id: 'c',
          title: { vi: 'Quản lý' },
          group: { kind: 'staff', positions: ['CBQL'] },
          components: ['4.5'],
          tables: ['TT18.QL'],
          minLevel: 'TT',
          share: 1,
          comparison: 'at-least',
          deadline: '2026-06-01',
        },
      ],
    })
  })

  it('lists every problem of every row, by row and column as the header names them', () => {
    const text =
      'ma,muc_tieu,chuc_vu,khoi,thanh_phan,muc_toi_thieu,ty_le,han\n' +
      'a,Một,GV,,4.2,CB,30%,31/12/2025\n' +
      'a,Hai,hiệu phó+bảo vệ,,4,rất cao,150%,31/02/2025\n' +
      ',,GV,6,4.2,CB,0.3,2025-12-31\n' +
      'd,Bốn,,13,4.2,CB,0.3,2025-12-31\n'
    const { targets, problems } = parsePlanCsv(text)
    expect(targets.map((t) => t.id)).toEqual(['a'])
    expect(problems.map(({ row, line, column, code }) => ({ row, line, column, code }))).toEqual([
      { row: 2, line: 3, column: 'ma', code: 'ERR_PLAN_CSV_ID_TWICE' },
      { row: 2, line: 3, column: 'chuc_vu', code: 'ERR_PLAN_CSV_POSITION_UNKNOWN' },
      { row: 2, line: 3, column: 'thanh_phan', code: 'ERR_PLAN_CSV_COMPONENT_INVALID' },
      { row: 2, line: 3, column: 'muc_toi_thieu', code: 'ERR_PLAN_CSV_LEVEL_INVALID' },
      { row: 2, line: 3, column: 'ty_le', code: 'ERR_PLAN_CSV_SHARE_INVALID' },
      { row: 2, line: 3, column: 'han', code: 'ERR_PLAN_CSV_DATE_INVALID' },
      { row: 3, line: 4, column: 'ma', code: 'ERR_PLAN_CSV_REQUIRED' },
      { row: 3, line: 4, column: 'muc_tieu', code: 'ERR_PLAN_CSV_REQUIRED' },
      { row: 3, line: 4, column: 'khoi', code: 'ERR_PLAN_CSV_GROUP_BOTH' },
      { row: 4, line: 5, column: 'khoi', code: 'ERR_PLAN_CSV_GRADES_INVALID' },
    ])
    expect(problems[1]).toMatchObject({
      values: { position: 'bảo vệ', positions: 'GV, TTCM, CBQL, NV' },
      message:
        'no position "bảo vệ"; use GV, TTCM, CBQL, NV (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)',
    })
  })

  it('refuses a file without its columns, or with a column it does not know', () => {
    expect(parsePlanCsv('ma,muc_tieu\na,Một\n').problems).toEqual([
      {
        line: 1,
        code: 'ERR_PLAN_CSV_COLUMN_MISSING',
        values: expect.objectContaining({
          missing: 'thanh_phan, muc_toi_thieu, ty_le, han, chuc_vu',
        }),
        message: expect.stringContaining(
          'no column thanh_phan, muc_toi_thieu, ty_le, han, chuc_vu',
        ),
      },
    ])
    expect(
      parsePlanCsv('ma,muc_tieu,chuc_vu,thanh_phan,muc_toi_thieu,ty_le,han,ghi chu\n').problems,
    ).toMatchObject([
      { line: 1, code: 'ERR_PLAN_CSV_COLUMN_UNKNOWN', values: { unknown: '"ghi chu"' } },
    ])
    expect(
      parsePlanCsv('ma,muc_tieu,khoi,thanh_phan,muc_toi_thieu,ty_le,han\n').problems,
    ).toMatchObject([{ line: 2, code: 'ERR_PLAN_CSV_EMPTY' }])
    expect(parsePlanCsv('').problems).toMatchObject([{ line: 1, code: 'ERR_PLAN_CSV_EMPTY' }])
  })
})

describe('parsePlanCsv: measure and domains', () => {
  it('reads tiếp cận / đạt mức and whole domains in place of components', () => {
    const text =
      'ma,muc_tieu,khoi,do_luong,thanh_phan,mien,muc_toi_thieu,ty_le,han\n' +
      'a,Tiếp cận,1-9,Tiếp cận,,1+2,CB1,100%,31/05/2026\n' +
      'b,Đạt mức,6-9,đạt mức,1.1,,TC1,70%,31/05/2026\n'
    const read = parsePlanCsv(text)
    expect(read.problems).toEqual([])
    expect(read.targets.map((t) => [t.id, t.measure, t.components, t.domains])).toEqual([
      ['a', 'exposure', [], ['1', '2']],
      ['b', 'attainment', ['1.1'], undefined],
    ])
  })

  it('names the column of a bad measure, a bad domain, both or neither', () => {
    const text =
      'ma,muc_tieu,khoi,do_luong,thanh_phan,mien,muc_toi_thieu,ty_le,han\n' +
      'a,A,6,xem,1.1,,TC1,70%,31/05/2026\n' +
      'b,B,6,,,x,TC1,70%,31/05/2026\n' +
      'c,C,6,,1.1,1,TC1,70%,31/05/2026\n' +
      'd,D,6,,,,TC1,70%,31/05/2026\n'
    expect(parsePlanCsv(text).problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, 'do_luong', 'ERR_PLAN_CSV_MEASURE_INVALID'],
      [2, 'mien', 'ERR_PLAN_CSV_DOMAIN_INVALID'],
      [3, 'mien', 'ERR_PLAN_CSV_TARGETS_BOTH'],
      [4, 'thanh_phan', 'ERR_PLAN_CSV_REQUIRED'],
    ])
  })
})

describe('the cells of a plan CSV', () => {
  it('reads shares', () => {
    expect(readShare('30%')).toEqual({ share: 0.3, comparison: 'at-least' })
    expect(readShare('30')).toEqual({ share: 0.3, comparison: 'at-least' })
    expect(readShare('0,3')).toEqual({ share: 0.3, comparison: 'at-least' })
    expect(readShare('0.3')).toEqual({ share: 0.3, comparison: 'at-least' })
    expect(readShare('1')).toEqual({ share: 1, comparison: 'at-least' })
    expect(readShare('Trên 50%')).toEqual({ share: 0.5, comparison: 'more-than' })
    expect(readShare('>50%')).toEqual({ share: 0.5, comparison: 'more-than' })
    for (const bad of ['0', '0%', '101%', 'nửa', '', '-5%']) expect(readShare(bad)).toBeUndefined()
  })

  it('reads grades as lists and ranges, and days of the calendar only', () => {
    expect(readGrades('6+7+8+9')).toEqual([6, 7, 8, 9])
    expect(readGrades('6-9')).toEqual([6, 7, 8, 9])
    expect(readGrades('10, 1–2')).toEqual([1, 2, 10])
    for (const bad of ['9-6', '0', '13', '6-', 'sáu']) expect(readGrades(bad)).toBeUndefined()
    expect(readDate('31/12/2025')).toBe('2025-12-31')
    expect(readDate('1/6/2026')).toBe('2026-06-01')
    expect(readDate('2025-12-31')).toBe('2025-12-31')
    for (const bad of ['31/02/2025', '2025-13-01', '12/31/2025', 'cuối năm'])
      expect(readDate(bad)).toBeUndefined()
  })
})
