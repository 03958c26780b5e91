/** Decoding of a JWT payload segment into a claims object. */
import { decodeBase64url, utf8Decode } from '../encoding/base64url.js'
import { parseJsonObject } from '../encoding/json.js'

/**
 * Decodes a payload segment that must hold a JSON object (RFC 7519 section 7.2, step 10).
 * @throws JotError `TOKEN_MALFORMED` or `INPUT_TOO_LARGE`.
 */
export function decodeClaims(segment: string): Record<string, unknown> {
  return parseJsonObject(utf8Decode(decodeBase64url(segment, 'payload'), 'payload'), 'payload')
}
