/** Splitting a compact JWE into its five segments, with the size limit applied first. */
import { JotError } from '../errors.js'
import { isBase64url } from '../encoding/base64url.js'
import { describeType } from '../keys/options.js'
import type { ParsedJwe } from './decrypt.js'
import { decodeProtectedHeader } from './header.js'

const SEGMENT_NAMES = [
  'JWE Encrypted Key',
  'Initialization Vector',
  'ciphertext',
  'Authentication Tag',
]

/**
 * Splits a compact JWE (RFC 7516 section 7.1) and checks the encoding of every segment before
 * any key is touched, so non-canonical spellings fail alike whatever key they meet.
 * @throws JotError `ARGUMENT_INVALID` for a non-string, `INPUT_TOO_LARGE` over the limit,
 *   `TOKEN_MALFORMED` for any segment count other than five or a bad segment.
 */
export function parseCompactJwe(token: unknown, maxLength: number): ParsedJwe {
  if (typeof token !== 'string') {
    throw new JotError('ARGUMENT_INVALID', `The JWE must be a string, not ${describeType(token)}.`)
  }
  if (token.length > maxLength) {
    throw new JotError('INPUT_TOO_LARGE', `The JWE is longer than ${maxLength} characters.`)
  }
  const segments = token.split('.')
  if (segments.length !== 5) {
    throw new JotError(
      'TOKEN_MALFORMED',
      segments.length === 3
        ? 'The token has 3 segments: it is a signed JWS, not an encrypted JWE.'
        : `The JWE must have 5 segments separated by dots, not ${segments.length}.`,
    )
  }
  const [header = '', encryptedKey = '', iv = '', ciphertext = '', tag = ''] = segments
  const protectedHeader = decodeProtectedHeader(header)
  for (let index = 1; index < 5; index++) {
    if (!isBase64url(segments[index] as string)) {
      throw new JotError(
        'TOKEN_MALFORMED',
        `The ${SEGMENT_NAMES[index - 1] ?? 'segment'} is not canonical unpadded base64url.`,
      )
    }
  }
  return {
    protectedSegment: header,
    protectedHeader,
    sharedHeader: undefined,
    recipients: [{ header: undefined, encryptedKey }],
    aad: undefined,
    iv,
    ciphertext,
    tag,
  }
}
