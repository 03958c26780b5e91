/** Readers for single environment variables: each checks one value's form and range. */
import { isIP } from 'node:net'
import { ServerError } from './errors.js'

/** Environment variables in the shape of `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>

const MAX_TEXT_LENGTH = 2048
// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens.
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

/**
 * Reads a variable as text. An unset variable means "use the default". A variable set to the
 * empty string is more likely a mistake in a deployment file, so it is reported instead of
 * silently replaced.
 */
export function readText(env: Environment, name: string): string | undefined {
  const value = env[name]
  if (value === undefined) return undefined
  if (value === '') {
    throw new ServerError(
      'CONFIG_INVALID',
      `${name} is set but empty; unset it to use the default.`,
    )
  }
  return value
}

/** Reads a whole number from `min` to `max`, or `fallback` when the variable is unset. */
export function readInteger(
  env: Environment,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = readText(env, name)
  if (text === undefined) return fallback
  const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN
  if (!(value >= min && value <= max)) {
    throw new ServerError(
      'CONFIG_INVALID',
      `${name} must be a whole number from ${min} to ${max}, not "${text.slice(0, 32)}".`,
    )
  }
  return value
}

/** Reads `HOST`: an IP address or an RFC 1123 host name. */
export function readHost(env: Environment): string {
  const host = readText(env, 'HOST') ?? '127.0.0.1'
  if (isIP(host) === 0 && !HOSTNAME.test(host)) {
    throw new ServerError(
      'CONFIG_INVALID',
      `HOST must be an IP address or a host name, not "${host.slice(0, 64)}".`,
    )
  }
  return host
}

/** Reads `JOT_ISSUER`, by default `http://localhost:<PORT>`. */
export function readIssuer(env: Environment, port: number): string {
  const issuer = readText(env, 'JOT_ISSUER') ?? `http://localhost:${port}`
  const url = parseUrl(issuer)
  // RFC 8414 section 2: the issuer is a URL without query or fragment. Plain http is allowed
  // for local development.
  const valid =
    url !== undefined &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '' &&
    issuer.length <= MAX_TEXT_LENGTH
  if (!valid) {
    throw new ServerError(
      'CONFIG_INVALID',
      `JOT_ISSUER must be an http or https URL without query, fragment or credentials, not "${issuer.slice(0, 64)}".`,
    )
  }
  return issuer
}

/** Reads `JOT_AUDIENCE`, by default the issuer. */
export function readAudience(env: Environment, issuer: string): string {
  const audience = readText(env, 'JOT_AUDIENCE') ?? issuer
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (audience.length > MAX_TEXT_LENGTH || /[\u0000-\u001f\u007f]/.test(audience)) {
    throw new ServerError(
      'CONFIG_INVALID',
      `JOT_AUDIENCE must be at most ${MAX_TEXT_LENGTH} characters without control characters.`,
    )
  }
  return audience
}

/**
 * Reads `JOT_TRUST_PROXY`: comma-separated IP addresses or CIDR ranges of the proxies whose
 * `X-Forwarded-For` header names the client. Default none, so the socket's peer is the client.
 */
export function readTrustProxy(env: Environment): string[] {
  const text = readText(env, 'JOT_TRUST_PROXY')
  if (text === undefined) return []
  const entries = text.split(',').map((entry) => entry.trim())
  for (const entry of entries) {
    if (!isAddressOrRange(entry)) {
      throw new ServerError(
        'CONFIG_INVALID',
        `JOT_TRUST_PROXY must list IP addresses or CIDR ranges separated by commas, not "${entry.slice(0, 64)}".`,
      )
    }
  }
  return entries
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  if (bits === undefined) return true
  const maxBits = version === 4 ? 32 : 128
  return /^\d{1,3}$/.test(bits) && Number(bits) <= maxBits
}

/** Parses a URL, or returns undefined when the text is not one. */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}
