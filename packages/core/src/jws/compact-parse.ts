/** Splitting a compact JWS into its segments, with the size limit applied first. */
import { JotError } from '../errors.js'

/** Default maximum length of a compact token, in characters. */
export const DEFAULT_MAX_TOKEN_LENGTH = 16_384

/** The three segments of a compact JWS, still encoded. */
export interface CompactSegments {
  readonly header: string
  readonly payload: string
  readonly signature: string
  /** The JWS signing input: `header.payload`. */
  readonly signingInput: string
}

/**
 * Splits a compact JWS.
 * @throws JotError `ARGUMENT_INVALID` for a non-string, `INPUT_TOO_LARGE` over the limit,
 *   `TOKEN_MALFORMED` for any segment count other than three.
 */
export function splitCompactJws(token: unknown, maxLength: number): CompactSegments {
  if (typeof token !== 'string') {
    throw new JotError(
      'ARGUMENT_INVALID',
      `The token must be a string, not ${describeType(token)}.`,
    )
  }
  if (token.length > maxLength) {
    throw new JotError('INPUT_TOO_LARGE', `The token is longer than ${maxLength} characters.`)
  }
  const first = token.indexOf('.')
  const second = first === -1 ? -1 : token.indexOf('.', first + 1)
  if (second === -1 || token.indexOf('.', second + 1) !== -1) {
    const count = token.split('.').length
    throw new JotError(
      'TOKEN_MALFORMED',
      count === 5
        ? 'The token has 5 segments: it is an encrypted JWE, not a signed JWS.'
        : `The token must have 3 segments separated by dots, not ${count}.`,
    )
  }
  return {
    header: token.slice(0, first),
    payload: token.slice(first + 1, second),
    signature: token.slice(second + 1),
    signingInput: token.slice(0, second),
  }
}

/** Names a value's type for an error message without showing the value. */
export function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
