import { describe, expect, it } from '@jest/globals'
import { z } from 'zod'
import { translator } from '../../web/i18n.ts'
import { fieldProblems } from './field-problems.ts'

const Form = z.object({
  username: z.string().trim().min(1).max(20),
  reason: z.string().trim().min(1),
  page: z.coerce.number().int(),
})
const issuesOf = (input: unknown) => {
  const parsed = Form.safeParse(input)
  return parsed.success ? [] : parsed.error.issues
}

describe('fieldProblems', () => {
  it('asks for an empty field, names the limit of a long one, in the page’s language', () => {
    const issues = issuesOf({ username: 'x'.repeat(21), reason: '  ', page: '1' })
    expect(fieldProblems(issues, translator('vi'))).toEqual([
      { field: 'username', message: 'Quá dài: tối đa 20 ký tự.' },
      { field: 'reason', message: 'Hãy nhập trường này.' },
    ])
    expect(fieldProblems(issues, translator('en'), { reason: 'formErrors.reasonNeeded' })).toEqual([
      { field: 'username', message: 'Too long: at most 20 characters.' },
      { field: 'reason', message: 'Give a reason for the decision.' },
    ])
  })

  it('asks to check any other bad value, once per field', () => {
    const issues = issuesOf({ username: 'a', reason: 'b', page: 'hai' })
    expect(fieldProblems(issues, translator('vi'))).toEqual([
      { field: 'page', message: 'Giá trị này không hợp lệ: hãy kiểm tra lại.' },
    ])
  })
})
