import { formatRosterAccountsCsv, formatRosterAccountsTable } from './roster-accounts-csv.ts'

const accounts = [
  {
    username: 'an@gv.vn',
    email: 'an@gv.vn',
    name: 'Nguyễn "Út" An, Tổ Toán',
    personId: '1',
    password: 'abcdefghijkmnpqr',
  },
  {
    username: 'binh.tran@gv.vn',
    email: 'binh.tran@gv.vn',
    personId: '2',
    password: '23456789ABCDEFGH',
  },
]

describe('formatRosterAccountsCsv', () => {
  it('writes a header and one quoted-as-needed row per account, with a BOM for Excel', () => {
    expect(formatRosterAccountsCsv(accounts)).toBe(
      '\uFEFFusername,email,name,password\r\n' +
        'an@gv.vn,an@gv.vn,"Nguyễn ""Út"" An, Tổ Toán",abcdefghijkmnpqr\r\n' +
        'binh.tran@gv.vn,binh.tran@gv.vn,,23456789ABCDEFGH\r\n',
    )
  })

  it('writes the header alone when no account was made', () => {
    expect(formatRosterAccountsCsv([])).toBe('\uFEFFusername,email,name,password\r\n')
  })
})

describe('formatRosterAccountsTable', () => {
  it('aligns the columns by characters, the password last', () => {
    expect(formatRosterAccountsTable(accounts).split('\n')).toEqual([
      'username         email            name                     password',
      'an@gv.vn         an@gv.vn         Nguyễn "Út" An, Tổ Toán  abcdefghijkmnpqr',
      'binh.tran@gv.vn  binh.tran@gv.vn                           23456789ABCDEFGH',
      '',
    ])
  })
})
