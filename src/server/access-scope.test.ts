import type { Session } from '../../lti/session.ts'
import type { Tag } from '../store/index.ts'
import {
  accessScope,
  isPersonInScope,
  isTagInScope,
  isTagVisible,
  requireNewTagInScope,
  requireTagInScope,
  tagFilterInScope,
} from './access-scope.ts'

const TENANT = '00000000-0000-4000-8000-000000000001'
const PERSON = '00000000-0000-4000-8000-00000000000a'
const OTHER = '00000000-0000-4000-8000-00000000000b'
const PLATFORM = '00000000-0000-4000-8000-0000000000f1'
const COURSE_A = '00000000-0000-4000-8000-0000000000a1'
const COURSE_B = '00000000-0000-4000-8000-0000000000b1'

const session = (more: Partial<Session>): Session => ({
  tenantId: TENANT,
  personId: PERSON,
  role: 'instructor',
  gen: 0,
  ...more,
})
const tag = (activity?: Tag['activity'], activityPrefix?: string): Tag => ({
  tenantId: TENANT,
  id: '00000000-0000-4000-8000-0000000000c1',
  ...(activity && { activityId: '00000000-0000-4000-8000-0000000000d1', activity }),
  ...(activityPrefix !== undefined && { activityPrefix }),
  competencyIds: ['TT18.PT.1.1.CB'],
  rule: {},
  createdAt: new Date(0),
  updatedAt: new Date(0),
})

const teacherOfA = accessScope(session({ platformId: PLATFORM, contextId: COURSE_A }))
const ofA = tag({ contextId: COURSE_A })
const ofB = tag({ contextId: COURSE_B })
const schoolWide = tag({})
const prefix = tag(undefined, 'https://lms.example/mod/')

describe('accessScope', () => {
  it('gives the school to administrators, admin tokens and local trainers', () => {
    expect(accessScope(undefined)).toEqual({ kind: 'tenant' })
    expect(
      accessScope(session({ role: 'administrator', platformId: PLATFORM, contextId: COURSE_A })),
    ).toEqual({ kind: 'tenant' })
    expect(accessScope(session({ role: 'administrator' }))).toEqual({ kind: 'tenant' })
    expect(accessScope(session({}))).toEqual({ kind: 'tenant' })
  })

  it('gives an LMS Instructor the course of the launch, and outside a course only themself', () => {
    expect(teacherOfA).toEqual({ kind: 'course', contextId: COURSE_A, personId: PERSON })
    expect(accessScope(session({ platformId: PLATFORM }))).toEqual({
      kind: 'self',
      personId: PERSON,
    })
    expect(accessScope(session({ role: 'learner', contextId: COURSE_A }))).toEqual({
      kind: 'self',
      personId: PERSON,
    })
  })
})

describe('tags in scope', () => {
  it('are a course’s own for its trainer, every one for the school', () => {
    expect([ofA, ofB, schoolWide, prefix].map((t) => isTagInScope(teacherOfA, t))).toEqual([
      true,
      false,
      false,
      false,
    ])
    expect([ofA, ofB, schoolWide, prefix].map((t) => isTagVisible(teacherOfA, t))).toEqual([
      true,
      false,
      true,
      true,
    ])
    expect(isTagInScope({ kind: 'tenant' }, ofB)).toBe(true)
    expect(isTagInScope({ kind: 'self', personId: PERSON }, ofA)).toBe(false)
  })

  it('refuse another course’s tag as not found, a school-wide one as forbidden', () => {
    expect(requireTagInScope(teacherOfA, ofA.id, ofA)).toBe(ofA)
    expect(() => requireTagInScope(teacherOfA, ofB.id, ofB)).toThrow(
      expect.objectContaining({ code: 'ERR_TAG_NOT_FOUND', message: `no tag ${ofB.id}` }),
    )
    expect(() => requireTagInScope(teacherOfA, ofA.id, undefined)).toThrow(
      expect.objectContaining({ code: 'ERR_TAG_NOT_FOUND' }),
    )
    expect(() => requireTagInScope(teacherOfA, prefix.id, prefix)).toThrow(
      expect.objectContaining({ code: 'ERR_FORBIDDEN' }),
    )
    expect(() => requireNewTagInScope(teacherOfA, ofB)).toThrow(
      expect.objectContaining({
        code: 'ERR_NOT_FOUND',
        message: 'no such activity in this course',
      }),
    )
    expect(() => requireTagInScope({ kind: 'self', personId: PERSON }, ofA.id, ofA)).toThrow(
      expect.objectContaining({ code: 'ERR_FORBIDDEN' }),
    )
  })

  it('list a course’s own for its trainer, refusing another course', () => {
    expect(tagFilterInScope(teacherOfA, { competencyId: 'TT18.PT.1.1.CB' })).toEqual({
      competencyId: 'TT18.PT.1.1.CB',
      contextId: COURSE_A,
    })
    expect(() => tagFilterInScope(teacherOfA, { contextId: COURSE_B })).toThrow(
      expect.objectContaining({ code: 'ERR_FORBIDDEN' }),
    )
    expect(tagFilterInScope({ kind: 'tenant' }, { contextId: COURSE_B })).toEqual({
      contextId: COURSE_B,
    })
  })
})

describe('isPersonInScope', () => {
  const members = new Map([[`${COURSE_A}:${OTHER}`, ['Learner']]])
  const courses = {
    getMemberRoles: async (_tenantId: string, contextId: string, personId: string) =>
      members.get(`${contextId}:${personId}`),
  }

  it('is a course’s members and oneself for its trainer, oneself for a learner', async () => {
    expect(await isPersonInScope(courses, TENANT, teacherOfA, OTHER)).toBe(true)
    expect(await isPersonInScope(courses, TENANT, teacherOfA, PERSON)).toBe(true)
    const ofB = { kind: 'course', contextId: COURSE_B, personId: PERSON } as const
    expect(await isPersonInScope(courses, TENANT, ofB, OTHER)).toBe(false)
    const self = { kind: 'self', personId: PERSON } as const
    expect(await isPersonInScope(courses, TENANT, self, OTHER)).toBe(false)
    expect(await isPersonInScope(courses, TENANT, self, PERSON)).toBe(true)
    expect(await isPersonInScope(courses, TENANT, { kind: 'tenant' }, OTHER)).toBe(true)
  })
})
