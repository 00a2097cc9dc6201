import { launchRole } from './claims.ts'

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/'

describe('launchRole', () => {
  it.each([
    [[`${LIS}membership#Learner`], 'learner'],
    [[`${LIS}membership#Instructor`], 'instructor'],
    [[`${LIS}membership/Instructor#TeachingAssistant`], 'instructor'],
    // Moodle sends a site administrator both roles; the administrator view wins.
    [[`${LIS}institution/person#Administrator`, `${LIS}membership#Instructor`], 'administrator'],
    [[`${LIS}system/person#Administrator`], 'administrator'],
    [[], 'learner'],
    [['Instructor'], 'instructor'],
    [['Learner'], 'learner'],
    // A course's administrator (a context role) has course powers, not the school's.
    [[`${LIS}membership#Administrator`], 'instructor'],
    [['Administrator'], 'instructor'],
  ])('%j → %s', (roles, role) => {
    expect(launchRole(roles)).toBe(role)
  })
})
