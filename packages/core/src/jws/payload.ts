/** JWS payloads: base64url or unencoded (RFC 7797), carried in the JWS or detached. */
import { JotError } from '../errors.js'
import {
  decodeCanonicalBase64url,
  encodeBase64url,
  encodeBase64urlString,
  utf8Decode,
  utf8Encode,
} from '../encoding/base64url.js'

/** A payload as a signer or a verifier handles it. */
export interface PayloadForm {
  /** The part of the JWS signing input after `protected.` (RFC 7515 section 5.1). */
  readonly signed: string | Uint8Array
  /** The payload segment or member; empty when the payload is detached. */
  readonly serialized: string
}

/** The serialization a payload is encoded for; only compact limits unencoded payloads. */
export type Serialization = 'compact' | 'json'

/**
 * Encodes a payload for signing.
 * @throws JotError `ARGUMENT_INVALID` for a payload of the wrong type, an unencoded payload that
 *   is not valid UTF-8 and not detached, or one that contains "." in a compact JWS.
 */
export function encodePayload(
  payload: unknown,
  b64: boolean,
  detached: boolean,
  serialization: Serialization,
): PayloadForm {
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
    throw new JotError('ARGUMENT_INVALID', 'The payload must be a string or a Uint8Array.')
  }
  if (b64) {
    const encoded =
      typeof payload === 'string' ? encodeBase64urlString(payload) : encodeBase64url(payload)
    return { signed: encoded, serialized: detached ? '' : encoded }
  }
  // A detached payload never enters the JWS, so any bytes can be signed as they are.
  if (detached) return { signed: payload, serialized: '' }
  const text = typeof payload === 'string' ? payload : unencodedText(payload)
  // RFC 7797 section 5.2: a "." in an unencoded compact payload would split it into more segments.
  if (serialization === 'compact' && text.includes('.')) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'An unencoded payload in a compact JWS cannot contain "."; detach it or use signJson.',
    )
  }
  return { signed: text, serialized: text }
}

function unencodedText(payload: Uint8Array): string {
  try {
    return utf8Decode(payload, 'payload')
  } catch (cause) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'An unencoded payload must be valid UTF-8 unless it is detached.',
      { cause },
    )
  }
}

/** A payload as the verifier reads it: the signed form and the payload bytes. */
export interface DecodedPayload {
  readonly signed: string | Uint8Array
  readonly bytes: Uint8Array
}

/**
 * Reads the payload a verifier checks: the one in the JWS, or the caller's detached payload,
 * whose place in the JWS must then be empty (RFC 7515 appendix F).
 * @param serialized the payload segment or member; undefined when a JSON JWS has no member.
 * @throws JotError `TOKEN_MALFORMED`.
 */
export function decodePayload(
  serialized: string | undefined,
  b64: boolean,
  detached: string | Uint8Array | undefined,
): DecodedPayload {
  if (detached !== undefined) {
    if (serialized !== undefined && serialized !== '') {
      throw new JotError(
        'TOKEN_MALFORMED',
        'The JWS carries a payload, but the "detachedPayload" option was given.',
      )
    }
    const bytes = typeof detached === 'string' ? utf8Encode(detached) : plainBytes(detached)
    if (!b64) return { signed: detached, bytes }
    return { signed: encodeBase64url(bytes), bytes }
  }
  if (serialized === undefined) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'The JWS has no payload; give the detached payload in the "detachedPayload" option.',
    )
  }
  if (!b64) return { signed: serialized, bytes: utf8Encode(serialized) }
  const bytes = decodeCanonicalBase64url(serialized)
  if (bytes === undefined) {
    throw new JotError('TOKEN_MALFORMED', 'The payload is not canonical unpadded base64url.')
  }
  return { signed: serialized, bytes: plainBytes(bytes) }
}

/**
 * Checks the `detachedPayload` option where it is supplied.
 * @throws JotError `OPTION_INVALID`.
 */
export function detachedPayloadOption(value: unknown): string | Uint8Array | undefined {
  if (value === undefined || typeof value === 'string' || value instanceof Uint8Array) return value
  throw new JotError(
    'OPTION_INVALID',
    'The "detachedPayload" option must be a string or a Uint8Array.',
  )
}

/**
 * Builds the JWS signing input: ASCII(BASE64URL(protected header)) || "." || the signed form of
 * the payload (RFC 7515 section 5.1; RFC 7797 section 3 for unencoded payloads). A string is
 * signed as its UTF-8 bytes.
 */
export function signingInput(
  encodedProtected: string,
  signed: string | Uint8Array,
): string | Uint8Array {
  if (typeof signed === 'string') return `${encodedProtected}.${signed}`
  const prefix = utf8Encode(`${encodedProtected}.`)
  const input = new Uint8Array(prefix.length + signed.length)
  input.set(prefix)
  input.set(signed, prefix.length)
  return input
}

// Node.js returns Buffers, a Uint8Array subclass; results hold plain Uint8Arrays so they compare
// equal whatever produced them. The view shares the Buffer's memory rather than copying it.
function plainBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.constructor === Uint8Array) return bytes
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
