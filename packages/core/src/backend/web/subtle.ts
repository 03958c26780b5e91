/** Access to Web Crypto (crypto.subtle) and the conversions the web backend shares. */
import { JotError } from '../../errors.js'
import type { HashName } from '../../jwa/jws-algorithms.js'

const HASH_NAMES: Readonly<Record<HashName, string>> = {
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
}

/** The Web Crypto name of a hash. */
export function webHashName(hash: HashName): string {
  return HASH_NAMES[hash]
}

/**
 * Returns the runtime's SubtleCrypto.
 * @throws JotError `ALG_UNSUPPORTED` when the runtime has none (an insecure browser context).
 */
export function subtle(): SubtleCrypto {
  const found = (globalThis as { crypto?: Crypto }).crypto?.subtle
  if (found !== undefined) return found
  throw new JotError(
    'ALG_UNSUPPORTED',
    'The Web Crypto backend needs crypto.subtle, which this runtime does not provide; browsers offer it only in secure contexts (https or localhost).',
  )
}

/** Fills a new array with cryptographically strong random bytes. */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65_536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65_536)))
  }
  return bytes
}

/**
 * Returns bytes as a view on a plain ArrayBuffer, which Web Crypto requires; a view on a
 * SharedArrayBuffer is copied.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>
  return new Uint8Array(bytes)
}

/** Tells whether Web Crypto rejected an algorithm or curve rather than the key data. */
export function isNotSupported(error: unknown): boolean {
  return error instanceof Error && error.name === 'NotSupportedError'
}
