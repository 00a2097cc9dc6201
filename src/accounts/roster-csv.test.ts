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
        code: 'ERR_ROSTER_EMAIL_OR_PUPIL_CODE_REQUIRED',
        values: { columns: 'email' },
        message: 'needs an email (staff) or a pupil code ma_hs (pupils): email',
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
        values: { table: 'XX', tables: 'MN, PT, QL, NH, MN+QL, PT+QL' },
        message: 'no competency table XX; use MN, PT, QL, NH, MN+QL, PT+QL',
      },
    ])
  })

  it('refuses a file with neither an email nor an ma_hs column, or with unknown columns', () => {
    const columns =
      'email, pupil code (ma_hs), name (ho_ten), class (lop), unit (don_vi), table (bang), account (tai_khoan), home page (trang_chu), position (chuc_vu), school level (cap_hoc), grade (khoi)'
    expect(parse('name,unit\nAn,A\n').problems).toEqual([
      {
        line: 1,
        code: 'ERR_ROSTER_EMAIL_COLUMN_MISSING',
        values: { columns },
        message: `no email or ma_hs column: staff are known by their email, pupils by their code; the columns are ${columns}`,
      },
    ])
    expect(problemDetail(translator('vi'), parse('ho_ten,lop\nAn,7A1\n').problems[0]!)).toBe(
      `thiếu cột email hoặc ma_hs: nhân sự được nhận biết bằng email, học sinh bằng mã học sinh; các cột là ${columns}`,
    )
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

  it('does not take lop for a grade column: it is the class', () => {
    expect(parse('email,lop\nan@x.vn,6\n')).toEqual({
      problems: [],
      rows: [{ row: 1, line: 2, email: 'an@x.vn', className: '6' }],
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

describe('parseRosterCsv: pupils (Circular 02/2025)', () => {
  const K12 = 'https://k12online.vn'
  const pupils = (text: string) => parseRosterCsv(text, catalog, 'TT18', K12)

  it('reads a pupils-only file: no email, the code as key and account, NH by default, class and grade', () => {
    const text = 'Mã HS;Họ tên;Lớp;Khối\n' + 'HS001;Nguyễn An;7A1;7\n' + 'HS002;Trần Bình;;\n'
    expect(pupils(text)).toEqual({
      problems: [],
      rows: [
        {
          row: 1,
          line: 2,
          pupilCode: 'HS001',
          name: 'Nguyễn An',
          className: '7A1',
          grade: 7,
          audiences: ['TT02.NH'],
          account: { homePage: K12, name: 'HS001' },
        },
        {
          row: 2,
          line: 3,
          pupilCode: 'HS002',
          name: 'Trần Bình',
          audiences: ['TT02.NH'],
          account: { homePage: K12, name: 'HS002' },
        },
      ],
    })
    for (const header of ['ma_hoc_sinh,lop_hoc', 'pupil_code,class', 'student_code,lop'])
      expect(pupils(`${header}\nHS9,6A\n`).rows[0]).toMatchObject({
        pupilCode: 'HS9',
        className: '6A',
      })
  })

  it('reads a mixed file: staff by email, pupils by code; tai_khoan names a pupil’s account; NH on a staff row', () => {
    const text =
      'email,ma_hs,ho_ten,lop,khoi,bang,tai_khoan\n' +
      'an@truong.edu.vn,,Nguyễn Văn An,,,PT+QL,gv.an\n' +
      ',HS001,Lê Chi,7A1,7,,hs.lechi\n' +
      'binh@truong.edu.vn,,Trần Bình,,,NH,\n' +
      'dung@truong.edu.vn,HS002,Phạm Dũng,8A,8,TT02.NH,\n'
    expect(pupils(text)).toEqual({
      problems: [],
      rows: [
        {
          row: 1,
          line: 2,
          email: 'an@truong.edu.vn',
          name: 'Nguyễn Văn An',
          audiences: ['TT18.PT', 'TT18.QL'],
          account: { homePage: K12, name: 'gv.an' },
        },
        {
          row: 2,
          line: 3,
          pupilCode: 'HS001',
          name: 'Lê Chi',
          className: '7A1',
          grade: 7,
          audiences: ['TT02.NH'],
          account: { homePage: K12, name: 'hs.lechi' },
        },
        { row: 3, line: 4, email: 'binh@truong.edu.vn', name: 'Trần Bình', audiences: ['TT02.NH'] },
        {
          row: 4,
          line: 5,
          email: 'dung@truong.edu.vn',
          pupilCode: 'HS002',
          name: 'Phạm Dũng',
          className: '8A',
          grade: 8,
          audiences: ['TT02.NH'],
          account: { homePage: K12, name: 'HS002' },
        },
      ],
    })
  })

  it('keeps a pupil without an account when no home page is known (no error)', () => {
    expect(parseRosterCsv('ma_hs\nHS001\n', catalog, 'TT18', null)).toEqual({
      problems: [],
      rows: [{ row: 1, line: 2, pupilCode: 'HS001', audiences: ['TT02.NH'] }],
    })
  })

  it('refuses a code twice (naming the earlier row) and a row with neither key, naming both columns as headed', () => {
    const text = 'Email,Mã HS,Họ tên\n,HS001,An\n,HS001,Bình\n,,Chi\n'
    const { rows, problems } = pupils(text)
    expect(rows.map((r) => r.pupilCode)).toEqual(['HS001'])
    expect(problems).toEqual([
      {
        line: 3,
        row: 2,
        column: 'Mã HS',
        code: 'ERR_ROSTER_PUPIL_CODE_TWICE',
        values: { pupilCode: 'HS001', row: 1 },
        message: 'the pupil code HS001 is already on row 1',
      },
      {
        line: 4,
        row: 3,
        column: 'Email / Mã HS',
        code: 'ERR_ROSTER_EMAIL_OR_PUPIL_CODE_REQUIRED',
        values: { columns: 'Email / Mã HS' },
        message: 'needs an email (staff) or a pupil code ma_hs (pupils): Email / Mã HS',
      },
    ])
    expect(problems.map((p) => problemDetail(translator('vi'), p))).toEqual([
      'mã học sinh HS001 đã có ở hàng 1',
      'cần email (nhân sự) hoặc mã học sinh ma_hs (học sinh): Email / Mã HS',
    ])
    expect(problems.map((p) => problemDetail(translator('en'), p))).toEqual(
      problems.map((p) => p.message),
    )
  })

  it('names the valid table codes of every framework in force, NH among them, in both languages', () => {
    const { problems } = pupils('ma_hs,Bảng\nHS001,XY\n')
    expect(problems).toEqual([
      {
        line: 2,
        row: 1,
        column: 'Bảng',
        code: 'ERR_ROSTER_TABLE_UNKNOWN',
        values: { table: 'XY', tables: 'MN, PT, QL, NH, MN+QL, PT+QL' },
        message: 'no competency table XY; use MN, PT, QL, NH, MN+QL, PT+QL',
      },
    ])
    expect(problemDetail(translator('vi'), problems[0]!)).toBe(
      'không có bảng năng lực XY; dùng MN, PT, QL, NH, MN+QL, PT+QL',
    )
  })
})
