/** The one builder of RFC 6750 `WWW-Authenticate: Bearer` challenges. */
import { JotError } from '@jot/core'
import type { JotErrorCode } from '@jot/core'

/** Attributes of a Bearer challenge, written in this order (RFC 6750 section 3). */
export interface BearerChallengeParams {
  readonly realm: string
  readonly error?: string | undefined
  readonly errorDescription?: string | undefined
  /** Space-separated scopes the resource requires, for `insufficient_scope`. */
  readonly scope?: string | undefined
}

// Printable ASCII only. Control characters could end the header or split the response, and
// Node.js and the Fetch API both reject characters above U+00FF in header values.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** Maximum length of one challenge attribute value, in characters. */
export const MAX_CHALLENGE_VALUE_LENGTH = 256

/**
 * Builds a `WWW-Authenticate` value such as
 * `Bearer realm="api", error="invalid_token", error_description="..."`. Each value is a
 * quoted string with `"` and `\` escaped by a backslash (RFC 9110 section 5.6.4).
 * @throws JotError `ARGUMENT_INVALID` when a value is not printable ASCII or is too long.
 * @example
 * formatBearerChallenge({ realm: 'api', error: 'insufficient_scope', scope: 'orders:read' })
 * // 'Bearer realm="api", error="insufficient_scope", scope="orders:read"'
 */
export function formatBearerChallenge(params: BearerChallengeParams): string {
  const attributes: [string, string | undefined][] = [
    ['realm', params.realm],
    ['error', params.error],
    ['error_description', params.errorDescription],
    ['scope', params.scope],
  ]
  const written: string[] = []
  for (const [name, value] of attributes) {
    if (value === undefined) continue
    assertChallengeValue(value, name, 'ARGUMENT_INVALID')
    written.push(`${name}=${quoteString(value)}`)
  }
  return `Bearer ${written.join(', ')}`
}

/**
 * Checks that a value can be written into a challenge.
 * @throws JotError with the given code.
 */
export function assertChallengeValue(
  value: unknown,
  name: string,
  code: Extract<JotErrorCode, 'OPTION_INVALID' | 'ARGUMENT_INVALID'>,
): asserts value is string {
  if (typeof value !== 'string') {
    throw new JotError(code, `The challenge attribute "${name}" must be a string.`)
  }
  if (value.length > MAX_CHALLENGE_VALUE_LENGTH || !PRINTABLE_ASCII.test(value)) {
    throw new JotError(
      code,
      `The challenge attribute "${name}" must be at most ${MAX_CHALLENGE_VALUE_LENGTH} printable ASCII characters, without control characters.`,
    )
  }
}

function quoteString(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`
}
