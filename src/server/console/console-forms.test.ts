import { translator } from '../../web/i18n.ts'
import { confirmsEmail } from './data-section.ts'
import { checkPlatformForm, readPlatformForm } from './platform-form.ts'
import { checkSourceForm } from './sources-section.ts'

const t = translator('en')
const district = {
  id: 'd1',
  kind: 'organisation' as const,
  name: 'Phòng GD&ĐT Ba Đình',
  settings: {},
  createdAt: new Date(0),
}
const school = { ...district, id: 's1', name: 'THCS Giảng Võ', parentId: 'd1' }

describe('checkPlatformForm', () => {
  const moodle = readPlatformForm({
    issuer: ' https://lms.example.vn ',
    clientId: 'abc',
    authUrl: 'https://lms.example.vn/mod/lti/auth.php',
    tokenUrl: 'https://lms.example.vn/mod/lti/token.php',
    jwksUrl: 'https://lms.example.vn/mod/lti/certs.php',
    deploymentIds: '1, 2 3',
    parentId: 'd1',
    ignored: 'x',
  })

  it('gives the registration as nls platform add does, under its district', () => {
    expect(checkPlatformForm(t, moodle, [district, school])).toEqual({
      registration: expect.objectContaining({
        issuer: 'https://lms.example.vn',
        name: 'lms.example.vn',
        deploymentIds: ['1', '2', '3'],
        parentId: 'd1',
      }),
    })
  })

  it('names each bad field once, and refuses a parent that is not a district', () => {
    const checked = checkPlatformForm(
      t,
      { ...moodle, issuer: 'lms', deploymentIds: ' ', parentId: 's1' },
      [district, school],
    )
    expect(checked).toEqual({
      problems: [
        { field: 'platform-issuer', message: 'Enter the issuer as an http(s) URL.' },
        { field: 'platform-deploymentIds', message: 'Enter at least one deployment ID.' },
        { field: 'platform-parentId', message: expect.any(String) },
      ],
    })
  })
})

describe('checkSourceForm', () => {
  const form = {
    endpoint: 'https://lrs.example.vn/xAPI',
    username: ' key ',
    password: ' secret ',
    pull: true,
    forward: false,
  }

  it('keeps the endpoint ending in a slash and the secret as typed', () => {
    expect(checkSourceForm(t, form)).toEqual({
      input: { ...form, endpoint: 'https://lrs.example.vn/xAPI/', username: 'key' },
    })
  })

  it('names every bad field', () => {
    const checked = checkSourceForm(t, { ...form, endpoint: 'ftp://x', username: '', password: '' })
    expect('problems' in checked && checked.problems.map((p) => p.field)).toEqual([
      'endpoint',
      'username',
      'password',
    ])
  })
})

describe('confirmsEmail', () => {
  it('matches the email typed again in any case, never an empty one', () => {
    expect(confirmsEmail('Lan@Truong.vn', ' lan@truong.vn ')).toBe(true)
    expect(confirmsEmail('lan@truong.vn', 'lan@truong.v')).toBe(false)
    expect(confirmsEmail(' ', ' ')).toBe(false)
  })
})
