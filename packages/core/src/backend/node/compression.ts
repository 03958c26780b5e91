/** Raw DEFLATE (RFC 1951) on node:zlib, for the JWE `zip` parameter. */
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { InflateResult } from '../../jwe/jwe-backend.js'

/** Compresses bytes with raw DEFLATE. */
export function deflate(data: Uint8Array): Uint8Array {
  return deflateRawSync(data)
}

/**
 * Decompresses raw DEFLATE, stopping as soon as the output would pass `maxBytes`, so a zip
 * bomb never allocates more than the cap.
 */
export function inflate(data: Uint8Array, maxBytes: number): InflateResult {
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes })
  } catch (error) {
    const tooLarge =
      error instanceof RangeError && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE'
    return tooLarge ? 'too-large' : 'invalid'
  }
}
