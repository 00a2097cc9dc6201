/** SQLSTATEs the stores act on (PostgreSQL Appendix A). */
export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
} as const

/**
 * The SQLSTATE of a failed query, from either driver: node-postgres and PGlite both put it in
 * `code`, and drizzle wraps their error as the `cause` of its own.
 */
export function sqlState(err: unknown): string | undefined {
  for (let e = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}
