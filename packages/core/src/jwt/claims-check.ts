/** Checks of the registered JWT claims (RFC 7519 section 4.1) and the header `typ`. */
import { JotError } from '../errors.js'
import type { ClaimDetails } from '../errors.js'
import type { JwsHeader } from '../jws/header.js'
import { prepareClock, readClock, secondsOption } from './clock.js'
import type { VerifyClaimsOptions } from './types.js'

/** Claim options checked once, ready for every token. */
export interface PreparedClaimsOptions {
  readonly issuers: readonly string[] | null
  readonly audiences: readonly string[] | null
  readonly subject: string | undefined
  readonly typ: string | undefined
  /** The `typ` option as the caller wrote it, for messages. */
  readonly typOption: string | undefined
  readonly toleranceSec: number
  readonly maxAgeSec: number | undefined
  readonly requiredClaims: readonly string[]
  readonly clock: () => number
}

const MAX_TOLERANCE_SEC = 86_400

/**
 * Checks claim options where they are supplied.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareClaimsOptions(
  options: VerifyClaimsOptions | undefined,
): PreparedClaimsOptions {
  const requiredClaims = options?.requiredClaims ?? []
  if (!Array.isArray(requiredClaims) || !requiredClaims.every((name) => typeof name === 'string')) {
    throw new JotError(
      'OPTION_INVALID',
      'The "requiredClaims" option must be an array of claim names.',
    )
  }
  const typ = options?.typ
  if (typ !== undefined && (typeof typ !== 'string' || typ === '')) {
    throw new JotError('OPTION_INVALID', 'The "typ" option must be a non-empty string.')
  }
  const subject = options?.subject
  if (subject !== undefined && typeof subject !== 'string') {
    throw new JotError('OPTION_INVALID', 'The "subject" option must be a string.')
  }
  return {
    issuers: stringList(options?.issuer, 'issuer'),
    audiences: stringList(options?.audience, 'audience'),
    subject,
    typ: typ === undefined ? undefined : normalizeTyp(typ),
    typOption: typ,
    toleranceSec:
      secondsOption(options?.clockToleranceSec, 'clockToleranceSec', 0, MAX_TOLERANCE_SEC) ?? 0,
    maxAgeSec: secondsOption(options?.maxAgeSec, 'maxAgeSec', 0, Number.MAX_SAFE_INTEGER),
    requiredClaims,
    clock: prepareClock(options?.now),
  }
}

function stringList(value: unknown, name: string): readonly string[] | null {
  if (value === undefined) return null
  const list = typeof value === 'string' ? [value] : value
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((item) => typeof item === 'string' && item !== '')
  ) {
    throw new JotError(
      'OPTION_INVALID',
      `The "${name}" option must be a non-empty string or a non-empty array of them.`,
    )
  }
  return list as string[]
}

// RFC 7515 section 4.1.9: media types compare case-insensitively and may omit "application/".
function normalizeTyp(typ: string): string {
  const lower = typ.toLowerCase()
  return lower.startsWith('application/') && !lower.slice(12).includes('/')
    ? lower.slice(12)
    : lower
}

/**
 * Checks the header `typ` and the claims against prepared options. Call it only on a
 * verified token: claims of an unverified token are never trusted.
 * @throws JotError `TYP_MISMATCH`, `CLAIM_INVALID`, `TOKEN_EXPIRED`, `TOKEN_NOT_YET_VALID` or `TOKEN_TOO_OLD`.
 */
export function checkClaims(
  header: JwsHeader,
  claims: Record<string, unknown>,
  options: PreparedClaimsOptions,
): void {
  if (
    options.typ !== undefined &&
    (header.typ === undefined || normalizeTyp(header.typ) !== options.typ)
  ) {
    const actual = header.typ === undefined ? 'none' : `"${header.typ.slice(0, 40)}"`
    throw new JotError(
      'TYP_MISMATCH',
      `The token type is ${actual}, expected "${options.typOption ?? options.typ}".`,
    )
  }
  for (const name of options.requiredClaims) {
    // Own properties only: a claim named like an Object.prototype member (constructor,
    // toString) must not count as present through inheritance.
    if (!Object.hasOwn(claims, name) || claims[name] === undefined)
      throw claimError(
        'CLAIM_INVALID',
        name,
        'missing',
        `The "${name.slice(0, 40)}" claim is missing.`,
      )
  }
  checkStringClaims(claims, options)
  checkTimes(claims, options, readClock(options.clock))
}

function checkStringClaims(claims: Record<string, unknown>, options: PreparedClaimsOptions): void {
  const { iss, sub, aud, jti } = claims
  if (iss !== undefined && typeof iss !== 'string') throw typeError('iss', 'a string')
  if (sub !== undefined && typeof sub !== 'string') throw typeError('sub', 'a string')
  if (jti !== undefined && typeof jti !== 'string') throw typeError('jti', 'a string')
  if (
    aud !== undefined &&
    typeof aud !== 'string' &&
    !(Array.isArray(aud) && aud.every((item) => typeof item === 'string'))
  ) {
    throw typeError('aud', 'a string or an array of strings')
  }
  if (options.issuers !== null) {
    if (iss === undefined)
      throw claimError('CLAIM_INVALID', 'iss', 'missing', 'The "iss" claim is missing.')
    if (!options.issuers.includes(iss)) {
      throw claimError(
        'CLAIM_INVALID',
        'iss',
        'mismatch',
        `The issuer "${iss.slice(0, 80)}" is not accepted.`,
      )
    }
  }
  if (options.subject !== undefined) {
    if (sub === undefined)
      throw claimError('CLAIM_INVALID', 'sub', 'missing', 'The "sub" claim is missing.')
    if (sub !== options.subject)
      throw claimError('CLAIM_INVALID', 'sub', 'mismatch', 'The subject is not the expected one.')
  }
  if (options.audiences !== null) {
    if (aud === undefined)
      throw claimError('CLAIM_INVALID', 'aud', 'missing', 'The "aud" claim is missing.')
    const audiences = options.audiences
    const named: readonly string[] = typeof aud === 'string' ? [aud] : aud
    if (!named.some((item) => audiences.includes(item))) {
      throw claimError(
        'CLAIM_INVALID',
        'aud',
        'mismatch',
        'The token is not intended for this audience.',
      )
    }
  }
}

/**
 * Checks `exp`, `nbf` and the `maxAgeSec` limit against the options' clock now. checkClaims
 * runs it too; a verified-token cache runs only this on a hit, since it is the one part of the
 * claim checks whose result changes with time.
 * @throws JotError `CLAIM_INVALID`, `TOKEN_EXPIRED`, `TOKEN_NOT_YET_VALID` or `TOKEN_TOO_OLD`.
 */
export function checkTimesNow(
  claims: Readonly<Record<string, unknown>>,
  options: PreparedClaimsOptions,
): void {
  checkTimes(claims, options, readClock(options.clock))
}

function checkTimes(
  claims: Readonly<Record<string, unknown>>,
  options: PreparedClaimsOptions,
  now: number,
): void {
  const exp = numericDate(claims, 'exp')
  const nbf = numericDate(claims, 'nbf')
  const iat = numericDate(claims, 'iat')
  const tolerance = options.toleranceSec
  // RFC 7519 section 4.1.4: the current time must be before exp.
  if (exp !== undefined && now - tolerance >= exp) {
    throw claimError('TOKEN_EXPIRED', 'exp', 'expired', 'The token has expired.')
  }
  if (nbf !== undefined && now + tolerance < nbf) {
    throw claimError('TOKEN_NOT_YET_VALID', 'nbf', 'not-yet-valid', 'The token is not valid yet.')
  }
  if (options.maxAgeSec === undefined) return
  if (iat === undefined)
    throw claimError('CLAIM_INVALID', 'iat', 'missing', 'The "iat" claim is missing.')
  if (now + tolerance < iat) {
    throw claimError(
      'TOKEN_NOT_YET_VALID',
      'iat',
      'not-yet-valid',
      'The token was issued in the future.',
    )
  }
  if (now - tolerance - iat > options.maxAgeSec) {
    throw claimError(
      'TOKEN_TOO_OLD',
      'iat',
      'too-old',
      `The token is older than ${options.maxAgeSec} seconds.`,
    )
  }
}

// RFC 7519 section 2: a NumericDate is a JSON number of seconds; strings are not accepted.
function numericDate(
  claims: Readonly<Record<string, unknown>>,
  name: 'exp' | 'nbf' | 'iat',
): number | undefined {
  const value = claims[name]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw typeError(name, 'a number of seconds')
  return value
}

function typeError(claim: string, expected: string): JotError {
  return claimError('CLAIM_INVALID', claim, 'type', `The "${claim}" claim must be ${expected}.`)
}

function claimError(
  code: 'CLAIM_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_NOT_YET_VALID' | 'TOKEN_TOO_OLD',
  claim: string,
  reason: ClaimDetails['reason'],
  message: string,
): JotError {
  return new JotError(code, message, { details: { claim, reason } })
}
