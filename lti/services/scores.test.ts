import { isLearner, scoresUrl } from './scores.ts'

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/'

describe('scoresUrl', () => {
  it.each([
    [
      'http://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1',
      'http://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1',
    ],
    [
      'https://lms.example.com/context/2923/lineitems/1',
      'https://lms.example.com/context/2923/lineitems/1/scores',
    ],
    ['https://lms.example.com/lineitems/1/', 'https://lms.example.com/lineitems/1/scores'],
    ['https://lms.example.com/li/1?a=1&b=2', 'https://lms.example.com/li/1/scores?a=1&b=2'],
  ])('%s → %s', (lineItem, scores) => {
    expect(scoresUrl(lineItem)).toBe(scores)
  })
})

describe('isLearner', () => {
  it.each([
    [[`${LIS}membership#Learner`], true],
    [[`${LIS}membership/Learner#Learner`], true],
    [['Learner'], true],
    [[`${LIS}membership#Learner`, `${LIS}institution/person#Student`], true],
    [[`${LIS}membership#Instructor`], false],
    [['Instructor'], false],
    [[`${LIS}membership#Learner`, `${LIS}membership#Instructor`], false],
    [[`${LIS}membership#Learner`, `${LIS}membership/Instructor#TeachingAssistant`], false],
    [[`${LIS}institution/person#Administrator`, `${LIS}membership#Instructor`], false],
    [[], false],
  ])('%j → %s', (roles, expected) => {
    expect(isLearner(roles)).toBe(expected)
  })
})
