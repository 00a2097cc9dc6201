// ISO 8601 timestamps (xAPI 1.0.3 Data 4.5) with a time zone.
// 1.0.3 says a Timestamp "SHOULD* include the time zone" and 2.0.0 makes it mandatory; we require
// it for both, because a time without a zone is not a point in time we can store or index.
// Accepted: the extended format (RFC 3339, also with a space or lower-case "t" between date and
// time, which the 2.0 conformance suite accepts) and the basic format (XAPI-00123: "ISO 8601
// Extended or ISO 8601 Basic"). Refused: RFC 3339's "unknown local offset" -00, -0000 and -00:00,
// which the ADL conformance suite rejects.

const EXTENDED =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/
const BASIC =
  /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?:\d{2})?)$/
const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/

/** The point in time an xAPI Timestamp names, or undefined when it is not one (no zone, bad date). */
export function parseTimestamp(value: string): Date | undefined {
  const m = EXTENDED.exec(value) ?? BASIC.exec(value)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, fraction, zone] = m as unknown as string[]
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = s === undefined ? 0 : Number(s)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const offsetMinutes = parseOffset(zone as string)
  if (offsetMinutes === undefined) return undefined
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'))
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day) // setUTCFullYear keeps years 0–99 as written
  date.setUTCHours(hour, minute, second, millis)
  return new Date(date.getTime() - offsetMinutes * 60_000)
}

/** Whether a string is an ISO 8601 timestamp with a time zone. */
export function isTimestamp(value: string): boolean {
  return parseTimestamp(value) !== undefined
}

function parseOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0
  const m = OFFSET.exec(zone)
  if (!m) return undefined
  const [, sign, hh, mm = '00'] = m as unknown as [string, string, string, string | undefined]
  const hours = Number(hh)
  const minutes = Number(mm)
  if (hours > 23 || minutes > 59) return undefined
  // RFC 3339 §4.3: "-00:00" means an unknown local offset; it names no zone.
  if (sign === '-' && hours === 0 && minutes === 0) return undefined
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}
