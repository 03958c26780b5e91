/** Refusal of secret bytes that are really a PEM or a JWK, the classic algorithm-confusion slip. */
import { JotError } from '../errors.js'

const PEM_MARKER = '-----BEGIN '
const textDecoder = new TextDecoder('utf-8', { fatal: false })

/**
 * Rejects bytes that hold a PEM block or a JSON Web Key. Reading a public key file as an HMAC
 * secret is how tokens get forged with nothing but the public key (RFC 8725 section 2.1); a
 * JWK file read as raw bytes gives a secret that other parties do not derive the same way.
 * @throws JotError `KEY_INVALID`.
 */
// NOTE: only the text forms are caught. A public key read as DER, as a PEM body without its
// BEGIN line, or as UTF-16 text still imports as an HMAC secret.
export function rejectKeyFileBytes(secret: Uint8Array): void {
  // Key files are text, so a UTF-8 look at the bytes finds them; binary secrets decode to
  // replacement characters and never match.
  const text = textDecoder.decode(secret)
  if (text.includes(PEM_MARKER)) {
    throw new JotError(
      'KEY_INVALID',
      'The secret contains a PEM block; import PEM keys with importPem, which never makes an HMAC secret of them.',
    )
  }
  const trimmed = text.trim()
  if (trimmed.startsWith('{') && trimmed.endsWith('}') && /"kty"\s*:/.test(trimmed)) {
    throw new JotError(
      'KEY_INVALID',
      'The secret is a JSON Web Key; import it with importJwk instead of using its text as a secret.',
    )
  }
}
