/** Parsing of option values shared by several commands: durations, times and algorithm lists. */
import {
  JWE_CONTENT_ENCRYPTION_ALGORITHMS,
  JWE_KEY_MANAGEMENT_ALGORITHMS,
  JWS_ALGORITHMS,
  JotError,
  isJweContentEncryptionAlgorithm,
  isJweKeyManagementAlgorithm,
  isJwsAlgorithm,
} from '@jot/core'
import type {
  JweContentEncryptionAlgorithm,
  JweKeyManagementAlgorithm,
  JwsAlgorithm,
} from '@jot/core'

/** A copy of an options type whose properties can be assigned one by one. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 }

/**
 * Parses a duration: whole seconds (`3600`) or a whole number with a unit s, m, h or d
 * (`15m`, `2h`, `7d`).
 * @throws JotError `OPTION_INVALID`.
 */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d{1,10})([smhd]?)$/.exec(text)
  const seconds =
    match === null ? Number.NaN : Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 1)
  if (!Number.isSafeInteger(seconds)) {
    throw new JotError(
      'OPTION_INVALID',
      `${flag} must be whole seconds or a number with a unit s, m, h or d (such as 15m), ` +
        `not "${text.slice(0, 32)}".`,
    )
  }
  return seconds
}

/**
 * Checks that a parsed duration is longer than zero.
 * @throws JotError `OPTION_INVALID`.
 */
export function positive(seconds: number, flag: string): number {
  if (seconds > 0) return seconds
  throw new JotError('OPTION_INVALID', `${flag} must be longer than 0 seconds.`)
}

/**
 * Parses a point in time given as whole seconds since the Unix epoch, for `--now`.
 * @throws JotError `OPTION_INVALID`.
 */
export function parseEpochSeconds(text: string, flag: string): number {
  if (!/^\d{1,12}$/.test(text)) {
    throw new JotError(
      'OPTION_INVALID',
      `${flag} must be whole seconds since the Unix epoch, not "${text.slice(0, 32)}".`,
    )
  }
  return Number(text)
}

/**
 * Parses a whole number within a range.
 * @throws JotError `OPTION_INVALID`.
 */
export function parseInteger(text: string, flag: string, min: number, max: number): number {
  const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN
  if (!(value >= min && value <= max)) {
    throw new JotError(
      'OPTION_INVALID',
      `${flag} must be a whole number from ${min} to ${max}, not "${text.slice(0, 32)}".`,
    )
  }
  return value
}

/**
 * Parses one JWS algorithm name.
 * @throws JotError `OPTION_INVALID`, or `ARGUMENT_INVALID` when `flag` names a positional.
 */
export function parseAlgorithm(text: string, flag: string): JwsAlgorithm {
  if (isJwsAlgorithm(text)) return text
  throw new JotError(
    flagErrorCode(flag),
    `${flag} "${text.slice(0, 32)}" is not a supported JWS algorithm; use one of ` +
      `${JWS_ALGORITHMS.join(', ')}.`,
  )
}

/**
 * Parses one JWE key management algorithm name, the `alg` of a JWE.
 * @throws JotError `OPTION_INVALID`, or `ARGUMENT_INVALID` when `flag` names a positional.
 */
export function parseJweAlgorithm(text: string, flag: string): JweKeyManagementAlgorithm {
  if (isJweKeyManagementAlgorithm(text)) return text
  if (text === 'RSA1_5') {
    throw new JotError(
      flagErrorCode(flag),
      `${flag} RSA1_5 is not supported: RSAES-PKCS1-v1_5 is open to padding oracle attacks ` +
        '(RFC 8725 section 3.2); use RSA-OAEP-256.',
    )
  }
  throw new JotError(
    flagErrorCode(flag),
    `${flag} "${text.slice(0, 32)}" is not a supported JWE key management algorithm; use one ` +
      `of ${JWE_KEY_MANAGEMENT_ALGORITHMS.join(', ')}.`,
  )
}

/**
 * Parses one JWE content encryption algorithm name, the `enc` of a JWE.
 * @throws JotError `OPTION_INVALID`.
 */
export function parseContentEncryption(text: string, flag: string): JweContentEncryptionAlgorithm {
  if (isJweContentEncryptionAlgorithm(text)) return text
  throw new JotError(
    'OPTION_INVALID',
    `${flag} "${text.slice(0, 32)}" is not a supported content encryption algorithm; use one ` +
      `of ${JWE_CONTENT_ENCRYPTION_ALGORITHMS.join(', ')}.`,
  )
}

/**
 * Parses one algorithm name a key can be bound to: a JWS algorithm or a JWE key management
 * algorithm.
 * @throws JotError `OPTION_INVALID`, or `ARGUMENT_INVALID` when `flag` names a positional.
 */
export function parseKeyAlgorithm(
  text: string,
  flag: string,
): JwsAlgorithm | JweKeyManagementAlgorithm {
  if (isJwsAlgorithm(text) || isJweKeyManagementAlgorithm(text)) return text
  if (text === 'RSA1_5') return parseJweAlgorithm(text, flag)
  throw new JotError(
    flagErrorCode(flag),
    `${flag} "${text.slice(0, 32)}" is not a supported algorithm; use a JWS algorithm ` +
      `(${JWS_ALGORITHMS.join(', ')}) or a JWE key management algorithm ` +
      `(${JWE_KEY_MANAGEMENT_ALGORITHMS.join(', ')}).`,
  )
}

/**
 * Parses JWS algorithm lists given as repeated flags, comma-separated, or both. Returns
 * undefined when the flag was not given.
 * @throws JotError `OPTION_INVALID`.
 */
export function parseAlgorithmList(
  values: readonly string[],
  flag: string,
): JwsAlgorithm[] | undefined {
  return parseList(values, flag, parseAlgorithm)
}

/**
 * Parses a list of names, given as repeated flags, comma-separated, or both, with `parseOne`
 * for each name. Returns undefined when the flag was not given.
 * @throws JotError `OPTION_INVALID`, and what `parseOne` throws.
 */
export function parseList<T>(
  values: readonly string[],
  flag: string,
  parseOne: (text: string, flag: string) => T,
): T[] | undefined {
  if (values.length === 0) return undefined
  const names = splitList(values)
  if (names.length === 0) throw new JotError('OPTION_INVALID', `${flag} must name an algorithm.`)
  return [...new Set(names.map((name) => parseOne(name, flag)))]
}

/** Splits repeated, comma-separated values into one list without empty items. */
export function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter(Boolean)
}

// Flags start with "--"; anything else names a positional argument, such as ALG.
function flagErrorCode(flag: string): 'OPTION_INVALID' | 'ARGUMENT_INVALID' {
  return flag.startsWith('--') ? 'OPTION_INVALID' : 'ARGUMENT_INVALID'
}
