/** Reading a JWT without verifying it, for display and debugging only. */
import { JotError } from '../errors.js'
import { isBase64url } from '../encoding/base64url.js'
import { DEFAULT_MAX_TOKEN_LENGTH, splitCompactJws } from '../jws/compact-parse.js'
import { parseProtectedHeader } from '../jws/header.js'
import type { JwsHeader } from '../jws/header.js'
import { positiveInteger } from '../jws/options.js'
import { rejectUnknownOptions } from '../jose/option-names.js'
import { decodeClaims } from './payload.js'

const DECODE_OPTIONS: ReadonlySet<string> = new Set(['maxTokenLength'])

/** Header and claims of a token read by decodeUnverified. Nothing in it has been verified. */
export interface DecodeUnverifiedResult {
  readonly header: JwsHeader
  readonly claims: Record<string, unknown>
}

/**
 * Decodes a compact JWT's header and claims WITHOUT verifying the signature. Never base an
 * access decision on the result; use verifyJwt for that. Unsecured tokens (`alg: none`) and
 * unknown algorithms decode too, since nothing is checked cryptographically.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `INPUT_TOO_LARGE` or `TOKEN_MALFORMED`.
 */
export function decodeUnverified(
  token: string,
  options?: { maxTokenLength?: number },
): DecodeUnverifiedResult {
  rejectUnknownOptions(options, DECODE_OPTIONS, 'decodeUnverified')
  const maxLength = positiveInteger(
    options?.maxTokenLength,
    'maxTokenLength',
    DEFAULT_MAX_TOKEN_LENGTH,
  )
  const segments = splitCompactJws(token, maxLength)
  const header = parseProtectedHeader(segments.header, 'any')
  const claims = decodeClaims(segments.payload)
  // The signature goes unchecked, but its spelling is not: otherwise a token with trailing
  // white space or padding would decode here and then fail verifyJwt. An unsecured token's
  // signature is empty.
  if (segments.signature !== '' && !isBase64url(segments.signature)) {
    throw new JotError('TOKEN_MALFORMED', 'The signature is not canonical unpadded base64url.')
  }
  return { header, claims }
}
