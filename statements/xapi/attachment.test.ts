import { expectValid, problemsOf, statementWith } from './fixtures/statements.ts'

// Attachment metadata (xAPI Data 2.4.11). NLS takes no multipart bodies, so "fileUrl" is required.

const ATTACHMENT = {
  usageType: 'http://adlnet.gov/expapi/attachments/certificate',
  display: { vi: 'Giấy chứng nhận hoàn thành' },
  description: { vi: 'Chứng nhận hoàn thành khoá Năng lực số' },
  contentType: 'application/pdf',
  length: 48213,
  sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
  fileUrl: 'https://lms.example.edu.vn/pluginfile.php/55/certificate.pdf',
}
const attachmentWith = (key: string, value: unknown) =>
  statementWith(['attachments'], [{ ...ATTACHMENT, [key]: value }])

describe('Attachments', () => {
  it('accepts an attachment with "fileUrl"', () => {
    expectValid(statementWith(['attachments'], [ATTACHMENT]))
  })

  it('takes an attachment without "fileUrl": its data comes in the request (checked there)', () => {
    expectValid(attachmentWith('fileUrl', undefined))
  })

  it.each([
    ['usageType', 'certificate', '"usageType" must be an IRI'],
    ['usageType', undefined, '"usageType" is required'],
    ['display', undefined, '"display" is required'],
    ['contentType', 'pdf', '"contentType" must be an Internet Media Type'],
    ['length', '27', '"length" must be a number, not a string'],
    ['length', -1, '"length" must not be negative'],
    ['length', 1.5, '"length" must be an integer'],
    ['sha2', 'abc', '"sha2" must be "The SHA-2 hash of the Attachment data" in hexadecimal'],
    ['fileUrl', 'certificate.pdf', '"fileUrl" must be an IRL with a scheme'],
    ['fileURL', 'https://example.edu.vn/x.pdf', 'did you mean "fileUrl"?'],
  ])('refuses %s = %j', (key, value, message) => {
    expect(problemsOf(attachmentWith(key, value))).toContainEqual({
      path: ['attachments', 0, key],
      message: expect.stringContaining(message),
    })
  })

  it('refuses a display keyed by a non-language', () => {
    expect(problemsOf(attachmentWith('display', { something: 'x' }))).toEqual([
      {
        path: ['attachments', 0, 'display', 'something'],
        message: expect.stringContaining('is not an RFC 5646 language tag'),
      },
    ])
  })
})
