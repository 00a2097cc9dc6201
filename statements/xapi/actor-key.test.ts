import { actorKey } from './actor-key.ts'
import type { Actor } from './actor.ts'

describe('actorKey', () => {
  it.each<[string, Actor, string | undefined]>([
    [
      'an mbox, its domain in lower case',
      { mbox: 'mailto:Lan.NT@THPT-NguyenDu.edu.vn' },
      'mbox:mailto:Lan.NT@thpt-nguyendu.edu.vn',
    ],
    [
      'an mbox_sha1sum in lower case',
      { mbox_sha1sum: 'EBD31E95054C018B10727CCFFD2EF2EC3A016EE9' },
      'mbox_sha1sum:ebd31e95054c018b10727ccffd2ef2ec3a016ee9',
    ],
    [
      'an openid',
      { openid: 'https://openid.example.edu.vn/lan' },
      'openid:https://openid.example.edu.vn/lan',
    ],
    [
      'an account',
      {
        name: 'Nguyễn Thị Lan',
        account: { homePage: 'https://lms.thpt-nguyendu.edu.vn', name: '1234' },
      },
      'account:https://lms.thpt-nguyendu.edu.vn|1234',
    ],
    [
      'an identified Group by its own IFI',
      {
        objectType: 'Group',
        mbox: 'mailto:to-tin@example.edu.vn',
        member: [{ mbox: 'mailto:lan@example.edu.vn' }],
      },
      'mbox:mailto:to-tin@example.edu.vn',
    ],
    [
      'an anonymous Group',
      { objectType: 'Group', member: [{ mbox: 'mailto:lan@example.edu.vn' }] },
      undefined,
    ],
  ])('keys %s', (_name, actor, key) => {
    expect(actorKey(actor)).toBe(key)
  })

  it('is the same for equal actors, whatever their names and objectType', () => {
    const a: Actor = { objectType: 'Agent', name: 'Lan', mbox: 'mailto:lan@Example.edu.vn' }
    const b: Actor = { mbox: 'mailto:lan@example.EDU.vn' }
    expect(actorKey(a)).toBe(actorKey(b))
  })

  it('tells apart accounts of different sites and users', () => {
    const key = (homePage: string, name: string) => actorKey({ account: { homePage, name } })
    expect(key('https://a.edu.vn', '12')).not.toBe(key('https://b.edu.vn', '12'))
    expect(key('https://a.edu.vn', '12')).not.toBe(key('https://a.edu.vn', '123'))
  })
})
