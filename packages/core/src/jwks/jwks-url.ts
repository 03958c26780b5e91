/** Checks of a remote JWK Set URL: https, or plain http to a loopback host only. */
import { JotError } from '../errors.js'
import { describeType } from '../keys/options.js'

/**
 * Parses a JWK Set URL and checks its scheme. Plain http is accepted only for loopback hosts,
 * where no one on the network can swap the keys in transit.
 * @throws JotError `OPTION_INVALID`.
 */
export function parseJwksUrl(input: unknown): URL {
  const url = toUrl(input)
  if (url.username !== '' || url.password !== '') {
    // fetch rejects such URLs, and credentials would end up in error messages and snapshots.
    throw new JotError('OPTION_INVALID', 'The JWKS URL must not contain a user name or password.')
  }
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url
  throw new JotError(
    'OPTION_INVALID',
    `The JWKS URL ${displayUrl(url)} must use https; plain http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost).`,
  )
}

function toUrl(input: unknown): URL {
  if (input instanceof URL) return new URL(input.href)
  if (typeof input !== 'string') {
    throw new JotError(
      'OPTION_INVALID',
      `The JWKS URL must be a string or a URL, not ${describeType(input)}.`,
    )
  }
  try {
    return new URL(input)
  } catch (cause) {
    throw new JotError(
      'OPTION_INVALID',
      `The JWKS URL "${input.slice(0, 64)}" is not an absolute URL.`,
      { cause },
    )
  }
}

/** Tells whether a parsed URL host is this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true
  // The URL parser has already turned every IPv4 spelling (127.1, 0x7f.0.0.1) into dotted
  // decimal, so the first octet decides (RFC 1122 section 3.2.1.3).
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/** Shows a URL without its query string and fragment, which may carry credentials. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`
}
