// Statements our builders make, shared by the profile's tests: one of each shape, with the
// template each must follow.
import { nlsProfile } from './profile.ts'
import {
  descriptorReachedStatement,
  levelChangeStatement,
  type LevelChange,
  type ProgressStatement,
} from './progress-statement.ts'
import { profileTerms } from './vocabulary.ts'

export const PROFILE = 'https://nls.example.edu.vn/xapi/profile'
export const TERMS = profileTerms(PROFILE)
export const X = TERMS.extensions
export const DOC = nlsProfile(PROFILE)
export const AT = new Date('2026-11-20T08:30:00+07:00')
export const COMPONENT = {
  id: 'TT18.PT.1.1',
  iri: 'urn:nls:TT18.PT.1.1',
  name: { vi: 'Khai thác dữ liệu và thông tin', en: 'Browsing data and information' },
  frameworkId: 'TT18',
  frameworkVersion: '2026-03-27',
}
export const OVERRIDE = { reason: 'Quan sát giờ dạy', by: '7d0c6c52-5f7e-4d0a-9a3e-2c1d5b4a3f21' }

export function change(overrides: Partial<LevelChange> = {}): ProgressStatement {
  return levelChangeStatement({ ...changeInput(), ...overrides })
}

export function changeInput(): LevelChange {
  return {
    profileIri: PROFILE,
    actor: { account: { homePage: 'https://lms.example.edu.vn', name: '42' } },
    personId: '0b5cbd0e-3c1f-4d51-9a51-2a8f0e6a7c11',
    component: COMPONENT,
    level: { code: 'TT' },
    previous: { code: 'CB' },
    topLevel: false,
    evidenceCount: 5,
    sequence: 2,
    timestamp: AT,
  }
}

export const DESCRIPTOR = descriptorReachedStatement({
  profileIri: PROFILE,
  actor: { mbox: 'mailto:lan@example.edu.vn' },
  personId: '0b5cbd0e-3c1f-4d51-9a51-2a8f0e6a7c11',
  component: COMPONENT,
  descriptor: { id: 'TT18.PT.1.1.CB.2', iri: 'urn:nls:TT18.PT.1.1.CB.2', text: { vi: 'Tìm kiếm' } },
  evidenceCount: 1,
  sequence: 1,
  override: OVERRIDE,
  timestamp: AT,
})

// Every statement our builders make, with the template it must follow.
export const STATEMENTS: [string, ProgressStatement, string][] = [
  ['up', change(), TERMS.templates.levelChanged],
  ['mastered', change({ level: { code: 'NC' }, topLevel: true }), TERMS.templates.levelMastered],
  [
    'down',
    change({ level: { code: 'CB' }, previous: { code: 'TT' } }),
    TERMS.templates.levelChanged,
  ],
  ['to none', change({ level: null }), TERMS.templates.levelChanged],
  ['first time', change({ previous: undefined, sequence: 1 }), TERMS.templates.levelChanged],
  ['override', change({ override: OVERRIDE }), TERMS.templates.levelChanged],
  ['descriptor', DESCRIPTOR, TERMS.templates.descriptorReached],
]
