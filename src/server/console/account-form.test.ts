import { readAccountForm } from './account-form.ts'

const TENANT = '00000000-0000-4000-8000-000000000001'
const blank = { username: '', role: '', name: '', email: '', password: '' }

describe('readAccountForm', () => {
  it('reads a teacher with a generated password, the user name and email normalised', () => {
    expect(
      readAccountForm(TENANT, {
        ...blank,
        username: ' GV.Hoa ',
        role: 'teacher',
        name: ' Lê Thị Hoa ',
        email: ' Hoa.Le@Truong.edu.vn ',
      }),
    ).toEqual({
      request: {
        tenantId: TENANT,
        username: 'gv.hoa',
        role: 'learner',
        name: 'Lê Thị Hoa',
        email: 'hoa.le@truong.edu.vn',
      },
    })
  })

  it('keeps a typed password of 10 characters or more, and leaves out empty optional fields', () => {
    expect(
      readAccountForm(TENANT, {
        ...blank,
        username: 'ht.truong',
        role: 'manager',
        password: 'mat-khau-10',
      }),
    ).toEqual({
      request: {
        tenantId: TENANT,
        username: 'ht.truong',
        role: 'administrator',
        password: 'mat-khau-10',
      },
    })
  })

  it('names every refused field', () => {
    expect(
      readAccountForm(TENANT, {
        username: 'X Y',
        role: 'toString',
        name: 'n'.repeat(201),
        email: 'not-an-email',
        password: 'short',
      }),
    ).toEqual({
      problems: [
        { field: 'username', key: 'username' },
        { field: 'role', key: 'role' },
        { field: 'name', key: 'name' },
        { field: 'email', key: 'email' },
        { field: 'password', key: 'password' },
      ],
    })
  })
})
