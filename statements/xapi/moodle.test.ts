import { actorKey } from './actor-key.ts'
import { expectValid, moodleBatch, moodleStatements } from './fixtures/statements.ts'
import { indexedFields } from './indexed-fields.ts'
import { prepareStatement } from './prepare-statement.ts'
import type { Statement } from './statement.ts'
import { validateStatements } from './validate-statements.ts'

// The statements Moodle's xAPI log store sends (REFERENCE.md) validate cleanly, one by one and in a
// batch of 30, under either xAPI version, and come out of prepare/index as the store needs them.

const SITE = 'https://lms.thpt-nguyendu.edu.vn'

describe("Moodle's statements", () => {
  const fixtures = Object.entries(moodleStatements())

  it.each(fixtures)('%s validates under xAPI 1.0.3 and 2.0.0', (_name, statement) => {
    expectValid(statement, '1.0.3')
    expectValid(statement, '2.0.0')
  })

  it('a batch of 30 validates and keeps its order', () => {
    const batch = moodleBatch(30)
    const result = validateStatements(batch, { version: '1.0.3' })
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.statements).toEqual(batch)
  })

  it('the quiz attempt is indexed with its course module, score and outcome', () => {
    const quiz = moodleStatements().quizAttemptCompleted as unknown as Statement
    const prepared = prepareStatement(quiz, {
      stored: new Date('2026-03-12T01:46:00Z'),
      authority: {
        account: { homePage: 'https://nls.example.edu.vn', name: 'moodle-thpt-nguyendu' },
      },
      newId: () => '5b1c9f0e-2f4e-4a8e-9d0a-3b7c2e1f4a6d',
    })
    expect(actorKey(prepared.actor)).toBe(`account:${SITE}|1234`)
    expect(indexedFields(prepared)).toEqual({
      verbId: 'http://adlnet.gov/expapi/verbs/completed',
      activityIri: `${SITE}/mod/quiz/view.php?id=215`,
      activityTree: [
        `${SITE}/mod/quiz/view.php?id=215`,
        `${SITE}/course/section.php?id=41`,
        `${SITE}/course/view.php?id=7`,
      ],
      registration: undefined,
      timestamp: new Date('2026-03-12T01:45:10Z'),
      scoreScaled: 0.85,
      success: true,
      completion: true,
    })
  })

  it('the quiz with raw 50/100 and scaled 0 is indexed at 0.5', () => {
    const quiz = moodleStatements().quizAttemptRawWithZeroScaled as unknown as Statement
    expect(indexedFields(quiz).scoreScaled).toBe(0.5)
  })
})
