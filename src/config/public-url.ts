import type { Config } from './config.ts'

/** The address people and LMSs reach NLS at, and whether it is only a guess. */
export interface PublicUrl {
  /** Without a trailing slash, e.g. https://nls.so-gd.edu.vn */
  readonly url: string
  /** NLS_PUBLIC_URL is unset: the URL is made from HOST and PORT, as the server makes it. */
  readonly guessed: boolean
}

/** NLS_PUBLIC_URL when set, else a guess from HOST and `port` (the one bound, by default PORT). */
export function publicUrl(
  config: Pick<Config, 'publicUrl' | 'host' | 'port'>,
  port: number = config.port,
): PublicUrl {
  if (config.publicUrl !== undefined) return { url: config.publicUrl, guessed: false }
  return { url: `http://${displayHost(config.host)}:${port}`, guessed: true }
}

/** A host to put in a URL: "localhost" for every address, IPv6 in brackets. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}
