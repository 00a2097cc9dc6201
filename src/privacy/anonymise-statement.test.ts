import { anonymiseStatement, ERASED_HOME_PAGE, type PersonMarks } from './anonymise-statement.ts'

const marks: PersonMarks = {
  mboxes: ['mailto:lan@truong.edu.vn'],
  sha1s: ['0123456789abcdef0123456789abcdef01234567'],
  openids: [],
  accounts: [{ homePage: 'https://lms.example', name: '42' }],
}
const anonymous = { homePage: ERASED_HOME_PAGE, name: 'c0ffee00-0000-4000-8000-000000000000' }
const anonAgent = { objectType: 'Agent', account: anonymous }

describe('anonymiseStatement', () => {
  it('replaces the actor of the person’s own statement and every agent that marks them', () => {
    const statement = {
      id: 's1',
      actor: { name: 'Nguyễn Thị Lan', account: { homePage: 'https://lms.example', name: '42' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'https://lms.example/mod/quiz/view.php?id=1' },
      context: {
        instructor: { name: 'Lan', mbox: 'mailto:LAN@truong.edu.vn' },
        team: {
          objectType: 'Group',
          member: [{ mbox_sha1sum: '0123456789ABCDEF0123456789ABCDEF01234567', name: 'Lan' }],
        },
      },
      authority: { account: { homePage: 'https://lms.example', name: 'admin' } },
    }
    const { statement: out, changed } = anonymiseStatement(statement, marks, anonymous, true)
    expect(changed).toBe(true)
    expect(out).toEqual({
      ...statement,
      actor: anonAgent,
      context: { instructor: anonAgent, team: { objectType: 'Group', member: [anonAgent] } },
    })
    expect(JSON.stringify(out)).not.toMatch(/Lan|truong\.edu\.vn/)
  })

  it('replaces an own statement’s actor even when no identifier of the person names it', () => {
    const statement = { actor: { mbox: 'mailto:other@x.vn', name: 'Lan' }, verb: { id: 'v' } }
    expect(anonymiseStatement(statement, marks, anonymous, true).statement).toEqual({
      actor: anonAgent,
      verb: { id: 'v' },
    })
  })

  it('leaves another person’s statement as it is, same name or not', () => {
    const statement = {
      actor: { mbox: 'mailto:binh@truong.edu.vn', name: 'Nguyễn Thị Lan' },
      verb: { id: 'v' },
      object: { id: 'https://lms.example/a' },
    }
    const result = anonymiseStatement(statement, marks, anonymous, false)
    expect(result).toEqual({ statement, changed: false })
    expect(result.statement).toBe(statement)
  })

  it('is idempotent: an anonymised statement is not changed again', () => {
    const once = anonymiseStatement(
      { actor: { mbox: 'mailto:lan@truong.edu.vn' }, verb: { id: 'v' } },
      marks,
      anonymous,
      true,
    ).statement
    expect(anonymiseStatement(once, marks, anonymous, true)).toEqual({
      statement: once,
      changed: false,
    })
  })
})
