// Statements with their attachments' data in multipart/mixed requests (xAPI 1.0.3 Communication
// §1.5.2), signed statements (Data 2.6), and GET with attachments=true; over HTTP, on both
// databases. The signer's certificate and key are a test pair made for these tests.
import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { CompactSign, importPKCS8 } from 'jose'
import type { RunningServer } from '../../src/server/start-server.ts'
import { pageViewed } from '../support/moodle-statements.ts'
import { startXapiTenant } from '../support/nls-server.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const base64Of = (pem: string) =>
  pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
const CERTIFICATE = base64Of(fixture('signer-cert.pem'))
/** Another signer's certificate (its key is not kept). */
const OTHER_CERTIFICATE = base64Of(fixture('other-cert.pem'))

let nls: RunningServer
let auth: string
let tenantId: string
beforeAll(async () => {
  ;({ nls, basic: auth, tenantId } = await startXapiTenant('Moodle'))
})
afterAll(() => nls.close())

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

interface Part {
  readonly contentType: string
  readonly body: Buffer | string
  readonly hash?: string
  readonly encoding?: string
}

/** POSTs statements and parts as multipart/mixed. */
async function postMultipart(
  statements: unknown,
  parts: readonly Part[],
  method = 'POST',
  query = '',
  preamble = '',
) {
  const boundary = `b-${randomUUID()}`
  const chunks: Buffer[] = [
    Buffer.from(
      `${preamble}--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statements)}\r\n`,
    ),
  ]
  for (const p of parts) {
    const headers = [
      `Content-Type: ${p.contentType}`,
      `Content-Transfer-Encoding: ${p.encoding ?? 'binary'}`,
    ]
    if (p.hash !== '') headers.push(`X-Experience-API-Hash: ${p.hash ?? sha256(p.body)}`)
    chunks.push(
      Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`),
      Buffer.from(p.body),
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  const res = await fetch(`${nls.url}/xapi/statements${query}`, {
    method,
    headers: {
      Authorization: auth,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': `multipart/mixed; boundary=${boundary}`,
    },
    body: new Uint8Array(Buffer.concat(chunks)),
  })
  const text = await res.text()
  return { status: res.status, text, json: () => JSON.parse(text) as unknown }
}

const attachment = (body: Buffer | string, extra: Record<string, unknown> = {}) => ({
  usageType: 'http://id.tincanapi.com/attachment/certificate-of-completion',
  display: { vi: 'Giấy chứng nhận' },
  contentType: 'application/pdf',
  length: Buffer.byteLength(body),
  sha2: sha256(body),
  ...extra,
})

it('keeps a statement with its attachment data and gives both back with attachments=true', async () => {
  const pdf = Buffer.from('%PDF-1.4 chứng nhận hoàn thành \x00\x01\x02')
  const statement = { ...pageViewed('4'), id: randomUUID(), attachments: [attachment(pdf)] }
  const res = await postMultipart([statement], [{ contentType: 'application/pdf', body: pdf }])
  expect(res.status).toBe(200)
  const got = await fetch(
    `${nls.url}/xapi/statements?statementId=${statement.id}&attachments=true`,
    {
      headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' },
    },
  )
  expect(got.status).toBe(200)
  const type = got.headers.get('content-type')!
  expect(type).toMatch(/^multipart\/mixed; boundary=/)
  const bytes = Buffer.from(await got.arrayBuffer())
  const boundary = /boundary=(.+)$/.exec(type)![1]!
  const parts = bytes.toString('latin1').split(`--${boundary}`).slice(1, -1)
  expect(parts).toHaveLength(2)
  expect(parts[0]).toContain('Content-Type: application/json')
  expect(JSON.parse(parts[0]!.split('\r\n\r\n')[1]!)).toMatchObject({ id: statement.id })
  expect(parts[1]).toContain(`X-Experience-API-Hash: ${sha256(pdf)}`)
  const data = Buffer.from(
    parts[1]!.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, ''),
    'latin1',
  )
  expect(data.equals(pdf)).toBe(true)
  // Without attachments=true: JSON as ever.
  const plain = await fetch(`${nls.url}/xapi/statements?statementId=${statement.id}`, {
    headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' },
  })
  // Exactly application/json, with or without attachments=false (Communication §2.1.3).
  expect(plain.headers.get('content-type')).toBe('application/json')
  const declined = await fetch(
    `${nls.url}/xapi/statements?statementId=${statement.id}&attachments=false`,
    { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } },
  )
  expect(declined.headers.get('content-type')).toBe('application/json')
  expect(await declined.json()).toMatchObject({ id: statement.id })
  const page = await fetch(`${nls.url}/xapi/statements?limit=1&attachments=false`, {
    headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' },
  })
  expect(page.headers.get('content-type')).toBe('application/json')
})

it('keeps no data of a request it refuses: a conflict, a voiding statement that may not void', async () => {
  const kept = { ...pageViewed('4'), id: randomUUID() }
  expect((await postMultipart([kept], [])).status).toBe(200)
  // The same id with other content: 409, and the certificate sent with it is not kept.
  const certificate = Buffer.from(`chứng nhận ${randomUUID()}`)
  const conflicting = {
    ...pageViewed('5'),
    id: kept.id,
    attachments: [attachment(certificate)],
  }
  const conflict = await postMultipart(
    [conflicting],
    [{ contentType: 'application/pdf', body: certificate }],
  )
  expect(conflict.status).toBe(409)
  // A voiding statement may not void another voiding statement (Data 2.3.2): 400 once the
  // target is read, after the data arrived.
  const voiding = (target: string, extra: Record<string, unknown> = {}) => ({
    actor: kept.actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
    object: { objectType: 'StatementRef', id: target },
    ...extra,
  })
  const first = { ...voiding(kept.id), id: randomUUID() }
  expect((await postMultipart([first], [])).status).toBe(200)
  const report = Buffer.from(`biên bản ${randomUUID()}`)
  const refused = await postMultipart(
    [voiding(first.id, { attachments: [attachment(report)] })],
    [{ contentType: 'application/pdf', body: report }],
  )
  expect(refused.status).toBe(400)
  expect(refused.text).toContain('cannot be voided')
  expect(
    await nls.stores.attachments.getAttachments(tenantId, [sha256(certificate), sha256(report)]),
  ).toEqual([])
  // The same data with a statement that is kept: kept.
  const accepted = await postMultipart(
    [{ ...pageViewed('5'), attachments: [attachment(certificate)] }],
    [{ contentType: 'application/pdf', body: certificate }],
  )
  expect(accepted.status).toBe(200)
  expect(
    (await nls.stores.attachments.getAttachments(tenantId, [sha256(certificate)])).length,
  ).toBe(1)
})

it('reads a body whose first boundary comes after a preamble (RFC 2046 §5.1.1)', async () => {
  for (const preamble of ['\r\n', 'This is a multipart message.\r\n']) {
    const pdf = Buffer.from(`chứng nhận ${randomUUID()}`)
    const statement = { ...pageViewed('4'), id: randomUUID(), attachments: [attachment(pdf)] }
    const res = await postMultipart(
      [statement],
      [{ contentType: 'application/pdf', body: pdf }],
      'POST',
      '',
      preamble,
    )
    expect({ preamble, status: res.status }).toEqual({ preamble, status: 200 })
  }
})

it('refuses an attachment without its data, a part no statement names, and a false hash', async () => {
  const pdf = 'a certificate'
  const withoutData = { ...pageViewed('4'), attachments: [attachment(pdf)] }
  const missing = await postMultipart([withoutData], [])
  expect(missing.status).toBe(400)
  expect(missing.text).toContain('no part of the request carries its data')
  // Sent as plain JSON: no part can carry it.
  const json = await fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: {
      Authorization: auth,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(withoutData),
  })
  expect(json.status).toBe(400)
  // With a fileUrl instead, no data is needed.
  const linked = await postMultipart(
    [
      {
        ...pageViewed('4'),
        attachments: [attachment(pdf, { fileUrl: 'https://lms.example.edu.vn/c.pdf' })],
      },
    ],
    [],
  )
  expect(linked.status).toBe(200)
  const stray = await postMultipart(
    [pageViewed('4')],
    [{ contentType: 'text/plain', body: 'stray' }],
  )
  expect(stray.status).toBe(400)
  expect(stray.text).toContain("is no statement's attachment")
  const falseHash = await postMultipart(
    [withoutData],
    [{ contentType: 'application/pdf', body: 'other bytes', hash: sha256(pdf) }],
  )
  expect(falseHash.status).toBe(400)
  const noHash = await postMultipart(
    [withoutData],
    [{ contentType: 'application/pdf', body: pdf, hash: '' }],
  )
  expect(noHash.status).toBe(400)
  const notBinary = await postMultipart(
    [withoutData],
    [{ contentType: 'application/pdf', body: pdf, encoding: 'base64' }],
  )
  expect(notBinary.status).toBe(400)
})

it('keeps and gives back a SubStatement’s attachment; refuses one without its data', async () => {
  const photo = Buffer.from('\xff\xd8\xff ảnh bài làm của học sinh', 'latin1')
  const viewed = pageViewed('4')
  const planned = {
    id: randomUUID(),
    actor: viewed.actor,
    verb: { id: 'http://activitystrea.ms/schema/1.0/plan', display: { en: 'planned' } },
    object: {
      objectType: 'SubStatement',
      actor: viewed.actor,
      verb: viewed.verb,
      object: viewed.object,
      attachments: [attachment(photo, { contentType: 'image/jpeg' })],
    },
  }
  const refused = await postMultipart([planned], [])
  expect(refused.status).toBe(400)
  expect(refused.text).toContain('[0].object.attachments[0]')
  const res = await postMultipart([planned], [{ contentType: 'image/jpeg', body: photo }])
  expect(res.status).toBe(200)
  const got = await fetch(`${nls.url}/xapi/statements?statementId=${planned.id}&attachments=true`, {
    headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' },
  })
  const type = got.headers.get('content-type')!
  const boundary = /boundary=(.+)$/.exec(type)![1]!
  const parts = Buffer.from(await got.arrayBuffer())
    .toString('latin1')
    .split(`--${boundary}`)
    .slice(1, -1)
  expect(parts).toHaveLength(2)
  expect(parts[1]).toContain(`X-Experience-API-Hash: ${sha256(photo)}`)
})

describe('signed statements', () => {
  const signed = async (
    signedStatement: object,
    sent: object,
    header: Record<string, unknown>,
    alg = 'RS256',
  ) => {
    const key =
      alg === 'RS256'
        ? await importPKCS8(fixture('signer-key.pem'), 'RS256')
        : new TextEncoder().encode('a shared secret of thirty-two bytes!')
    const jws = await new CompactSign(Buffer.from(JSON.stringify(signedStatement)))
      .setProtectedHeader({ alg, ...header })
      .sign(key)
    const signature = {
      usageType: 'http://adlnet.gov/expapi/attachments/signature',
      display: { 'en-US': 'Signature' },
      contentType: 'application/octet-stream',
      length: Buffer.byteLength(jws),
      sha2: sha256(jws),
    }
    return postMultipart(
      [{ ...sent, attachments: [signature] }],
      [{ contentType: 'application/octet-stream', body: jws }],
    )
  }

  it('keeps a statement whose signature verifies with its x5c certificate', async () => {
    const statement = { ...pageViewed('4'), id: randomUUID() }
    const res = await signed(statement, statement, { x5c: [CERTIFICATE] })
    expect(res.status).toBe(200)
    // Without a certificate the payload is still checked against the statement.
    const plain = { ...pageViewed('5'), id: randomUUID() }
    expect((await signed(plain, plain, {})).status).toBe(200)
  })

  it('refuses a signature of another statement, a forged one, and one that is no JWS', async () => {
    const statement = { ...pageViewed('4'), id: randomUUID() }
    const other = await signed(
      { ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } },
      statement,
      {
        x5c: [CERTIFICATE],
      },
    )
    expect(other.status).toBe(400)
    expect(other.text).toContain('not the statement it is attached to')
    // Signed by this key, but the x5c names another signer's certificate: a forgery.
    const forged = await signed(statement, statement, { x5c: [OTHER_CERTIFICATE] })
    expect(forged.status).toBe(400)
    expect(forged.text).toContain('does not verify')
    const hmac = await signed(statement, statement, {}, 'HS256')
    expect(hmac.status).toBe(400)
    expect(hmac.text).toContain('RS256, RS384 or RS512, not HS256')
    const notJws = await postMultipart(
      [
        {
          ...statement,
          attachments: [
            {
              usageType: 'http://adlnet.gov/expapi/attachments/signature',
              display: { 'en-US': 'Signature' },
              contentType: 'application/octet-stream',
              length: 6,
              sha2: sha256('no jws'),
            },
          ],
        },
      ],
      [{ contentType: 'application/octet-stream', body: 'no jws' }],
    )
    expect(notJws.status).toBe(400)
    expect(notJws.text).toContain('compact serialization')
  })
})
