/** Signing of JWTs: signJwt (async, universal) and createSigner (prepared, synchronous). */
import { JotError } from '../errors.js'
import { assertSynchronousBackend } from '../backend/index.js'
import { encodeBase64urlString } from '../encoding/base64url.js'
import { buildHeader, signEncoded, signingEntry } from '../jws/compact-sign.js'
import type { JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import { isJotKey } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { prepareClock, readClock, secondsOption } from './clock.js'
import { SIGN_JWT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { OptionsMemo } from './options-memo.js'
import type { Clock, JwtClaims, SignJwtOptions } from './types.js'

/** Claim options checked once: the claims the options set, and the clock for the times. */
export interface PreparedClaimSetting {
  readonly fixedClaims: Readonly<Record<string, unknown>>
  readonly expiresInSec: number | undefined
  readonly notBeforeSec: number | undefined
  readonly issuedAt: boolean
  readonly clock: () => number
}

/** Signing options checked once: the encoded header and the claims the options set. */
interface PreparedSigning extends PreparedClaimSetting {
  readonly encodedHeader: string
}

const MAX_LIFETIME_SEC = 10 * 365 * 86_400

function prepareSigning(
  key: JotKey,
  options: SignJwtOptions | undefined,
  fn: string,
): PreparedSigning {
  rejectUnknownOptions(options, SIGN_JWT_OPTIONS, fn)
  const header = buildHeader(key, options?.header)
  for (const name of ['typ', 'kid'] as const) {
    if (options?.[name] !== undefined && options.header?.[name] !== undefined) {
      throw new JotError(
        'OPTION_INVALID',
        `The header parameter "${name}" is set both as an option and in "header"; set it once.`,
      )
    }
  }
  header['typ'] = options?.typ ?? header['typ'] ?? 'JWT'
  if (options?.kid !== undefined) header['kid'] = stringOption(options.kid, 'kid')
  return {
    encodedHeader: encodeBase64urlString(JSON.stringify(header)),
    ...prepareClaimSetting(options),
  }
}

/**
 * Checks the claim options that signJwt and encryptJwt share, where they are supplied.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareClaimSetting(
  options: Omit<SignJwtOptions, 'header'> | undefined,
): PreparedClaimSetting {
  const fixedClaims: Record<string, unknown> = {}
  if (options?.issuer !== undefined) fixedClaims['iss'] = stringOption(options.issuer, 'issuer')
  if (options?.subject !== undefined) fixedClaims['sub'] = stringOption(options.subject, 'subject')
  if (options?.jwtId !== undefined) fixedClaims['jti'] = stringOption(options.jwtId, 'jwtId')
  if (options?.audience !== undefined) fixedClaims['aud'] = audienceOption(options.audience)
  return {
    fixedClaims,
    expiresInSec: secondsOption(options?.expiresInSec, 'expiresInSec', 1, MAX_LIFETIME_SEC),
    notBeforeSec: secondsOption(options?.notBeforeSec, 'notBeforeSec', 0, MAX_LIFETIME_SEC),
    issuedAt: options?.issuedAt ?? true,
    clock: prepareClock(options?.now),
  }
}

function stringOption(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new JotError('OPTION_INVALID', `The "${name}" option must be a non-empty string.`)
  }
  return value
}

function audienceOption(value: unknown): string | readonly string[] {
  if (typeof value === 'string' && value !== '') return value
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'string' && item !== '')
  ) {
    return value as string[]
  }
  throw new JotError(
    'OPTION_INVALID',
    'The "audience" option must be a non-empty string or array of strings.',
  )
}

/**
 * Builds the claims of one token: the caller's claims plus those the options set.
 * @throws JotError `ARGUMENT_INVALID`.
 */
export function buildClaims(
  claims: JwtClaims,
  prepared: PreparedClaimSetting,
): Record<string, unknown> {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new JotError('ARGUMENT_INVALID', 'The claims must be a plain object.')
  }
  checkRegisteredClaims(claims)
  const out: Record<string, unknown> = { ...claims }
  for (const [name, value] of Object.entries(prepared.fixedClaims)) setOnce(out, name, value)
  if (
    prepared.issuedAt ||
    prepared.expiresInSec !== undefined ||
    prepared.notBeforeSec !== undefined
  ) {
    const now = Math.floor(readClock(prepared.clock))
    if (prepared.issuedAt && claims.iat === undefined) out['iat'] = now
    if (prepared.expiresInSec !== undefined) setOnce(out, 'exp', now + prepared.expiresInSec)
    if (prepared.notBeforeSec !== undefined) setOnce(out, 'nbf', now + prepared.notBeforeSec)
  }
  return out
}

// RFC 7519 section 4.1: a token with a string exp would be rejected by every verifier, jot's
// included, so it is refused here, where the mistake is made.
function checkRegisteredClaims(claims: JwtClaims): void {
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const value = claims[name]
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new JotError(
        'ARGUMENT_INVALID',
        `The "${name}" claim must be a number of seconds since the epoch.`,
      )
    }
  }
  for (const name of ['iss', 'sub', 'jti'] as const) {
    const value = claims[name]
    if (value !== undefined && typeof value !== 'string') {
      throw new JotError('ARGUMENT_INVALID', `The "${name}" claim must be a string.`)
    }
  }
  const aud = claims.aud
  if (
    aud !== undefined &&
    typeof aud !== 'string' &&
    !(Array.isArray(aud) && aud.every((item) => typeof item === 'string'))
  ) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'The "aud" claim must be a string or an array of strings.',
    )
  }
}

// A claim set both in the claims and through an option would leave one silently ignored.
function setOnce(claims: Record<string, unknown>, name: string, value: unknown): void {
  if (claims[name] !== undefined) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `The "${name}" claim is set both in the claims and through an option; set it once.`,
    )
  }
  claims[name] = value
}

/**
 * Signs a JWT with the key's algorithm.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 * @example
 * const token = await signJwt({ sub: 'user-1', scope: 'read' }, privateKey, {
 *   issuer: 'https://auth.example.com',
 *   audience: 'https://api.example.com',
 *   expiresInSec: 900,
 * })
 */
export async function signJwt(
  claims: JwtClaims,
  key: JotKey,
  options?: SignJwtOptions,
): Promise<string> {
  const { entry, prepared } = reusableSigning(key, options)
  const signed = signClaims(entry, key, prepared, claims)
  // Awaiting only a promise keeps the Node.js path free of extra microtasks.
  return typeof signed === 'string' ? signed : await signed
}

/**
 * Prepares a synchronous JWT signer: the key and options are checked and the header encoded
 * once, here, so each call serializes and signs only the claims. The backend must be
 * synchronous: on the Web Crypto backend createSigner throws `ARGUMENT_INVALID`.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 * @example
 * const sign = createSigner(privateKey, { issuer: 'https://auth.example.com', expiresInSec: 900 })
 * const token = sign({ sub: 'user-1' })
 */
export function createSigner(key: JotKey, options?: SignJwtOptions): (claims: JwtClaims) => string {
  const entry = signingEntry(key)
  const prepared = prepareSigning(key, options, 'createSigner')
  assertSynchronousBackend('createSigner')
  return function signPrepared(claims: JwtClaims): string {
    // The cast is sound: a synchronous backend makes signEncoded return a string.
    return signClaims(entry, key, prepared, claims) as string
  }
}

function signClaims(
  entry: JwsAlgorithmEntry,
  key: JotKey,
  prepared: PreparedSigning,
  claims: JwtClaims,
): string | Promise<string> {
  const payload = encodeBase64urlString(JSON.stringify(buildClaims(claims, prepared)))
  return signEncoded(entry, key, prepared.encodedHeader, payload)
}

/** A key's algorithm entry and signing options, checked once and reused by signJwt. */
interface ReusableSigning {
  readonly entry: JwsAlgorithmEntry
  readonly prepared: PreparedSigning
}

// Both are keyed by objects (the key, the options), so entries go when those are collected.
// JotKey is frozen, so the algorithm entry and header prepared for a key stay valid.
const signingsWithoutOptions = new WeakMap<JotKey, ReusableSigning>()
const signingMemo = new OptionsMemo<ReusableSigning>(new Set(['header']))
const systemClock = prepareClock(undefined)

/**
 * Returns the checked options for signJwt, reused when the same key comes with no options or
 * with the same options object containing the same values as before. OptionsMemo explains why
 * values are compared and not only the object. `now` is prepared on every call.
 */
function reusableSigning(key: JotKey, options: SignJwtOptions | undefined): ReusableSigning {
  if (options === undefined) {
    const cached = signingsWithoutOptions.get(key)
    if (cached !== undefined) return cached
    const fresh = { entry: signingEntry(key), prepared: prepareSigning(key, undefined, 'signJwt') }
    signingsWithoutOptions.set(key, fresh)
    return fresh
  }
  if (typeof options !== 'object' || options === null || !isJotKey(key)) {
    return { entry: signingEntry(key), prepared: prepareSigning(key, options, 'signJwt') }
  }
  const hit = signingMemo.lookup(options, key)
  if (hit !== undefined) {
    if (hit.now === undefined) return hit.prepared
    // The cast is sound: prepareClock checks the value at run time.
    const clock = prepareClock(hit.now as Clock)
    return { entry: hit.prepared.entry, prepared: { ...hit.prepared.prepared, clock } }
  }

  const entry = signingEntry(key)
  const snapshot = signingMemo.snapshot(options)
  if (snapshot === undefined) return { entry, prepared: prepareSigning(key, options, 'signJwt') }
  // The copy contains the caller's option names with the values read from them.
  const prepared = prepareSigning(key, snapshot.copy, 'signJwt')
  signingMemo.remember(options, key, snapshot, {
    entry,
    prepared: { ...prepared, clock: systemClock },
  })
  return { entry, prepared }
}
