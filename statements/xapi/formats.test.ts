import {
  isDuration,
  isIri,
  isMailtoIri,
  isMediaType,
  isSha1Hex,
  isSha2Hex,
  isStatementVersion,
  isUuid,
} from './formats.ts'

describe('isIri', () => {
  it.each([
    'http://adlnet.gov/expapi/verbs/completed',
    'https://lms.example.edu.vn/mod/quiz/view.php?id=215#attempt',
    'http://example.com/فعل/خواندن',
    'urn:uuid:e05aa883-acaf-40ad-bf54-02c8ce485fb0',
    'mailto:lan@example.edu.vn',
    'https://vi.wikipedia.org/wiki/Năng_lực_số',
    'https://trường-thpt.edu.vn/hoạt-động/bài-kiểm-tra?lớp=10A#câu-1',
    'https://lms.example.edu.vn/mod/quiz/attempt.php?attempt=51&cmid=215',
    'http://[::1]:8080/xapi',
    'http://127.0.0.1:8080/mod/page/view.php?id=5',
    'https://example.com/a%20b',
    'tag:example.edu.vn,2024:năng-lực/1.1',
    'urn:ietf:rfc:3987',
    'mailto:false',
  ])('accepts %s', (iri) => expect(isIri(iri)).toBe(true))

  it.each([
    '',
    'should error',
    'ab=c://should.fail.com',
    '/relative/path',
    '#fragment',
    'http://example.com/a b',
    'http://example.com/<x>',
    'http://example.com/a|b',
    'http:',
    // RFC 3987 §2.2: IP-literal = "[" ( IPv6address / IPvFuture ) "]".
    'http://[::1',
    'https://[::1/x',
    'foo://[::1',
    // RFC 3986 §3.2.3: port = *DIGIT, at most 65535 for TCP.
    'http://example.com:99999/',
    'http://example.com:8o/',
    // RFC 3986 §2.1: pct-encoded = "%" HEXDIG HEXDIG.
    'https://example.com/100%',
    'urn:x:%zz',
    // RFC 9110 §4.2.1: no http(s) URI with an empty host.
    'http:/example.com',
    'https:example.com',
    'http:///path',
  ])('refuses %j', (iri) => expect(isIri(iri)).toBe(false))
})

describe('isMailtoIri', () => {
  it('accepts mailto:address', () => expect(isMailtoIri('mailto:lan.nt@thpt.edu.vn')).toBe(true))
  it.each([
    'lan@thpt.edu.vn',
    'mailto:should.fail.com',
    'http://should.fail.com',
    'mailto:',
    'MAILTO:a@b.c',
  ])('refuses %j', (mbox) => expect(isMailtoIri(mbox)).toBe(false))
})

describe('isSha1Hex and isSha2Hex', () => {
  it('takes 40 hex digits, either case, for SHA-1', () => {
    expect(isSha1Hex('ebd31e95054c018b10727ccffd2ef2ec3a016ee9')).toBe(true)
    expect(isSha1Hex('EBD31E95054C018B10727CCFFD2EF2EC3A016EE9')).toBe(true)
    expect(isSha1Hex('ebd31e95054c018b10727ccffd2ef2ec3a016ee')).toBe(false)
    expect(isSha1Hex('xbd31e95054c018b10727ccffd2ef2ec3a016ee9')).toBe(false)
  })

  it('takes SHA-224, -256, -384 and -512 lengths for SHA-2', () => {
    for (const length of [56, 64, 96, 128]) expect(isSha2Hex('a'.repeat(length))).toBe(true)
    for (const length of [40, 63, 65, 0]) expect(isSha2Hex('a'.repeat(length))).toBe(false)
  })
})

describe('isUuid', () => {
  it.each([
    'e05aa883-acaf-40ad-bf54-02c8ce485fb0',
    'E05AA883-ACAF-40AD-BF54-02C8CE485FB0',
    // The spec's own example (Data 2.4.s2) is not variant 2; the standard string form is what counts.
    '12345678-1234-5678-1234-567812345678',
  ])('accepts %s', (uuid) => expect(isUuid(uuid)).toBe(true))

  it.each([
    'AA97B177-9383-4934-8543-0F91A7A028368',
    'MA97B177-9383-4934-8543-0F91A7A02836',
    'e05aa883acaf40adbf5402c8ce485fb0',
    '{e05aa883-acaf-40ad-bf54-02c8ce485fb0}',
    '',
  ])('refuses %j', (uuid) => expect(isUuid(uuid)).toBe(false))
})

describe('isDuration (ISO 8601:2004 §4.4.3.2)', () => {
  it.each([
    'PT1H0M0.1S',
    'PT4H35M59.14S',
    'PT16559.14S',
    'P3Y1M29DT4H35M59.14S',
    'P3Y',
    'P4W',
    'PT0S',
    'P1DT12H',
    'PT0,5S',
    'PT1.5H',
  ])('accepts %s', (duration) => expect(isDuration(duration)).toBe(true))

  it.each([
    'PA1H0M0S',
    'P4W1D',
    'should fail',
    'P',
    'PT',
    'P1DT',
    '16559.14S',
    'P16559.14S',
    'PT1.5H30M',
    '1H',
    'pt1h',
  ])('refuses %j', (duration) => expect(isDuration(duration)).toBe(false))
})

describe('isMediaType', () => {
  it.each([
    'text/plain; charset=ascii',
    'application/pdf',
    'application/vnd.ms-excel',
    'image/svg+xml',
  ])('accepts %s', (type) => expect(isMediaType(type)).toBe(true))
  it.each(['pdf', 'text/', '/plain', ''])('refuses %j', (type) =>
    expect(isMediaType(type)).toBe(false),
  )
})

describe('isStatementVersion', () => {
  it('takes 1.0 and 1.0.x in an xAPI 1.0.3 request', () => {
    for (const v of ['1.0', '1.0.0', '1.0.3', '1.0.9'])
      expect(isStatementVersion(v, '1.0.3')).toBe(true)
    for (const v of ['2.0.0', '0.9.9', '1.1.0', 'should fail', '1.0.'])
      expect(isStatementVersion(v, '1.0.3')).toBe(false)
  })

  it('takes 1.0.x and 2.0.x in an xAPI 2.0.0 request', () => {
    for (const v of ['1.0.3', '2.0', '2.0.0', '2.0.1'])
      expect(isStatementVersion(v, '2.0.0')).toBe(true)
    for (const v of ['2.1.0', '3.0.0', '0.95']) expect(isStatementVersion(v, '2.0.0')).toBe(false)
  })
})
