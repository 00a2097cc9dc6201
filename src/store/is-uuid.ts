const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether `value` has the form of a UUID (any version), as our ids and PostgreSQL's uuid do. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
