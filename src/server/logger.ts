import { type DestinationStream, pino, type Logger, type Level } from 'pino'
import { redactUrl } from './redact-url.ts'
import { clean, serializeError } from './serialize-error.ts'

/** The service's structured JSON logger; credentials never reach the log. */
export function createLogger(level: Level | 'silent', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'nls', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors keep what and where, never the data they carried (a batch, SQL parameters);
      // a URL logged under any of these names (an outbound call's) loses its tokens.
      serializers: {
        err: serializeError,
        error: (v: unknown) => (typeof v === 'string' ? clean(v) : serializeError(v)),
        url: redactString,
        href: redactString,
        location: redactString,
        endpoint: redactString,
      },
      // `log.error(err)` alone takes the error's message as the line's: cleaned as `err` is (a
      // DrizzleQueryError's message lists its parameters).
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[]
          if (first instanceof Error && typeof rest[0] !== 'string') {
            const { message } = serializeError(first) as { message: string }
            return method.apply(this, [first, message, ...rest] as Parameters<typeof method>)
          }
          return method.apply(this, args)
        },
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["proxy-authorization"]',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  )
}

function redactString(value: unknown): unknown {
  return typeof value === 'string' ? redactUrl(value) : value
}
