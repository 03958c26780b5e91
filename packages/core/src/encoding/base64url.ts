/** Strict base64url (RFC 4648 section 5, unpadded, canonical) and UTF-8 helpers. */
import { JotError } from '../errors.js'

// Node.js and Bun have Buffer, whose native codec is many times faster than a JavaScript loop.
// Browsers and edge runtimes use the portable code below.
interface BufferLike {
  from(
    input: string,
    encoding: 'base64url' | 'utf8',
  ): Uint8Array & { toString(encoding: string): string }
  from(input: Uint8Array): Uint8Array & { toString(encoding: string): string }
  from(
    input: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ): Uint8Array & { toString(encoding: string): string }
  isBuffer(value: unknown): boolean
}
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const VALUES = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i

const utf8Encoder = new TextEncoder()
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Tells whether a string is canonical unpadded base64url: only the URL-safe alphabet, no
 * padding or white space, a length that is not 1 modulo 4, and zero bits after the last byte.
 * Lenient decoders accept all of these variants, so one token could have many spellings.
 */
export function isBase64url(text: string): boolean {
  const length = text.length
  if (length % 4 === 1 || !BASE64URL_PATTERN.test(text)) return false
  if (length === 0) return true
  const last = VALUES[text.charCodeAt(length - 1)] as number
  // Two trailing characters carry one byte and 4 spare bits; three carry two bytes and 2 spare bits.
  if (length % 4 === 2) return (last & 0x0f) === 0
  if (length % 4 === 3) return (last & 0x03) === 0
  return true
}

const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/

/** Encodes bytes as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
  if (NodeBuffer !== undefined) {
    // The cast is sound: isBuffer has just confirmed a Node.js Buffer, such as a signature
    // from node:crypto, which encodes itself without a new view.
    if (NodeBuffer.isBuffer(bytes))
      return (bytes as unknown as NodeBufferText).toString('base64url')
    // A view on the same memory: Buffer.from(bytes) would copy them first.
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')
  }
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63)
    if (b !== undefined) out += ALPHABET.charAt((n >> 6) & 63)
    if (c !== undefined) out += ALPHABET.charAt(n & 63)
  }
  return out
}

/** Encodes a string's UTF-8 bytes as unpadded base64url. */
export function encodeBase64urlString(text: string): string {
  if (NodeBuffer !== undefined) return NodeBuffer.from(text, 'utf8').toString('base64url')
  return encodeBase64url(utf8Encoder.encode(text))
}

/**
 * Decodes canonical base64url.
 * @param what names the decoded part in the error message, such as "header" or "signature".
 * @throws JotError `TOKEN_MALFORMED` when the text is not canonical base64url.
 */
export function decodeBase64url(text: string, what: string): Uint8Array {
  const bytes = decodeCanonicalBase64url(text)
  if (bytes === undefined) {
    throw new JotError('TOKEN_MALFORMED', `The ${what} is not canonical unpadded base64url.`)
  }
  return bytes
}

/**
 * Decodes canonical unpadded base64url, or returns undefined for the text isBase64url rejects.
 */
export function decodeCanonicalBase64url(text: string): Uint8Array | undefined {
  if (NodeBuffer !== undefined) {
    // Buffer's decoder skips characters outside the alphabet, also takes the standard alphabet
    // and padding, and ignores spare bits, but its encoder writes only the canonical form. The
    // text is therefore canonical exactly when its decoded bytes encode back to it, and this
    // round trip costs less than the pattern test plus the decoding. A check of the decoded
    // length is not enough: Node.js 20 reads only the low byte of a UTF-16 code unit, so it
    // decodes "AAAŁ" (U+0141) as "AAAA".
    const bytes = NodeBuffer.from(text, 'base64url')
    return bytes.toString('base64url') === text ? bytes : undefined
  }
  return isBase64url(text) ? decodeCheckedBase64url(text) : undefined
}

/** Decodes text that isBase64url has already accepted. */
export function decodeCheckedBase64url(text: string): Uint8Array {
  if (NodeBuffer !== undefined) return NodeBuffer.from(text, 'base64url')
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let bits = 0
  let value = 0
  let index = 0
  for (let i = 0; i < text.length; i++) {
    value = (value << 6) | (VALUES[text.charCodeAt(i)] as number)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[index++] = (value >> bits) & 0xff
    }
  }
  return out
}

interface NodeBufferInstance {
  toString(encoding: 'utf8'): string
}

interface NodeBufferText {
  toString(encoding: 'base64url'): string
}

function isNodeBuffer(bytes: Uint8Array): boolean {
  return NodeBuffer?.isBuffer(bytes) === true
}

/** Encodes a string as UTF-8 bytes. */
export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text)
}

/**
 * Decodes UTF-8 bytes, rejecting invalid sequences instead of replacing them.
 * @throws JotError `TOKEN_MALFORMED` for invalid UTF-8.
 */
export function utf8Decode(bytes: Uint8Array, what: string): string {
  // Buffer's decoder is faster but replaces invalid sequences with U+FFFD; only text that
  // contains U+FFFD, whether genuine or a replacement, needs the strict decoder.
  if (NodeBuffer !== undefined && isNodeBuffer(bytes)) {
    // The cast is sound: isBuffer has just confirmed a Node.js Buffer.
    const text = (bytes as unknown as NodeBufferInstance).toString('utf8')
    if (!text.includes('\uFFFD')) return text
  }
  try {
    return utf8Decoder.decode(bytes)
  } catch (cause) {
    throw new JotError('TOKEN_MALFORMED', `The ${what} is not valid UTF-8.`, { cause })
  }
}
