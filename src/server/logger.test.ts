import { Writable } from 'node:stream'
import { DrizzleQueryError } from 'drizzle-orm/errors'
import { createLogger } from './logger.ts'

function capture(): { logger: ReturnType<typeof createLogger>; lines: () => object[] } {
  let text = ''
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString()
      done()
    },
  })
  return {
    logger: createLogger('info', sink),
    lines: () =>
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as object),
  }
}

describe('createLogger', () => {
  it('clears tokens of URLs logged as url, href, location or endpoint (outbound calls)', () => {
    const { logger, lines } = capture()
    const url = 'https://moodle.example/mod/lti/openid-configuration.php?registration_token=abc.def'
    logger.warn({ url, href: url, location: url, endpoint: url }, 'dynamic registration refused')
    const redacted =
      'https://moodle.example/mod/lti/openid-configuration.php?registration_token=[redacted]'
    expect(lines()[0]).toMatchObject({
      url: redacted,
      href: redacted,
      location: redacted,
      endpoint: redacted,
    })
  })

  it('logs errors, under err or error, without the parameters they carry', () => {
    const { logger, lines } = capture()
    const err = new DrizzleQueryError('insert into "people" values ($1)', ['lan@thpt.edu.vn'])
    logger.error({ err }, 'failed')
    logger.error(err)
    logger.warn({ error: err }, 'failed')
    logger.warn({ error: `gave up: ${'x'.repeat(10_000)}` }, 'given up')
    const text = JSON.stringify(lines())
    expect(text).not.toContain('lan@thpt.edu.vn')
    expect(lines()[0]).toMatchObject({ err: { type: 'DrizzleQueryError' } })
    expect(lines()[1]).toMatchObject({ err: { type: 'DrizzleQueryError' } })
    expect(lines()[2]).toMatchObject({ error: { type: 'DrizzleQueryError' } })
    expect((lines()[3] as { error: string }).error.length).toBeLessThan(2_200)
  })
})
