/** Parsing and checking of the JOSE header of a JWS (RFC 7515 section 4). */
import { JotError } from '../errors.js'
import { checkCritNames } from '../jose/crit.js'
import { decodeBase64url, utf8Decode } from '../encoding/base64url.js'
import { deepFreeze, parseJsonObject } from '../encoding/json.js'

/** A JWS protected header. Registered parameters are typed; others pass through as unknown. */
export interface JwsHeader {
  readonly alg: string
  readonly kid?: string
  readonly typ?: string
  readonly cty?: string
  readonly crit?: readonly string[]
  readonly [parameter: string]: unknown
}

// Header parameters that RFC 7515 and RFC 7518 define; `crit` must never list them
// (RFC 7515 section 4.1.11).
const REGISTERED = new Set([
  'alg',
  'jku',
  'jwk',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'typ',
  'cty',
  'crit',
  'enc',
  'zip',
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
])

/** Registered header parameters whose values are strings (RFC 7515 section 4.1). */
export const STRING_PARAMETERS = [
  'alg',
  'kid',
  'typ',
  'cty',
  'jku',
  'x5u',
  'x5t',
  'x5t#S256',
] as const

/**
 * Decodes and checks a protected header segment.
 * @param understood the extension parameters the caller processes, which `crit` may list, or
 *   'any' where nothing is processed and `crit` is only shown (decoding without verifying).
 * @throws JotError `TOKEN_MALFORMED`, `INPUT_TOO_LARGE` or `CRIT_UNSUPPORTED`.
 */
export function parseProtectedHeader(
  segment: string,
  understood: ReadonlySet<string> | 'any' = EMPTY_SET,
): JwsHeader {
  const cached = headerCache.get(segment)
  const header = cached ?? decodeHeader(segment)
  if (header['crit'] !== undefined) checkCrit(header, understood)
  if (cached === undefined && segment.length <= MAX_CACHED_SEGMENT_LENGTH) {
    if (headerCache.size >= MAX_CACHED_HEADERS) headerCache.clear()
    headerCache.set(segment, header)
  }
  return header
}

// Issuers sign every token with the same few headers, so decoded headers are kept: a cache
// hit skips base64url, UTF-8 and JSON work. Entries are deeply frozen because callers share
// them, and the crit check still runs per call since it depends on the caller's options.
const MAX_CACHED_HEADERS = 256
const MAX_CACHED_SEGMENT_LENGTH = 1024
const headerCache = new Map<string, JwsHeader>()

function decodeHeader(segment: string): JwsHeader {
  const header = decodeHeaderParameters(segment, 'header')
  if (header['alg'] === undefined) {
    throw new JotError('TOKEN_MALFORMED', 'The header has no "alg" parameter.')
  }
  return header as JwsHeader
}

/**
 * Decodes a protected header segment without requiring `alg`, which a JSON-serialized JWS may
 * carry in its unprotected header instead. The result is deeply frozen and not cached.
 * @param what names the segment in error messages, such as "protected header".
 * @throws JotError `TOKEN_MALFORMED` or `INPUT_TOO_LARGE`.
 */
export function decodeHeaderParameters(segment: string, what: string): Record<string, unknown> {
  const header = parseJsonObject(utf8Decode(decodeBase64url(segment, what), what), what)
  checkParameterTypes(header)
  return deepFreeze(header)
}

/**
 * Checks the JSON types of the registered parameters: strings, `jwk` an object and `x5c` an
 * array of strings (RFC 7515 section 4.1). jot never uses `jwk` or `x5c` to pick a key, but a
 * wrong type is still a malformed header that another parser might read differently.
 * @throws JotError `TOKEN_MALFORMED`.
 */
export function checkParameterTypes(header: Readonly<Record<string, unknown>>): void {
  for (const name of STRING_PARAMETERS) {
    const value = header[name]
    if (value !== undefined && typeof value !== 'string') {
      throw new JotError('TOKEN_MALFORMED', `The header parameter "${name}" must be a string.`)
    }
  }
  const jwk = header['jwk']
  if (jwk !== undefined && (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))) {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "jwk" must be an object.')
  }
  const x5c = header['x5c']
  if (x5c !== undefined && !(Array.isArray(x5c) && x5c.every((item) => typeof item === 'string'))) {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "x5c" must be an array of strings.')
  }
}

const EMPTY_SET: ReadonlySet<string> = new Set()

/**
 * Checks `crit` (RFC 7515 section 4.1.11): a recipient must reject a JWS whose critical
 * extensions it does not process. `header` is the whole JOSE header, both halves joined, since
 * a listed parameter may sit in either.
 * @throws JotError `TOKEN_MALFORMED` or `CRIT_UNSUPPORTED`.
 */
export function checkCrit(
  header: Record<string, unknown>,
  understood: ReadonlySet<string> | 'any',
): void {
  checkCritNames(header, REGISTERED, understood)
}

/** Adds the extensions jot processes itself to the caller's `crit` names: only `b64` for now. */
export function withNativeExtensions(understood: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...understood, 'b64'])
}

/**
 * Reads `b64` (RFC 7797 section 3): true, the default, for a base64url payload; false for an
 * unencoded one. RFC 7797 section 6 requires `crit` to list it, so that a recipient that does
 * not implement RFC 7797 rejects the JWS rather than misreading the payload.
 * @throws JotError `TOKEN_MALFORMED`.
 */
export function readB64(header: Readonly<Record<string, unknown>>): boolean {
  const b64 = header['b64']
  if (b64 === undefined) return true
  if (typeof b64 !== 'boolean') {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "b64" must be a boolean.')
  }
  const crit = header['crit']
  if (!Array.isArray(crit) || !crit.includes('b64')) {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "b64" must be listed in "crit".')
  }
  return b64
}
