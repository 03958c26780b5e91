/** The JOSE header of a JWE (RFC 7516 section 4): decoding, parameter types, `crit`. */
import { JotError } from '../errors.js'
import { checkCritNames } from '../jose/crit.js'
import { decodeBase64url, utf8Decode } from '../encoding/base64url.js'
import { deepFreeze, parseJsonObject } from '../encoding/json.js'

/**
 * The JOSE header of a JWE for one recipient: the union of the protected header, the shared
 * unprotected header and the recipient's header. In the compact serialization it is the
 * protected header. Registered parameters are typed; others pass through as unknown.
 */
export interface JweHeader {
  readonly alg: string
  readonly enc: string
  readonly zip?: string
  readonly kid?: string
  readonly typ?: string
  readonly cty?: string
  readonly crit?: readonly string[]
  /** The ephemeral public key of ECDH-ES, a public JWK. */
  readonly epk?: Readonly<Record<string, unknown>>
  readonly apu?: string
  readonly apv?: string
  /** The IV and tag of AES-GCM key wrapping. */
  readonly iv?: string
  readonly tag?: string
  /** The salt input and iteration count of PBES2. */
  readonly p2s?: string
  readonly p2c?: number
  readonly [parameter: string]: unknown
}

/** One part of a JWE's JOSE header, in which any parameter may be absent. */
export type JweHeaderParameters = Readonly<Partial<JweHeader>> & Readonly<Record<string, unknown>>

// Header parameters that RFC 7515, RFC 7516 and RFC 7518 define; `crit` must never list them
// (RFC 7515 section 4.1.11).
const REGISTERED: ReadonlySet<string> = new Set([
  'alg',
  'enc',
  'zip',
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
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
])

/** Registered JWE header parameters whose values are strings. */
export const STRING_PARAMETERS = [
  'alg',
  'enc',
  'zip',
  'kid',
  'typ',
  'cty',
  'jku',
  'x5u',
  'x5t',
  'x5t#S256',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
] as const
const OBJECT_PARAMETERS = ['epk', 'jwk'] as const

/** Tells whether a parameter name is registered by the JOSE specifications. */
export function isRegisteredParameter(name: string): boolean {
  return REGISTERED.has(name)
}

// Senders use a handful of protected headers, so decoded ones are kept: a cache hit skips the
// base64url, UTF-8 and JSON work. Entries are deeply frozen because callers share them.
const MAX_CACHED_HEADERS = 256
const MAX_CACHED_SEGMENT_LENGTH = 1024
const headerCache = new Map<string, Readonly<Record<string, unknown>>>()

/**
 * Decodes a protected header segment into a deeply frozen object. Parameter types are not
 * checked here, because in the JSON serializations they apply to the whole JOSE header.
 * @throws JotError `TOKEN_MALFORMED` or `INPUT_TOO_LARGE`.
 */
export function decodeProtectedHeader(segment: string): Readonly<Record<string, unknown>> {
  const cached = headerCache.get(segment)
  if (cached !== undefined) return cached
  const text = utf8Decode(decodeBase64url(segment, 'protected header'), 'protected header')
  const header = deepFreeze(parseJsonObject(text, 'protected header'))
  if (segment.length <= MAX_CACHED_SEGMENT_LENGTH) {
    if (headerCache.size >= MAX_CACHED_HEADERS) headerCache.clear()
    headerCache.set(segment, header)
  }
  return header
}

// Headers already checked by checkHeaderTypes; cached protected headers are checked once.
const checkedHeaders = new WeakSet()

/**
 * Checks the JSON types of the registered parameters, and that `alg` and `enc` are present.
 * @throws JotError `TOKEN_MALFORMED`.
 */
export function checkHeaderTypes(header: Readonly<Record<string, unknown>>): JweHeader {
  if (checkedHeaders.has(header)) return header as JweHeader
  for (const name of STRING_PARAMETERS) {
    const value = header[name]
    if (value !== undefined && typeof value !== 'string') {
      throw new JotError('TOKEN_MALFORMED', `The header parameter "${name}" must be a string.`)
    }
  }
  for (const name of OBJECT_PARAMETERS) {
    const value = header[name]
    if (value !== undefined && !isJsonObject(value)) {
      throw new JotError('TOKEN_MALFORMED', `The header parameter "${name}" must be an object.`)
    }
  }
  const p2c = header['p2c']
  if (p2c !== undefined && typeof p2c !== 'number') {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "p2c" must be a number.')
  }
  const x5c = header['x5c']
  if (x5c !== undefined && !Array.isArray(x5c)) {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "x5c" must be an array.')
  }
  for (const name of ['alg', 'enc'] as const) {
    if (!Object.hasOwn(header, name) || header[name] === undefined) {
      throw new JotError('TOKEN_MALFORMED', `The JWE header has no "${name}" parameter.`)
    }
  }
  if (Object.isFrozen(header)) checkedHeaders.add(header)
  return header as JweHeader
}

/** Tells whether a value is a JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks `crit` (RFC 7515 section 4.1.11, applied to JWE by RFC 7516 section 4.1.13): it must
 * be integrity protected, list only extension parameters present in the header, and only those
 * the caller processes.
 * @param protectedHeader the protected header, the only place `crit` may appear.
 * @param header the whole JOSE header of the recipient.
 * @throws JotError `TOKEN_MALFORMED` or `CRIT_UNSUPPORTED`.
 */
export function checkCrit(
  protectedHeader: Readonly<Record<string, unknown>> | undefined,
  header: Readonly<Record<string, unknown>>,
  understood: ReadonlySet<string>,
): void {
  const crit = header['crit']
  if (crit === undefined) return
  if (protectedHeader?.['crit'] === undefined) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'The header parameter "crit" must be in the protected header.',
    )
  }
  checkCritNames(header, REGISTERED, understood)
}

/**
 * Joins the parts of a JOSE header, whose parameter names must be disjoint (RFC 7516
 * section 7.2.1), so no part can override another.
 * @throws JotError `TOKEN_MALFORMED` when a name appears in two parts.
 */
export function joinHeaderParts(
  parts: readonly (Readonly<Record<string, unknown>> | undefined)[],
): Readonly<Record<string, unknown>> {
  // The compact serialization has a protected header only: the common case needs no copy.
  if (parts.length === 3 && parts[1] === undefined && parts[2] === undefined && parts[0]) {
    return parts[0]
  }
  const present = parts.filter((part) => part !== undefined)
  if (present.length === 1) return present[0] as Readonly<Record<string, unknown>>
  const joined: Record<string, unknown> = {}
  for (const part of present) {
    for (const name of Object.keys(part)) {
      if (Object.hasOwn(joined, name)) {
        throw new JotError(
          'TOKEN_MALFORMED',
          `The header parameter "${name.slice(0, 40)}" appears in more than one part of the JWE header.`,
        )
      }
      // defineProperty keeps a member named __proto__ an own property, as JSON.parse made it.
      Object.defineProperty(joined, name, {
        value: part[name],
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
  }
  return Object.freeze(joined)
}
