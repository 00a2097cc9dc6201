import { checkSessionGeneration, signSession, verifySession } from './session.ts'
import { signToken } from './signed-token.ts'

const secret = new Uint8Array(32).fill(1)
const session = {
  tenantId: '6f1c2b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
  personId: '7a2d3c9f-2e3b-4d4c-8f9a-1b2c3d4e5f60',
  platformId: '8b3e4dae-3f4c-4e5d-9a0b-2c3d4e5f6071',
  role: 'learner' as const,
  gen: 3,
}
const now = new Date('2026-11-22T10:00:00Z')

describe('sessions', () => {
  it('round-trips', async () => {
    const token = await signSession(session, secret, now)
    expect(await verifySession(token, secret, now)).toEqual(session)
  })

  it.each([
    [
      'expired',
      async () =>
        verifySession(
          await signSession(session, secret, now, 60),
          secret,
          new Date(now.getTime() + 61_000),
        ),
    ],
    [
      'signed with another secret',
      async () => verifySession(await signSession(session, new Uint8Array(32), now), secret, now),
    ],
    ['not a token', async () => verifySession('abc', secret, now)],
    [
      'made without a generation (before sessions could be ended)',
      async () => {
        const { gen: _gen, ...old } = session
        return verifySession(await signToken(old, 'nls-session', secret, now, 60), secret, now)
      },
    ],
  ])('refused when %s', async (_case, attempt) => {
    await expect(attempt()).rejects.toMatchObject({
      code: 'ERR_LTI_SESSION_INVALID',
      message: 'the session is not valid or has expired; open NLS from the LMS again',
    })
  })
})

describe('session generations', () => {
  it('lets a session of the current generation through', () => {
    expect(() => checkSessionGeneration(session, 3)).not.toThrow()
  })

  it.each([
    ['the generation was raised', 4],
    ['the person is gone', undefined],
  ])('refuses a session when %s', (_case, current) => {
    expect(() => checkSessionGeneration(session, current)).toThrow(
      expect.objectContaining({
        code: 'ERR_LTI_SESSION_INVALID',
        message: 'the session has ended; sign in or open NLS from the LMS again',
      }),
    )
  })
})
