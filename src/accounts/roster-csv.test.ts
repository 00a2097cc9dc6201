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
      { line: 3, row: 2, column: 'email', message: '"not-an-email" is not an email address' },
      { line: 4, row: 3, column: 'email', message: 'required' },
      { line: 5, row: 4, column: 'email', message: 'an@x.vn is already on row 1' },
      {
        line: 6,
        row: 5,
        column: 'table',
        message: 'no competency table TT18.XX; use MN, PT, PT+QL or MN+QL',
      },
    ])
  })

  it('refuses a file without an email column, or with unknown columns', () => {
    expect(parse('name,unit\nAn,A\n').problems).toEqual([
      {
        line: 1,
        message:
          'no email column; the columns are email, name (ho_ten), unit (don_vi), table (bang)',
      },
    ])
    expect(parse('email,phone\na@b.vn,1\n').problems[0]!.message).toContain(
      'unknown column "phone"',
    )
    expect(parse('').problems[0]!.message).toContain('the file is empty')
  })
})
