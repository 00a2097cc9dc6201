import { REDACTED, redactQuery, redactUrl, SECRET_PARAMS } from './redact-url.ts'

describe('redactUrl', () => {
  it.each(SECRET_PARAMS)('clears the value of %s, wherever it stands in the query', (name) => {
    expect(redactUrl(`/app/profile?${name}=s3cr3t&lang=vi`)).toBe(
      `/app/profile?${name}=${REDACTED}&lang=vi`,
    )
    expect(redactUrl(`https://nls.example/x?lang=vi&${name}=s3cr3t`)).toBe(
      `https://nls.example/x?lang=vi&${name}=${REDACTED}`,
    )
    expect(redactUrl(`https://nls.example/x#${name}=s3cr3t&lang=vi`)).toBe(
      `https://nls.example/x#${name}=${REDACTED}&lang=vi`,
    )
  })

  it('matches names whole and in any case, and leaves other parameters as sent', () => {
    expect(redactUrl('/x?monkey=1&Session=abc&codebase=2&state=st')).toBe(
      `/x?monkey=1&Session=${REDACTED}&codebase=2&state=${REDACTED}`,
    )
    expect(redactUrl('/app/course?lang=en&context=42')).toBe('/app/course?lang=en&context=42')
  })

  it('clears tokens of URLs quoted in a text (to the next space), and a userinfo password', () => {
    expect(
      redactUrl(
        'cannot reach https://moodle.example/mod/lti/openid-configuration.php?registration_token=eyJx.eyJy.sig: 500',
      ),
    ).toBe(
      `cannot reach https://moodle.example/mod/lti/openid-configuration.php?registration_token=${REDACTED} 500`,
    )
    expect(redactUrl('postgres://nls:hunter2@db:5432/nls')).toBe('postgres://nls:***@db:5432/nls')
  })
})

describe('redactQuery', () => {
  it('clears secret parameters of a parsed query', () => {
    expect(redactQuery({ session: 'abc', lang: 'vi', Token: ['a', 'b'] })).toEqual({
      session: REDACTED,
      lang: 'vi',
      Token: REDACTED,
    })
    expect(redactQuery(undefined)).toBeUndefined()
  })
})
