import { nextLink, parseLinkHeader } from './link-header.ts'

/** How fetch hands over a header Moodle wrote in raw UTF-8: one Latin-1 character per byte. */
const asFetchSeesIt = (value: string) => Buffer.from(value, 'utf8').toString('latin1')

describe('parseLinkHeader', () => {
  it('reads RFC 8288 links with quoted, unquoted and several relation types', () => {
    expect(
      parseLinkHeader(
        '<https://lms.example.com/c/1/m?p=2>; rel="next", <https://lms.example.com/c/1/m?p=9>; rel=last, ' +
          '</c/1/m?p=1>; title="a, b"; REL="prev first"',
      ),
    ).toEqual([
      { url: 'https://lms.example.com/c/1/m?p=2', rels: ['next'] },
      { url: 'https://lms.example.com/c/1/m?p=9', rels: ['last'] },
      { url: '/c/1/m?p=1', rels: ['prev', 'first'] },
    ])
  })

  it('reads Moodle’s typographic quotes, as characters and as the bytes fetch passes on', () => {
    const moodle =
      '<http://moodle/mod/lti/services.php/2/lineitems?type_id=1&limit=1&from=0>; rel=“first”, ' +
      '<http://moodle/mod/lti/services.php/2/lineitems?type_id=1&limit=1&from=1>; rel=“next”'
    const expected = [
      {
        url: 'http://moodle/mod/lti/services.php/2/lineitems?type_id=1&limit=1&from=0',
        rels: ['first'],
      },
      {
        url: 'http://moodle/mod/lti/services.php/2/lineitems?type_id=1&limit=1&from=1',
        rels: ['next'],
      },
    ]
    expect(parseLinkHeader(moodle)).toEqual(expected)
    expect(parseLinkHeader(asFetchSeesIt(moodle))).toEqual(expected)
  })

  it('keeps a comma inside the target and ignores a second rel (RFC 8288 §3.3)', () => {
    expect(parseLinkHeader('<https://x.example/a,b>; rel="next"; rel="prev"')).toEqual([
      { url: 'https://x.example/a,b', rels: ['next'] },
    ])
  })

  it.each([
    [null],
    [undefined],
    [''],
    ['garbage'],
    ['<https://x.example/>'],
    ['<https://x.example/>; title="t"'],
  ])('%j has no links with a relation', (value) => {
    expect(parseLinkHeader(value)).toEqual([])
  })
})

describe('nextLink', () => {
  const page = 'https://lms.example.com/c/1/members?limit=10'

  it('resolves the next link against the page URL', () => {
    expect(nextLink('</c/1/members?limit=10&from=10>; rel="next"', page)).toBe(
      'https://lms.example.com/c/1/members?limit=10&from=10',
    )
    expect(nextLink('<https://lms.example.com/p2>; rel="last next"', page)).toBe(
      'https://lms.example.com/p2',
    )
  })

  it('is undefined without a next link', () => {
    expect(nextLink('<https://lms.example.com/p1>; rel="prev"', page)).toBeUndefined()
    expect(nextLink(null, page)).toBeUndefined()
  })
})
