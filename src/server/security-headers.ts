import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Request, RequestHandler, Response } from 'express'
import helmet from 'helmet'
import { UPLOAD_SCRIPT } from '../web/upload-form.tsx'
import { RETURN_SCRIPT } from './deep-linking-page.ts'
import type { FramingOrigins } from './framing-origins.ts'
import { originOf } from './framing-origins.ts'
import { CLOSE_SCRIPT } from './registration-page.ts'

declare module 'express-serve-static-core' {
  interface Locals {
    /** The origins that may frame this response besides our own (CSP frame-ancestors). */
    frameAncestors?: readonly string[]
  }
}

/** Every inline script we send; the CSP allows these, by hash, and no other. */
export const INLINE_SCRIPTS: readonly string[] = [UPLOAD_SCRIPT, RETURN_SCRIPT, CLOSE_SCRIPT]

/** A CSP hash-source of a script's text (CSP Level 3 §2.3.1, "hash-source"). */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`
}

/**
 * Security headers on every response, pages, JSON and xAPI alike: a Content Security Policy,
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (session and invitation
 * tokens ride in our URLs), and HSTS on requests that came over HTTPS.
 *
 * Our pages are framed by the LMS (LTI 1.3 launches into an iframe), so framing is allowed, by
 * CSP frame-ancestors, to ourselves and to the origins of every registered platform of the
 * installation, never by X-Frame-Options (it cannot name Moodle). All platforms rather than the
 * session's: error pages, the sign-in and the deep linking pages have no session to say which
 * LMS, and every registered platform is one the installation trusts. The list is cached a minute
 * (framing-origins.ts), so a platform registered just now frames its pages within a minute.
 */
export function securityHeaders(origins: FramingOrigins): SecurityHeaders {
  const frameAncestors = (_req: IncomingMessage, res: ServerResponse) =>
    ["'self'", ...((res as Response).locals.frameAncestors ?? [])].join(' ')
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // Scripts: ours, inline by hash only; never in attributes (onclick=…).
        scriptSrc: ["'self'", ...INLINE_SCRIPTS.map(scriptHash)],
        scriptSrcAttr: ["'none'"],
        // The charts are SVG rendered by ECharts on the server, each with its own <style> element
        // and style attributes that vary per chart, so no hash or nonce can list them. Styles
        // cannot run script; scripts above stay strict.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Our forms post to ourselves; the deep linking return page adds its platform's
        // (allowFormAction).
        formAction: ["'self'"],
        frameAncestors: [frameAncestors],
      },
    },
    // HSTS only where the request came over TLS (RFC 6797 §7.2: not over plain HTTP).
    strictTransportSecurity: false,
    // Would refuse the LMS's iframe; frame-ancestors says who may frame.
    xFrameOptions: false,
    // Dynamic Registration's page closes by posting to `window.opener` (DR 1.0 §3.7), which
    // Cross-Origin-Opener-Policy: same-origin would cut.
    crossOriginOpenerPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  })
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true })

  const allowFraming: RequestHandler = async (req, res, next) => {
    const framing = [...(await origins.current())]
    // Dynamic Registration runs in a dialog of the platform registering, not registered yet:
    // the origin of its configuration URL (DR 1.0 §3.3, the issuer's own origin) may frame it.
    if (req.path === '/lti/register' && typeof req.query.openid_configuration === 'string') {
      const origin = originOf(req.query.openid_configuration)
      if (origin) framing.push(origin)
    }
    res.locals.frameAncestors = framing
    next()
  }
  const secureOnly: RequestHandler = (req, res, next) =>
    req.secure ? hsts(req, res, next) : next()

  // The headers of the two kinds of request (over TLS or not), as the handlers set them, worked
  // out again only when the registered platforms' origins are read again.
  const computed = new WeakMap<readonly string[], [RecordedHeaders, RecordedHeaders]>()
  const record = (framing: readonly string[], secure: boolean): RecordedHeaders => {
    const recorded: Record<string, string> = {}
    const res = {
      locals: { frameAncestors: framing },
      setHeader: (name: string, value: string) => void (recorded[name] = value),
      removeHeader: (name: string) => void delete recorded[name],
    }
    const stub = { secure } as Request
    // helmet's middleware is synchronous and sets or removes headers only.
    headers(stub, res as unknown as Response, () => undefined)
    if (secure) hsts(stub, res as unknown as Response, () => undefined)
    return Object.entries(recorded)
  }
  return {
    handlers: [allowFraming, headers, secureOnly],
    async forRequest(secure) {
      const framing = await origins.current()
      let both = computed.get(framing)
      if (both === undefined) {
        both = [record(framing, false), record(framing, true)]
        computed.set(framing, both)
      }
      return both[secure ? 1 : 0]
    },
  }
}

/** A response's security headers as name and value pairs. */
export type RecordedHeaders = readonly (readonly [string, string])[]

/** The security headers, as Express middleware and as a list for a response sent without it. */
export interface SecurityHeaders {
  /** Set the headers on every response (`app.use`). */
  readonly handlers: RequestHandler[]
  /** The headers the handlers set on a response to a request of no other path's framing. */
  forRequest(secure: boolean): Promise<RecordedHeaders>
}

/** Lets this response's forms post to `url`'s origin too (the deep linking return, DL 2.0 §4.5). */
export function allowFormAction(res: Response, url: string): void {
  const origin = originOf(url)
  const policy = res.getHeader('Content-Security-Policy')
  if (!origin || typeof policy !== 'string') return
  res.setHeader(
    'Content-Security-Policy',
    policy.replace(/(^|;)form-action ([^;]*)/, `$1form-action $2 ${origin}`),
  )
}
