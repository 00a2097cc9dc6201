import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
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
            'email, name (ho_ten), unit (don_vi), table (bang), account (tai_khoan), home page (trang_chu)',
        },
        message:
          'no email column; the columns are email, name (ho_ten), unit (don_vi), table (bang), account (tai_khoan), home page (trang_chu)',
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
})
