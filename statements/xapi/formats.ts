// String formats of xAPI 1.0.3 Data §4 and §2.4.2.3, checked "best-effort" as Data 2.2.s4.b6 allows.
// Every pattern is compiled once, at module load: validation runs for every received statement.

// An IRI with a scheme (RFC 3987 §2.2; Data 2.2.s4.b1.b8 rejects "IRL or IRI values without a scheme").
// No white space and none of the characters RFC 3987 leaves out of IRIs (`<>"{}|\^` and the back tick);
// so a `|` never occurs inside an IRI, which `actorKey` relies on.
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\p{Cc}<>"{}|\\^`]+$/u

// Data 2.4.2.3: 'The required format is "mailto:email address"'.
const MAILTO = /^mailto:[^@\s<>"]+@[^@\s<>"]+$/
const SHA1_HEX = /^[0-9a-f]{40}$/i

// Data 2.4.1 and 4.4: "UUIDs MUST be in the standard string form"; variant 2 is only recommended,
// so any 8-4-4-4-12 hexadecimal string is accepted (the spec's own example is not variant 2).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Data 4.6: ISO 8601:2004(E) §4.4.3.2 durations: PnYnMnDTnHnMnS or PnW ("P4W1D" is not valid).
const DURATION =
  /^P(?!$)(?:\d+(?:[.,]\d+)?W|(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?)$/
// ISO 8601 allows a decimal fraction on the lowest-order component only.
const FRACTION_NOT_LAST = /[.,]\d+[A-Z]./

// RFC 2046 type/subtype with optional parameters (Data 2.4.11 "Internet Media Type").
const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(?:\s*;[^\r\n]*)?$/
// SHA-224, SHA-256, SHA-384 or SHA-512 in hexadecimal (Data 2.4.11 "The SHA-2 hash").
const SHA2_HEX = /^(?:[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i

const VERSION_1_0 = /^1\.0(?:\.\d+)?$/
const VERSION_1_0_OR_2_0 = /^[12]\.0(?:\.\d+)?$/

// RFC 3987 §2.2 (after RFC 3986 §2.1): a "%" starts pct-encoded = "%" HEXDIG HEXDIG.
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/
// RFC 9110 §4.2.1: "A sender MUST NOT generate an "http" URI with an empty host identifier".
const HTTP = /^https?:/i
const HTTP_AUTHORITY = /^https?:\/\/[^/?#]/i

/**
 * Whether a string is an absolute IRI (RFC 3987): a scheme, only IRI characters, well-formed
 * percent-encodings, and a parseable authority (the WHATWG URL parser checks hosts, IPv6 literals
 * and ports, and takes non-ASCII text as RFC 3987 does); an http(s) IRI needs a host.
 */
export function isIri(value: string): boolean {
  if (!IRI.test(value) || BAD_PERCENT.test(value)) return false
  if (HTTP.test(value) && !HTTP_AUTHORITY.test(value)) return false
  return URL.canParse(value)
}

/** Whether a string is a `mailto:` IRI with an email address. */
export function isMailtoIri(value: string): boolean {
  return MAILTO.test(value)
}

/** Whether a string is a hex-encoded SHA-1 hash. */
export function isSha1Hex(value: string): boolean {
  return SHA1_HEX.test(value)
}

/** Whether a string is a UUID in standard string form. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** Whether a string is an ISO 8601 duration in the §4.4.3.2 format. */
export function isDuration(value: string): boolean {
  return DURATION.test(value) && !FRACTION_NOT_LAST.test(value)
}

/** Whether a string is an Internet media type. */
export function isMediaType(value: string): boolean {
  return MEDIA_TYPE.test(value)
}

/** Whether a string is a hex-encoded SHA-2 hash. */
export function isSha2Hex(value: string): boolean {
  return SHA2_HEX.test(value)
}

/** Whether a statement "version" is accepted under the request's xAPI version. */
export function isStatementVersion(value: string, xapiVersion: '1.0.3' | '2.0.0'): boolean {
  return (xapiVersion === '1.0.3' ? VERSION_1_0 : VERSION_1_0_OR_2_0).test(value)
}
