import type { Agent } from './actor.ts'
import { baseStatement, moodleStatements, withValue } from './fixtures/statements.ts'
import { prepareStatement } from './prepare-statement.ts'
import type { Statement } from './statement.ts'

const STORED = new Date('2026-03-12T01:46:00.123Z')
const AUTHORITY: Agent = {
  objectType: 'Agent',
  account: { homePage: 'https://nls.example.edu.vn', name: 'moodle-thpt' },
}
const NEW_ID = 'C0FFEE00-1234-4ABC-8DEF-0123456789AB'
const options = { stored: STORED, authority: AUTHORITY, newId: () => NEW_ID }
const base = () => baseStatement() as unknown as Statement

describe('prepareStatement', () => {
  it('sets id (lower case), stored, timestamp, authority and version on a statement without them', () => {
    expect(prepareStatement(base(), options)).toEqual({
      ...base(),
      id: NEW_ID.toLowerCase(),
      stored: '2026-03-12T01:46:00.123Z',
      timestamp: '2026-03-12T01:46:00.123Z',
      authority: AUTHORITY,
      version: '1.0.0',
    })
  })

  it('keeps the id, timestamp and version the client sent (the id in lower case)', () => {
    const sent = {
      ...base(),
      id: 'E05AA883-ACAF-40AD-BF54-02C8CE485FB0',
      timestamp: '2026-03-12T08:45:10+07:00',
      version: '1.0.3',
    }
    const prepared = prepareStatement(sent, {
      ...options,
      newId: () => {
        throw new Error('not called')
      },
    })
    expect(prepared).toMatchObject({
      id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0',
      timestamp: '2026-03-12T08:45:10+07:00',
      version: '1.0.3',
    })
  })

  it('overwrites the stored and authority the client sent', () => {
    const sent = {
      ...base(),
      stored: '2000-01-01T00:00:00Z',
      authority: { mbox: 'mailto:who@example.com' },
    }
    expect(prepareStatement(sent, options)).toMatchObject({
      stored: '2026-03-12T01:46:00.123Z',
      authority: AUTHORITY,
    })
  })

  it('sets version 2.0.0 when the request was xAPI 2.0.0', () => {
    expect(prepareStatement(base(), { ...options, version: '2.0.0' }).version).toBe('2.0.0')
  })

  it('turns single contextActivities into arrays, in SubStatements too (Data 2.4.6.2.s4.b3)', () => {
    const course = { id: 'https://lms.example.edu.vn/course/view.php?id=7' }
    let statement = withValue(base(), ['context', 'contextActivities'], {
      parent: course,
      grouping: [course],
    })
    statement = withValue(statement, ['object'], {
      objectType: 'SubStatement',
      actor: { mbox: 'mailto:lan@example.edu.vn' },
      verb: { id: 'http://example.com/planned' },
      object: course,
      context: { contextActivities: { category: course } },
    })
    const prepared = prepareStatement(statement, options)
    expect(prepared.context?.contextActivities).toEqual({ parent: [course], grouping: [course] })
    expect(
      prepared.object.objectType === 'SubStatement' && prepared.object.context?.contextActivities,
    ).toEqual({
      category: [course],
    })
  })

  it('returns a new object and leaves the statement as it was', () => {
    const statement = moodleStatements().quizAttemptCompleted as unknown as Statement
    const copy = structuredClone(statement)
    const prepared = prepareStatement(statement, options)
    expect(prepared).not.toBe(statement)
    expect(statement).toEqual(copy)
    // A property the statement lacks is undefined, and absent from the JSON stored.
    const bare = prepareStatement(base(), options)
    expect(bare.context).toBeUndefined()
    expect(Object.keys(JSON.parse(JSON.stringify(bare)) as object)).not.toContain('context')
  })

  it('throws a TypeError for an invalid stored date or a newId that is not a UUID', () => {
    expect(() => prepareStatement(base(), { ...options, stored: new Date('x') })).toThrow(TypeError)
    expect(() => prepareStatement(base(), { ...options, newId: () => 'one' })).toThrow(TypeError)
  })
})
