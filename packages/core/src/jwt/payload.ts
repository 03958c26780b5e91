/** Decoding of a JWT payload segment into a claims object. */
import { decodeBase64url, decodeCheckedBase64url, utf8Decode } from '../encoding/base64url.js'
import { parseJsonObject } from '../encoding/json.js'

/**
 * Decodes a payload segment that must hold a JSON object (RFC 7519 section 7.2, step 10).
 * @param checked true when the verifier has already checked the segment's encoding.
 * @throws JotError `TOKEN_MALFORMED` or `INPUT_TOO_LARGE`.
 */
export function decodeClaims(segment: string, checked: boolean): Record<string, unknown> {
  const bytes = checked ? decodeCheckedBase64url(segment) : decodeBase64url(segment, 'payload')
  return parseJsonObject(utf8Decode(bytes, 'payload'), 'payload')
}
