/** Reading the access token from the places RFC 6750 section 2 allows, one place per request. */
import type { AuthRequest } from './types.js'

/** The token locations after the options were checked. */
export interface PreparedLocations {
  readonly header: boolean
  readonly body: boolean
  readonly query: boolean
  readonly cookies: readonly string[]
}

/** A token, no token, or a request that is malformed (RFC 6750 `invalid_request`). */
export type Extraction =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly description: string }

const NONE: Extraction = { kind: 'none' }
const SEVERAL_TOKENS: Extraction = {
  kind: 'invalid',
  description: 'The request carries more than one access token.',
}

// RFC 6750 section 2.1: credentials = "Bearer" 1*SP b64token.
const BEARER_CREDENTIALS = /^ +([A-Za-z0-9\-._~+/]+=*)$/

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded'

/**
 * Tells whether the body of a request may carry the token: RFC 6750 section 2.2 allows it
 * only for a form-encoded body and a method that defines body semantics, so never for GET.
 */
export function isFormBodyRequest(method: string, contentType: string | undefined): boolean {
  if (contentType === undefined) return false
  const upperMethod = method.toUpperCase()
  if (upperMethod === 'GET' || upperMethod === 'HEAD') return false
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase()
  return mediaType === FORM_MEDIA_TYPE
}

/** Reads the token from every enabled location; more than one token is `invalid`. */
export function extractToken(request: AuthRequest, locations: PreparedLocations): Extraction {
  const found: Extraction[] = []
  if (locations.header) found.push(readAuthorizationHeader(request.headers['authorization']))
  if (locations.body && isFormBodyRequest(request.method, firstHeader(request, 'content-type'))) {
    found.push(readParameter(request.body, 'form field'))
  }
  if (locations.query) found.push(readParameter(request.query, 'query parameter'))
  for (const name of locations.cookies) found.push(readCookie(request.headers['cookie'], name))

  const invalid = found.find((extraction) => extraction.kind === 'invalid')
  if (invalid !== undefined) return invalid
  const tokens = found.filter((extraction) => extraction.kind === 'token')
  // RFC 6750 section 2: clients MUST NOT use more than one method to transmit the token.
  if (tokens.length > 1) return SEVERAL_TOKENS
  return tokens[0] ?? NONE
}

function readAuthorizationHeader(value: string | readonly string[] | undefined): Extraction {
  if (Array.isArray(value) && value.length > 1) return SEVERAL_TOKENS
  const header: string | undefined = typeof value === 'string' ? value : value?.[0]
  if (header === undefined || header === '') return NONE
  const schemeEnd = header.search(/[ \t]/)
  const scheme = schemeEnd === -1 ? header : header.slice(0, schemeEnd)
  // RFC 9110 section 11.1: auth schemes compare case-insensitively. Another scheme, such as
  // Basic, is not a bearer token, so it is left to the handler for that scheme.
  if (scheme.toLowerCase() !== 'bearer') return NONE
  const match = BEARER_CREDENTIALS.exec(header.slice(scheme.length))
  if (match?.[1] === undefined) {
    return {
      kind: 'invalid',
      description: 'The Authorization header must hold the Bearer scheme and one token.',
    }
  }
  return { kind: 'token', token: match[1] }
}

function readParameter(container: unknown, place: string): Extraction {
  if (typeof container !== 'object' || container === null) return NONE
  if (!Object.hasOwn(container, 'access_token')) return NONE
  const value: unknown = (container as Readonly<Record<string, unknown>>)['access_token']
  const values: unknown[] = Array.isArray(value) ? value : [value]
  if (values.length > 1) return SEVERAL_TOKENS
  const token = values[0]
  if (token === undefined || token === '') return NONE
  if (typeof token !== 'string') {
    return { kind: 'invalid', description: `The access_token ${place} must be text.` }
  }
  return { kind: 'token', token }
}

// The Cookie header is parsed here (RFC 6265 section 4.2.1), not taken from a framework's
// cookie plugin, so the adapters need none and a repeated cookie name is seen.
function readCookie(value: string | readonly string[] | undefined, name: string): Extraction {
  const header = typeof value === 'string' ? value : value?.join('; ')
  if (header === undefined) return NONE
  const matches: string[] = []
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=')
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue
    matches.push(unquoteCookieValue(pair.slice(separator + 1).trim()))
  }
  if (matches.length > 1) return SEVERAL_TOKENS
  const token = matches[0]
  // An emptied cookie is how a logout usually clears it, so it counts as no token.
  if (token === undefined || token === '') return NONE
  return { kind: 'token', token }
}

function unquoteCookieValue(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value
}

function firstHeader(request: AuthRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : value?.[0]
}
