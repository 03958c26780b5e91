/** Refusal of secret bytes that are really a key file, the classic algorithm-confusion slip. */
import { JotError } from '../errors.js'
import { decodeCheckedBase64url } from '../encoding/base64url.js'

const PEM_MARKER = '-----BEGIN '
const textDecoder = new TextDecoder('utf-8', { fatal: false })
const utf16Decoder = new TextDecoder('utf-16le', { fatal: false })

// DER encodings of the OIDs a public or private key file names its key type with (RFC 8017,
// RFC 5480, RFC 8410): rsaEncryption, RSASSA-PSS, id-ecPublicKey, X25519, X448, Ed25519, Ed448.
const KEY_TYPE_OIDS: readonly (readonly number[])[] = [
  [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
  [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a],
  [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
  [0x06, 0x03, 0x2b, 0x65, 0x6e],
  [0x06, 0x03, 0x2b, 0x65, 0x6f],
  [0x06, 0x03, 0x2b, 0x65, 0x70],
  [0x06, 0x03, 0x2b, 0x65, 0x71],
]

// A PEM body: base64 lines only, long enough to hold the smallest key file (an Ed25519 SPKI).
const PEM_BODY = /^[A-Za-z0-9+/\r\n]{40,}={0,2}\s*$/

/**
 * Rejects bytes that hold a key file: a PEM block (in UTF-8 or UTF-16), a JSON Web Key, DER, or
 * a PEM body without its BEGIN line. Reading a public key file as an HMAC secret is how tokens
 * get forged with nothing but the public key (RFC 8725 section 2.1).
 * @throws JotError `KEY_INVALID`.
 */
export function rejectKeyFileBytes(secret: Uint8Array): void {
  // Key files are text, so a UTF-8 look at the bytes finds them; binary secrets decode to
  // replacement characters and never match.
  const text = textDecoder.decode(secret)
  if (text.includes(PEM_MARKER) || utf16Decoder.decode(secret).includes(PEM_MARKER)) {
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
  if (isKeyDer(secret) || (PEM_BODY.test(text) && isKeyDer(decodePemBody(text)))) {
    throw new JotError(
      'KEY_INVALID',
      'The secret is a DER-encoded key, or the base64 body of a PEM file; import keys with importPem, which never makes an HMAC secret of them.',
    )
  }
}

/**
 * Tells whether bytes are one DER SEQUENCE spanning all of them that names a key type. Both
 * conditions must hold, so a random 32-byte secret matches with a probability of about 2^-49.
 */
function isKeyDer(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30 || derLength(bytes) !== bytes.length) return false
  return KEY_TYPE_OIDS.some((oid) => contains(bytes, oid))
}

// Standard base64 and base64url differ only in two characters and the padding.
function decodePemBody(text: string): Uint8Array {
  const url = text.replace(/[\s=]/g, '').replaceAll('+', '-').replaceAll('/', '_')
  return decodeCheckedBase64url(url)
}

// The total length a DER SEQUENCE header at the start declares, or undefined.
function derLength(bytes: Uint8Array): number | undefined {
  const first = bytes[1]
  if (first === undefined) return undefined
  if (first < 0x80) return 2 + first
  const count = first & 0x7f
  if (count === 0 || count > 3 || bytes.length < 2 + count) return undefined
  let length = 0
  for (let index = 0; index < count; index++) length = length * 256 + (bytes[2 + index] as number)
  return 2 + count + length
}

function contains(bytes: Uint8Array, pattern: readonly number[]): boolean {
  const last = bytes.length - pattern.length
  outer: for (let start = 0; start <= last; start++) {
    for (let index = 0; index < pattern.length; index++) {
      if (bytes[start + index] !== pattern[index]) continue outer
    }
    return true
  }
  return false
}
