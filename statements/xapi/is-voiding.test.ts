import { baseStatement, withValue } from './fixtures/statements.ts'
import { isVoiding } from './is-voiding.ts'
import type { Statement } from './statement.ts'

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided'
const TARGET = 'E05AA883-ACAF-40AD-BF54-02C8CE485FB0'
const voiding = (object: unknown) =>
  withValue(
    withValue(baseStatement(), ['verb', 'id'], VOIDED),
    ['object'],
    object,
  ) as unknown as Statement

describe('isVoiding', () => {
  it('gives the target id (lower case) of a voiding statement', () => {
    expect(isVoiding(voiding({ objectType: 'StatementRef', id: TARGET }))).toBe(
      TARGET.toLowerCase(),
    )
  })

  it('gives undefined for any other verb, a StatementRef object included', () => {
    expect(isVoiding(baseStatement() as unknown as Statement)).toBeUndefined()
    const comment = withValue(baseStatement(), ['object'], {
      objectType: 'StatementRef',
      id: TARGET,
    })
    expect(isVoiding(comment as unknown as Statement)).toBeUndefined()
  })

  it('refuses a voiding statement whose object is not a StatementRef (Data 2.3.2.s2.b1)', () => {
    expect(() =>
      isVoiding(voiding({ id: 'https://lms.example.edu.vn/mod/page/view.php?id=1' })),
    ).toThrow(
      new TypeError(
        'isVoiding: a statement with the verb "voided" must have a StatementRef object, not "Activity" (xAPI Data 2.3.2); validate it first',
      ),
    )
  })
})
