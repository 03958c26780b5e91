/** Reading a JWT without verifying it, for display and debugging only. */
import { DEFAULT_MAX_TOKEN_LENGTH, splitCompactJws } from '../jws/compact-parse.js'
import { parseProtectedHeader } from '../jws/header.js'
import type { JwsHeader } from '../jws/header.js'
import { decodeClaims } from './payload.js'

/** What decodeUnverified returns. Nothing in it has been verified. */
export interface DecodeUnverifiedResult {
  readonly header: JwsHeader
  readonly claims: Record<string, unknown>
}

/**
 * Decodes a compact JWT's header and claims WITHOUT verifying the signature. Never base an
 * access decision on the result; use verifyJwt for that. Unsecured tokens (`alg: none`) and
 * unknown algorithms decode too, since nothing is checked cryptographically.
 * @throws JotError `ARGUMENT_INVALID`, `INPUT_TOO_LARGE` or `TOKEN_MALFORMED`.
 */
export function decodeUnverified(
  token: string,
  options?: { maxTokenLength?: number },
): DecodeUnverifiedResult {
  const segments = splitCompactJws(token, options?.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH)
  const header = parseProtectedHeader(segments.header, 'any')
  return { header, claims: decodeClaims(segments.payload, false) }
}
