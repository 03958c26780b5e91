/** Checks of the jwtAuth options, done once when the middleware is created. */
import { JotError, createVerifier, isJotKey, verifyJwt } from '@jot/core'
import type { VerifyJwtOptions } from '@jot/core'
import { assertChallengeValue } from './challenge.js'
import type { PreparedLocations } from './extract-token.js'
import type { AuthFailure, JwtAuthOptions, JwtAuthResult, JwtAuthWarning } from './types.js'

/** The options after checking, ready for every request. */
export interface PreparedJwtAuthOptions {
  /** Verifies one token; throws JotError, synchronously or by rejecting. */
  readonly verify: (token: string) => JwtAuthResult | Promise<JwtAuthResult>
  readonly locations: PreparedLocations
  readonly credentialsRequired: boolean
  readonly realm: string
  readonly rolesClaim: string
  readonly onError: ((failure: AuthFailure) => void) | undefined
}

const VERIFY_OPTION_NAMES: readonly string[] = [
  'algorithms',
  'crit',
  'maxTokenLength',
  'maxKeyCandidates',
  'issuer',
  'audience',
  'subject',
  'typ',
  'clockToleranceSec',
  'maxAgeSec',
  'requiredClaims',
  'now',
]

const OWN_OPTION_NAMES: readonly string[] = [
  'keys',
  'tokenLocations',
  'credentialsRequired',
  'realm',
  'rolesClaim',
  'onError',
  'onWarning',
]

const OPTION_NAMES: ReadonlySet<string> = new Set([...VERIFY_OPTION_NAMES, ...OWN_OPTION_NAMES])

// Names from other JWT middleware that people carry over; ignoring them would drop a check.
const HINTS: Readonly<Record<string, string>> = {
  secret: 'keys, with the secret imported by importSecret',
  algorithm: 'algorithms',
  clockTolerance: 'clockToleranceSec (seconds)',
  getToken: 'tokenLocations',
  cookie: 'tokenLocations with { cookie: name }',
}

// RFC 6265 section 4.1.1: a cookie name is an RFC 9110 token.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

const DEFAULT_REALM = 'api'

/**
 * Checks every option and prepares the verifier.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareJwtAuthOptions(options: unknown): PreparedJwtAuthOptions {
  const checked = readOptionsObject(options)
  const realm = checked.realm ?? DEFAULT_REALM
  assertChallengeValue(realm, 'realm', 'OPTION_INVALID')
  if (realm === '') throw optionError('The "realm" option of jwtAuth must not be empty.')
  const locations = prepareLocations(checked.tokenLocations)
  const prepared: PreparedJwtAuthOptions = {
    verify: prepareVerify(checked),
    locations,
    credentialsRequired: booleanOption(checked.credentialsRequired, 'credentialsRequired', true),
    realm,
    rolesClaim: nameOption(checked.rolesClaim, 'rolesClaim', 'roles'),
    onError: functionOption(checked.onError, 'onError'),
  }
  const onWarning = functionOption(checked.onWarning, 'onWarning')
  if (onWarning !== undefined) {
    for (const warning of locationWarnings(locations)) onWarning(warning)
  }
  return prepared
}

function readOptionsObject(options: unknown): JwtAuthOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw optionError('The options of jwtAuth must be an object with at least "keys".')
  }
  for (const name of Object.keys(options)) {
    if (OPTION_NAMES.has(name)) continue
    const hint = Object.hasOwn(HINTS, name) ? ` Use ${HINTS[name]}.` : ''
    throw optionError(`jwtAuth has no option "${name.slice(0, 40)}".${hint}`)
  }
  return options as JwtAuthOptions
}

function prepareVerify(options: JwtAuthOptions): PreparedJwtAuthOptions['verify'] {
  const keys: unknown = options.keys
  const verifyOptions: Record<string, unknown> = {}
  for (const name of VERIFY_OPTION_NAMES) {
    if (Object.hasOwn(options, name)) verifyOptions[name] = options[name as keyof JwtAuthOptions]
  }
  const prepared = verifyOptions as VerifyJwtOptions

  if (typeof keys === 'function') {
    // A resolver may be async (a remoteKeySet is), and only verifyJwt awaits one. createVerifier
    // still checks the verify options here, once; the function it returns is not used.
    createVerifier([], prepared)
    const resolver = options.keys
    return (token) => verifyJwt(token, resolver, prepared)
  }
  if (isJotKey(keys) || (Array.isArray(keys) && keys.length > 0 && keys.every(isJotKey))) {
    return createVerifier(keys, prepared)
  }
  throw optionError(
    'The "keys" option of jwtAuth must be a JotKey, a non-empty array of JotKeys, a resolver function, a localKeySet or a remoteKeySet.',
  )
}

function prepareLocations(value: unknown): PreparedLocations {
  if (value === undefined) return { header: true, body: false, query: false, cookies: [] }
  if (!Array.isArray(value) || value.length === 0) {
    throw optionError(
      'The "tokenLocations" option of jwtAuth must be a non-empty array of "header", "body", "query" or { cookie: name }.',
    )
  }
  const named = new Set<string>()
  const cookies: string[] = []
  for (const location of value as unknown[]) {
    const cookie = cookieName(location)
    const seen = cookie === undefined ? named.has(location as string) : cookies.includes(cookie)
    if (seen) {
      const label = cookie === undefined ? `"${location as string}"` : `{ cookie: "${cookie}" }`
      throw optionError(`The "tokenLocations" option of jwtAuth lists ${label} twice.`)
    }
    if (cookie === undefined) named.add(location as string)
    else cookies.push(cookie)
  }
  return {
    header: named.has('header'),
    body: named.has('body'),
    query: named.has('query'),
    cookies,
  }
}

// Returns the cookie name of a { cookie } location, undefined for "header", "body" or "query".
function cookieName(location: unknown): string | undefined {
  if (location === 'header' || location === 'body' || location === 'query') return undefined
  if (typeof location === 'object' && location !== null && !Array.isArray(location)) {
    const name: unknown = (location as { cookie?: unknown }).cookie
    if (Object.keys(location).length === 1 && typeof name === 'string' && COOKIE_NAME.test(name)) {
      return name
    }
  }
  throw optionError(
    'Each entry of the "tokenLocations" option must be "header", "body", "query" or { cookie: name } with a valid cookie name.',
  )
}

function locationWarnings(locations: PreparedLocations): JwtAuthWarning[] {
  const warnings: JwtAuthWarning[] = []
  if (locations.query) {
    warnings.push({
      code: 'QUERY_TOKEN_ENABLED',
      message:
        'Tokens are accepted in the query string, where logs, caches and Referer headers can keep them (RFC 6750 section 5.3).',
    })
  }
  if (locations.cookies.length > 0) {
    warnings.push({
      code: 'COOKIE_TOKEN_ENABLED',
      message:
        'Tokens are accepted from cookies, which browsers send on cross-site requests; protect state-changing routes against CSRF.',
    })
  }
  return warnings
}

function booleanOption(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean')
    throw optionError(`The "${name}" option of jwtAuth must be a boolean.`)
  return value
}

function nameOption(value: unknown, name: string, fallback: string): string {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || value === '') {
    throw optionError(`The "${name}" option of jwtAuth must be a non-empty string.`)
  }
  return value
}

function functionOption<F>(value: F | undefined, name: string): F | undefined {
  if (value === undefined || typeof value === 'function') return value
  throw optionError(`The "${name}" option of jwtAuth must be a function.`)
}

function optionError(message: string): JotError {
  return new JotError('OPTION_INVALID', message)
}
