/** RFC 6750 bearer tokens: reading the Authorization header and building the challenge. */

/** The realm every challenge of the service names. */
export const REALM = 'jot'

// Compared with the lowercased start of the header: every request to a protected route reads
// it, and a string comparison spares the regular expression engine.
const SCHEME = 'bearer'

/**
 * Reads the token from an `Authorization: Bearer <token>` header. The scheme is matched
 * without regard to case (RFC 7235 section 2.1).
 * @returns The token, or undefined when the header is absent, empty or uses another scheme.
 */
export function readBearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const value = header.trim()
  if (value.slice(0, SCHEME.length).toLowerCase() !== SCHEME) return undefined
  let start = SCHEME.length
  while (value[start] === ' ' || value[start] === '\t') start++
  // The scheme needs at least one space or tab after it, and the token starts with a character
  // that is not white space.
  if (start === SCHEME.length || start === value.length) return undefined
  const token = value.slice(start)
  return /^\s/.test(token) ? undefined : token
}

/**
 * Builds a `WWW-Authenticate` value such as
 * `Bearer realm="jot", error="invalid_token", error_description="..."`. Values are written as
 * quoted strings with `"` and `\` escaped (RFC 7230 section 3.2.6).
 */
export function bearerChallenge(
  params: { error?: string; errorDescription?: string } = {},
): string {
  const pairs: [string, string][] = [['realm', REALM]]
  if (params.error !== undefined) pairs.push(['error', params.error])
  if (params.errorDescription !== undefined) {
    pairs.push(['error_description', params.errorDescription])
  }
  return `Bearer ${pairs.map(([name, value]) => `${name}=${quote(value)}`).join(', ')}`
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`
}
