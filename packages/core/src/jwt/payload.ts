/** Decoding of a JWT payload into a claims object. */
import { decodeBase64url, utf8Decode } from '../encoding/base64url.js'
import { parseJsonObject } from '../encoding/json.js'

/**
 * Decodes a payload segment that must hold a JSON object (RFC 7519 section 7.2, step 10).
 * @throws JotError `TOKEN_MALFORMED` or `INPUT_TOO_LARGE`.
 */
export function decodeClaims(segment: string): Record<string, unknown> {
  return parseClaims(decodeBase64url(segment, 'payload'))
}

/**
 * Parses decoded payload bytes, which must contain a JSON object in UTF-8.
 * @throws JotError `TOKEN_MALFORMED` or `INPUT_TOO_LARGE`.
 */
export function parseClaims(bytes: Uint8Array): Record<string, unknown> {
  return parseJsonObject(utf8Decode(bytes, 'payload'), 'payload')
}
