// A stored tag to vary in the tagging tests: a quiz tagged with 1.1 at Cơ bản, default rule.
import { DEFAULT_RULE } from '../inference/rule.ts'
import type { Tag } from '../store/index.ts'

export const QUIZ = 'https://lms.thcs-b.edu.vn/mod/quiz/view.php?id=3'
export const PASSED = 'http://adlnet.gov/expapi/verbs/passed'

const at = new Date('2026-05-01T08:00:00Z')

export const tag = (fields: Partial<Tag>): Tag => ({
  tenantId: 't',
  id: 'tag-1',
  activityId: 'a-1',
  activity: { iri: QUIZ, name: 'Bài kiểm tra' },
  competencyIds: ['TT18.PT.1.1.CB'],
  rule: DEFAULT_RULE,
  createdAt: at,
  updatedAt: at,
  ...fields,
})
