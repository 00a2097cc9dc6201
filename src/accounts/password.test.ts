import { describe, expect, it } from '@jest/globals'
import { generatePassword, hashPassword, verifyPassword } from './password.ts'

describe('passwords', () => {
  it('verify against their hash, and only theirs', async () => {
    const hash = await hashPassword('mật khẩu rất dài')
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/)
    await expect(verifyPassword('mật khẩu rất dài', hash)).resolves.toBe(true)
    await expect(verifyPassword('mật khẩu rất dai', hash)).resolves.toBe(false)
    await expect(verifyPassword('', hash)).resolves.toBe(false)
  })

  it('are salted: one password, two hashes', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'))
  })

  it('match however the Vietnamese was composed (NFC and NFD)', async () => {
    const hash = await hashPassword('Trường'.normalize('NFD'))
    await expect(verifyPassword('Trường'.normalize('NFC'), hash)).resolves.toBe(true)
  })

  it('refuse a hash of another kind', async () => {
    await expect(verifyPassword('x', 'bcrypt$2b$10$abc')).resolves.toBe(false)
    await expect(verifyPassword('x', '')).resolves.toBe(false)
  })

  it('are generated from an unambiguous alphabet', () => {
    const p = generatePassword()
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/)
    expect(generatePassword()).not.toBe(p)
  })
})
