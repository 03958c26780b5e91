/** Checks of the options that localKeySet and remoteKeySet share, done once at creation. */
import { JotError } from '../errors.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsAlgorithm } from '../jwa/jws-algorithms.js'
import { DEFAULT_MAX_KEY_CANDIDATES } from '../jws/key-selection.js'
import { describeType, ownMember } from '../keys/options.js'

/** Options of localKeySet, which remoteKeySet takes too. */
export interface LocalKeySetOptions {
  /**
   * The algorithms the set verifies with; pass the verifier's `algorithms` here too. A JWK
   * whose `alg` is not listed is skipped. A JWK without `alg` is imported once for each listed
   * algorithm that fits its key type and curve, so an `oct` key only ever serves HMAC and an
   * RSA key only RSA algorithms. Default: each JWK's own `alg`, and JWKs without `alg` are
   * skipped.
   */
  readonly algorithms?: readonly JwsAlgorithm[] | undefined
  /**
   * Maximum number of keys returned for one token, which matters for tokens without `kid`.
   * The verifier's own `maxKeyCandidates` applies as well. Default 3, range 1 to 100.
   */
  readonly maxKeyCandidates?: number | undefined
}

/** The shared options, checked and turned into lookup structures. */
export interface PreparedKeySetOptions {
  /** null when the option is absent: each JWK's own `alg` decides. */
  readonly algorithms: ReadonlySet<JwsAlgorithm> | null
  readonly maxKeyCandidates: number
  /** False for a fetched set: a secret published with it would let anyone sign. */
  readonly acceptsSecrets: boolean
}

/** The option names that localKeySet accepts. */
export const KEY_SET_OPTION_NAMES: readonly string[] = ['algorithms', 'maxKeyCandidates']

/**
 * Checks the options both kinds of key set take.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareKeySetOptions(
  options: Readonly<Record<string, unknown>>,
  fn: string,
  acceptsSecrets: boolean,
): PreparedKeySetOptions {
  return {
    acceptsSecrets,
    algorithms: readAlgorithms(ownMember(options, 'algorithms'), fn),
    maxKeyCandidates: wholeNumberOption(
      options,
      'maxKeyCandidates',
      fn,
      DEFAULT_MAX_KEY_CANDIDATES,
      100,
    ),
  }
}

function readAlgorithms(value: unknown, fn: string): ReadonlySet<JwsAlgorithm> | null {
  if (value === undefined) return null
  if (!Array.isArray(value) || value.length === 0) {
    throw new JotError(
      'OPTION_INVALID',
      `The "algorithms" option of ${fn} must be a non-empty array of JWS algorithm names.`,
    )
  }
  return new Set(value.map((alg: unknown) => readAlgorithm(alg, fn)))
}

function readAlgorithm(alg: unknown, fn: string): JwsAlgorithm {
  try {
    return getJwsAlgorithm(alg).alg
  } catch (cause) {
    const shown = typeof alg === 'string' ? `"${alg.slice(0, 32)}"` : describeType(alg)
    throw new JotError(
      'OPTION_INVALID',
      `The "algorithms" option of ${fn} lists ${shown}, which is not a supported JWS algorithm.`,
      { cause },
    )
  }
}

/**
 * Reads an optional whole-number option from 1 to `max` (default Number.MAX_SAFE_INTEGER).
 * @throws JotError `OPTION_INVALID`.
 */
export function wholeNumberOption(
  options: Readonly<Record<string, unknown>>,
  name: string,
  fn: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = ownMember(options, name)
  if (value === undefined) return fallback
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= max) {
    return value
  }
  const range =
    max === Number.MAX_SAFE_INTEGER ? 'a positive whole number' : `a whole number from 1 to ${max}`
  throw new JotError(
    'OPTION_INVALID',
    `The "${name}" option of ${fn} must be ${range}, not ${shownValue(value)}.`,
  )
}

/** Any function; the caller narrows it to the signature the option documents. */
export type AnyFunction = (...args: never[]) => unknown

/**
 * Reads an optional function option. Only its callability can be checked, not its signature.
 * @throws JotError `OPTION_INVALID`.
 */
export function functionOption(
  options: Readonly<Record<string, unknown>>,
  name: string,
  fn: string,
): AnyFunction | undefined {
  const value = ownMember(options, name)
  if (value === undefined || typeof value === 'function') return value as AnyFunction | undefined
  throw new JotError(
    'OPTION_INVALID',
    `The "${name}" option of ${fn} must be a function, not ${describeType(value)}.`,
  )
}

function shownValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeType(value)
}
