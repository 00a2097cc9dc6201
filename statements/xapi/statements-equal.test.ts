import { moodleStatements, withValue } from './fixtures/statements.ts'
import { prepareStatement } from './prepare-statement.ts'
import type { Statement } from './statement.ts'
import { statementsEqual } from './statements-equal.ts'

// xAPI Data 2.3.1, Statement Comparison Requirements.

const quiz = () => moodleStatements().quizAttemptCompleted as unknown as Statement
const changed = (path: (string | number)[], value: unknown) => withValue(quiz(), path, value)
const MBOX = 'mailto:lan@example.edu.vn'
const group = (...members: string[]) =>
  ({ objectType: 'Group', name: 'Nhóm 3', member: members.map((m) => ({ mbox: m })) }) as const

describe('statementsEqual: differences that are ignored', () => {
  it('a statement equals itself and its prepared form (id, stored, authority, version, timestamp set)', () => {
    const prepared = prepareStatement(quiz(), {
      stored: new Date('2026-03-12T01:46:00Z'),
      authority: { account: { homePage: 'https://nls.example.edu.vn', name: 'moodle' } },
      newId: () => 'e05aa883-acaf-40ad-bf54-02c8ce485fb0',
    })
    expect(statementsEqual(quiz(), quiz())).toBe(true)
    expect(statementsEqual(quiz(), prepared)).toBe(true)
  })

  it.each([
    ['another stored', ['stored'], '2030-01-01T00:00:00Z'],
    ['another authority', ['authority'], { mbox: 'mailto:other@example.com' }],
    ['another id', ['id'], 'e05aa883-acaf-40ad-bf54-02c8ce485fb0'],
    ['another version', ['version'], '1.0.3'],
    [
      'another timestamp (Data 2.3.1.b1; IEEE 9274.1.1 §4.2)',
      ['timestamp'],
      '2026-03-12T09:00:00+07:00',
    ],
    ['another verb display (b3)', ['verb', 'display'], { vi: 'đã hoàn thành' }],
    ['another Activity Definition (b2)', ['object', 'definition'], { name: { vi: 'Tên mới' } }],
    [
      'another definition of a context Activity (b2)',
      ['context', 'contextActivities', 'grouping', 0, 'definition'],
      { name: { en: 'School' } },
    ],
    [
      'attachments (b6)',
      ['attachments'],
      [
        {
          usageType: 'http://x.example/u',
          display: { vi: 'x' },
          contentType: 'text/plain',
          length: 1,
          sha2: 'a'.repeat(64),
          fileUrl: 'https://x.example/f',
        },
      ],
    ],
    ['objectType "Activity" left out', ['object', 'objectType'], undefined],
    ['a context language in another case (b7)', ['context', 'language'], 'VI'],
    [
      'the mbox domain in another case (b7)',
      ['actor'],
      { name: 'Nguyễn Thị Lan', mbox: MBOX.toUpperCase().replace('MAILTO:LAN@', 'mailto:lan@') },
    ],
    ['a duration finer than 0.01 s (Data 4.6.s1.b5)', ['result', 'duration'], 'PT12M34.0049S'],
  ])('%s', (_name, path, value) => {
    const a =
      path[0] === 'actor' ? changed(['actor'], { name: 'Nguyễn Thị Lan', mbox: MBOX }) : quiz()
    const b = withValue(a, path as (string | number)[], value)
    const c = path[0] === 'result' ? withValue(a, ['result', 'duration'], 'PT12M34.00S') : a
    expect(statementsEqual(c, b)).toBe(true)
  })

  it('differently ordered Group members (b5)', () => {
    const a = changed(
      ['actor'],
      group(MBOX, 'mailto:minh@example.edu.vn', 'mailto:anh@example.edu.vn'),
    )
    const b = changed(
      ['actor'],
      group('mailto:anh@example.edu.vn', MBOX, 'mailto:minh@example.edu.vn'),
    )
    expect(statementsEqual(a, b)).toBe(true)
  })

  it('a single context Activity and an array of it (Data 2.4.6.2.s4.b3)', () => {
    const parent = quiz().context?.contextActivities?.parent
    const single = Array.isArray(parent) ? parent[0] : parent
    const a = changed(['context', 'contextActivities', 'parent'], [single])
    const b = changed(['context', 'contextActivities', 'parent'], single)
    expect(statementsEqual(a, b)).toBe(true)
  })

  it('UUIDs in another case, and a SubStatement timestamp in another zone (b4, b7)', () => {
    const sub = (id: string, timestamp: string) => ({
      objectType: 'SubStatement',
      actor: { mbox: MBOX },
      verb: { id: 'http://example.com/planned' },
      object: { objectType: 'StatementRef', id },
      timestamp,
    })
    const a = changed(
      ['object'],
      sub('e05aa883-acaf-40ad-bf54-02c8ce485fb0', '2026-03-12T08:45:10+07:00'),
    )
    const b = changed(
      ['object'],
      sub('E05AA883-ACAF-40AD-BF54-02C8CE485FB0', '2026-03-12T01:45:10Z'),
    )
    expect(
      statementsEqual(withValue(a, ['context'], undefined), withValue(b, ['context'], undefined)),
    ).toBe(true)
  })
})

describe('statementsEqual: differences that count', () => {
  it.each([
    ['another result score', ['result', 'score', 'raw'], 9],
    ['another success', ['result', 'success'], false],
    ['the result left out', ['result'], undefined],
    ['another verb', ['verb', 'id'], 'http://adlnet.gov/expapi/verbs/passed'],
    [
      'another object',
      ['object', 'id'],
      'https://lms.thpt-nguyendu.edu.vn/mod/quiz/view.php?id=216',
    ],
    ['another actor', ['actor', 'account', 'name'], '1235'],
    ['another actor name', ['actor', 'name'], 'Nguyễn Thị Lan Anh'],
    ['another context extension', ['context', 'extensions', 'http://example.com/x'], 1],
    [
      'another context parent',
      ['context', 'contextActivities', 'parent', 0, 'id'],
      'https://lms.thpt-nguyendu.edu.vn/course/section.php?id=42',
    ],
    ['another platform', ['context', 'platform'], 'Moodle 4.5'],
    ['a duration different at 0.01 s', ['result', 'duration'], 'PT12M34.01S'],
    ['an mbox local part in another case', ['actor'], { mbox: 'mailto:LAN@example.edu.vn' }],
  ])('%s', (_name, path, value) => {
    const a = path[0] === 'actor' && path.length === 1 ? changed(['actor'], { mbox: MBOX }) : quiz()
    expect(statementsEqual(a, withValue(a, path as (string | number)[], value))).toBe(false)
  })

  it('another member of a Group', () => {
    const a = changed(['actor'], group(MBOX, 'mailto:minh@example.edu.vn'))
    const b = changed(['actor'], group(MBOX, 'mailto:anh@example.edu.vn'))
    expect(statementsEqual(a, b)).toBe(false)
  })
})
