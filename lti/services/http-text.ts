// Reading what a platform said: bodies that may not be JSON, errors node's fetch wraps.

/** The body as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** A network error's message, with the cause node's fetch hides behind "fetch failed". */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  if (err.name === 'TimeoutError') return 'no answer in time'
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
  return `${err.message}${cause}`
}

/**
 * The platform's own words about a refused request: Moodle's service errors are JSON with a
 * `reason`; its score errors keep the body `[]` and put the reason in the status line.
 */
export function platformMessage(text: string, statusText: string): string | undefined {
  const json = parseJson(text)
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const fields = json as Record<string, unknown>
    for (const name of ['reason', 'error_description', 'message', 'error']) {
      const value = fields[name]
      if (typeof value === 'string' && value.trim()) return clip(value.trim())
    }
  }
  if (statusText.trim()) return clip(statusText.trim())
  const plain = text.trim()
  if (json === undefined && plain && !plain.startsWith('<')) return clip(plain)
  return undefined
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
