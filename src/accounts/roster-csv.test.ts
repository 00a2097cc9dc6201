import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { translator } from '../web/i18n.ts'
import { problemDetail } from '../web/problem-text.ts'
import { parseRosterCsv } from './roster-csv.ts'

const catalog = shippedCatalog()
const parse = (text: string) => parseRosterCsv(text, catalog, 'TT18')

describe('parseRosterCsv', () => {
  it('reads English or Vietnamese headers, semicolons, BOM; tables short or full', () => {
    const text =
      '\uFEFFEmail;Họ tên;Đơn vị;Bảng\r\n' +
      'An@Truong.edu.vn;Nguyễn Văn An;THCS Láng Hạ;PT\r\n' +
      'binh@truong.edu.vn;Trần Thị Bình;;mn+ql\r\n' +
      'chi@truong.edu.vn;;;TT18.PT\r\n'
    expect(parse(text)).toEqual({
      problems: [],
      rows: [
        {
          row: 1,
          line: 2,
          email: 'an@truong.edu.vn',
          name: 'Nguyễn Văn An',
          unit: 'THCS Láng Hạ',
          audiences: ['TT18.PT'],
        },
        {
          row: 2,
          line: 3,
          email: 'binh@truong.edu.vn',
          name: 'Trần Thị Bình',
          audiences: ['TT18.MN', 'TT18.QL'],
        },
        { row: 3, line: 4, email: 'chi@truong.edu.vn', audiences: ['TT18.PT'] },
      ],
    })
  })

  it('names the row, line and column of each problem and keeps the good rows', () => {
    const text =
      'email,name,table\nan@x.vn,An,PT\nnot-an-email,B,PT\n,C,\nan@x.vn,D,\nd@x.vn,D,XX\n'
    const { rows, problems } = parse(text)
    expect(rows.map((r) => r.email)).toEqual(['an@x.vn'])
    expect(problems).toEqual([
      {
        line: 3,
        row: 2,
        column: 'email',
        code: 'ERR_ROSTER_EMAIL_INVALID',
        values: { email: 'not-an-email' },
        message: '"not-an-email" is not an email address',
      },
      {
        line: 4,
        row: 3,
        column: 'email',
        code: 'ERR_ROSTER_EMAIL_REQUIRED',
        values: {},
        message: 'required',
      },
      {
        line: 5,
        row: 4,
        column: 'email',
        code: 'ERR_ROSTER_EMAIL_TWICE',
        values: { email: 'an@x.vn', row: 1 },
        message: 'an@x.vn is already on row 1',
      },
      {
        line: 6,
        row: 5,
        column: 'table',
        code: 'ERR_ROSTER_TABLE_UNKNOWN',
        values: { table: 'TT18.XX' },
        message: 'no competency table TT18.XX; use MN, PT, PT+QL or MN+QL',
      },
    ])
  })

  it('refuses a file without an email column, or with unknown columns', () => {
    expect(parse('name,unit\nAn,A\n').problems).toEqual([
      {
        line: 1,
        code: 'ERR_ROSTER_EMAIL_COLUMN_MISSING',
        values: {
          columns:
            'email, name (ho_ten), unit (don_vi), table (bang), account (tai_khoan), home page (trang_chu), position (chuc_vu), school level (cap_hoc), grade (khoi)',
        },
        message:
          'no email column; the columns are email, name (ho_ten), unit (don_vi), table (bang), account (tai_khoan), home page (trang_chu), position (chuc_vu), school level (cap_hoc), grade (khoi)',
      },
    ])
    expect(parse('email,phone\na@b.vn,1\n').problems[0]).toMatchObject({
      code: 'ERR_ROSTER_COLUMN_UNKNOWN',
      values: { unknown: '"phone"' },
      message: expect.stringContaining('unknown column "phone"'),
    })
    expect(parse('').problems[0]).toMatchObject({
      code: 'ERR_ROSTER_EMPTY',
      message: expect.stringContaining('the file is empty'),
    })
  })

  it('reads the LMS account (tai_khoan) on the home page of its row (trang_chu) or tenant', () => {
    const text =
      'Email;Tài khoản;Trang chủ\n' +
      'an@x.vn;gv.nguyenvana;\n' +
      'binh@x.vn;gv.tranthib;https://lms.truong.edu.vn\n' +
      'chi@x.vn;;\n'
    expect(parseRosterCsv(text, catalog, 'TT18', 'https://k12online.vn')).toEqual({
      problems: [],
      rows: [
        {
          row: 1,
          line: 2,
          email: 'an@x.vn',
          account: { homePage: 'https://k12online.vn', name: 'gv.nguyenvana' },
        },
        {
          row: 2,
          line: 3,
          email: 'binh@x.vn',
          account: { homePage: 'https://lms.truong.edu.vn', name: 'gv.tranthib' },
        },
        { row: 3, line: 4, email: 'chi@x.vn' },
      ],
    })
  })

  it('refuses an account without a home page (naming the column), a bad home page, the same account twice', () => {
    const text =
      'email,tai_khoan,trang_chu\n' +
      'an@x.vn,gv.a,\n' +
      'binh@x.vn,gv.b,ftp://k12online.vn\n' +
      'chi@x.vn,gv.c,https://k12online.vn\n' +
      'dung@x.vn,gv.c,https://k12online.vn\n'
    const { rows, problems } = parseRosterCsv(text, catalog, 'TT18', null)
    expect(rows.map((r) => r.email)).toEqual(['chi@x.vn'])
    expect(problems).toEqual([
      {
        line: 2,
        row: 1,
        column: 'tai_khoan',
        code: 'ERR_ROSTER_HOME_PAGE_MISSING',
        message:
          "names an account but no home page: add a trang_chu column, or set the tenant's account home page",
      },
      {
        line: 3,
        row: 2,
        column: 'homePage',
        code: 'ERR_ROSTER_HOME_PAGE_INVALID',
        values: { homePage: 'ftp://k12online.vn' },
        message: '"ftp://k12online.vn" is not a home page (an http or https URL)',
      },
      {
        line: 5,
        row: 4,
        column: 'account',
        code: 'ERR_ROSTER_ACCOUNT_TWICE',
        values: { account: 'gv.c @ https://k12online.vn', row: 3 },
        message: 'gv.c @ https://k12online.vn is already on row 3',
      },
    ])
  })

  it.each([
    ['GV', 'GV'],
    ['gv', 'GV'],
    ['Giáo viên', 'GV'],
    ['GIAO VIEN', 'GV'],
    ['TTCM', 'TTCM'],
    ['ttcm', 'TTCM'],
    ['Tổ trưởng chuyên môn', 'TTCM'],
    ['tổ  trưởng', 'TTCM'],
    ['CBQL', 'CBQL'],
    ['Cán bộ quản lý', 'CBQL'],
    ['cán bộ quản lí', 'CBQL'],
    ['Hiệu trưởng', 'CBQL'],
    ['Phó hiệu trưởng', 'CBQL'],
    ['NV', 'NV'],
    ['nhân viên', 'NV'],
  ])('reads the position %p as %p', (cell, position) => {
    expect(parse(`email,chuc_vu\nan@x.vn,${cell}\n`)).toEqual({
      problems: [],
      rows: [{ row: 1, line: 2, email: 'an@x.vn', position }],
    })
  })

  it.each([
    ['MN', 'MN'],
    ['th', 'TH'],
    ['Thcs', 'THCS'],
    ['THPT', 'THPT'],
    ['gdtx', 'GDTX'],
    ['Mầm non', 'MN'],
    ['tiểu học', 'TH'],
    ['Trung học cơ sở', 'THCS'],
    ['TRUNG HỌC PHỔ THÔNG', 'THPT'],
    ['Giáo dục thường xuyên', 'GDTX'],
  ])('reads the school level %p as %p', (cell, schoolLevel) => {
    expect(parse(`email,cap_hoc\nan@x.vn,${cell}\n`).rows).toEqual([
      { row: 1, line: 2, email: 'an@x.vn', schoolLevel },
    ])
  })

  it.each([
    ['1', 1],
    ['6', 6],
    [' 12 ', 12],
    ['09', 9],
  ])('reads the grade %p as %p', (cell, grade) => {
    expect(parse(`email,khoi\nan@x.vn,${cell}\n`).rows).toEqual([
      { row: 1, line: 2, email: 'an@x.vn', grade },
    ])
  })

  it('knows the other names of the columns (Vietnamese with accents, or English); empty cells give nothing', () => {
    const text =
      'Email;Chức vụ;Cấp học;Khối\n' +
      'an@x.vn;Tổ trưởng;THCS;\n' +
      'binh@x.vn;;;\n' +
      'chi@x.vn;;Tiểu học;5\n'
    expect(parse(text)).toEqual({
      problems: [],
      rows: [
        { row: 1, line: 2, email: 'an@x.vn', position: 'TTCM', schoolLevel: 'THCS' },
        { row: 2, line: 3, email: 'binh@x.vn' },
        { row: 3, line: 4, email: 'chi@x.vn', schoolLevel: 'TH', grade: 5 },
      ],
    })
    for (const header of ['email,position,school_level,grade', 'email,chuc_danh,cap,khoi'])
      expect(parse(`${header}\nan@x.vn,CBQL,THPT,10\n`).rows).toEqual([
        { row: 1, line: 2, email: 'an@x.vn', position: 'CBQL', schoolLevel: 'THPT', grade: 10 },
      ])
  })

  it('does not take lop for a grade column', () => {
    expect(parse('email,lop\nan@x.vn,6\n').problems[0]).toMatchObject({
      code: 'ERR_ROSTER_COLUMN_UNKNOWN',
      values: { unknown: '"lop"' },
    })
  })

  it('refuses an unknown position, school level or grade, naming the column as headed and what it accepts', () => {
    const text =
      'email,Chức vụ,Cấp học,Khối\n' +
      'an@x.vn,Bảo vệ,THCS,6\n' +
      'binh@x.vn,GV,Đại học,6\n' +
      'chi@x.vn,GV,THCS,13\n' +
      'dung@x.vn,GV,THCS,0\n' +
      'em@x.vn,GV,THCS,6.5\n' +
      'gia@x.vn,GV,THCS,sáu\n' +
      'hai@x.vn,giáo viên,thcs,6\n'
    const { rows, problems } = parse(text)
    expect(rows).toEqual([
      { row: 7, line: 8, email: 'hai@x.vn', position: 'GV', schoolLevel: 'THCS', grade: 6 },
    ])
    expect(problems).toEqual([
      {
        line: 2,
        row: 1,
        column: 'Chức vụ',
        code: 'ERR_ROSTER_POSITION_UNKNOWN',
        values: { position: 'Bảo vệ', positions: 'GV, TTCM, CBQL, NV' },
        message:
          'no position "Bảo vệ"; use GV, TTCM, CBQL, NV (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)',
      },
      {
        line: 3,
        row: 2,
        column: 'Cấp học',
        code: 'ERR_ROSTER_SCHOOL_LEVEL_UNKNOWN',
        values: { schoolLevel: 'Đại học', schoolLevels: 'MN, TH, THCS, THPT, GDTX' },
        message: 'no school level "Đại học"; use MN, TH, THCS, THPT, GDTX',
      },
      ...['13', '0', '6.5', 'sáu'].map((grade, i) => ({
        line: 4 + i,
        row: 3 + i,
        column: 'Khối',
        code: 'ERR_ROSTER_GRADE_INVALID',
        values: { grade },
        message: `"${grade}" is not a grade: a whole number from 1 to 12`,
      })),
    ])
  })

  it('says each new problem in Vietnamese and English', () => {
    const { problems } = parse(
      'email,chuc_vu,cap_hoc,khoi\na@x.vn,Bảo vệ,,\nb@x.vn,,ĐH,\nc@x.vn,,,13\n',
    )
    expect(problems.map((p) => problemDetail(translator('vi'), p))).toEqual([
      'không có chức vụ "Bảo vệ"; dùng GV, TTCM, CBQL, NV (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)',
      'không có cấp học "ĐH"; dùng MN, TH, THCS, THPT, GDTX (mầm non, tiểu học, trung học cơ sở, trung học phổ thông, giáo dục thường xuyên)',
      '"13" không phải là khối: cần một số nguyên từ 1 đến 12',
    ])
    expect(problems.map((p) => problemDetail(translator('en'), p))).toEqual(
      problems.map((p) => p.message),
    )
  })
})
