/** JWS signatures on node:crypto: one-shot sign and verify calls with prepared KeyObjects. */
import { createHmac, constants, sign, timingSafeEqual, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { SignatureBackend } from '../types.js'
import type { JwsAlgorithmEntry } from '../../jwa/jws-algorithms.js'
import { keyHandle } from '../../keys/key.js'
import type { JotKey } from '../../keys/key.js'

type SignKeyInput =
  | KeyObject
  | { key: KeyObject; dsaEncoding: 'ieee-p1363' }
  | { key: KeyObject; padding: number; saltLength: number }

// RFC 7518 section 3.5: PSS uses MGF1 with the same hash and a salt as long as the hash output.
const PSS_SALT_BYTES = { sha256: 32, sha384: 48, sha512: 64 } as const

function signKeyInput(entry: JwsAlgorithmEntry, handle: KeyObject): SignKeyInput {
  switch (entry.family) {
    case 'ecdsa':
      // JWS carries R || S of fixed width (RFC 7518 section 3.4), not DER.
      return { key: handle, dsaEncoding: 'ieee-p1363' }
    case 'rsa-pss':
      return {
        key: handle,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: PSS_SALT_BYTES[entry.hash ?? 'sha256'],
      }
    case 'rsa-pkcs1':
    case 'eddsa':
    case 'hmac':
      return handle
  }
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data
}

/** Computes an HMAC; exported for the prepared signer's fast path. */
export function hmac(
  entry: JwsAlgorithmEntry,
  handle: KeyObject,
  data: string | Uint8Array,
): Buffer {
  return createHmac(entry.hash ?? 'sha256', handle)
    .update(data)
    .digest()
}

export const nodeSignatureBackend: SignatureBackend = {
  name: 'node',

  sign(entry, key, data) {
    const handle = key[keyHandle] as KeyObject
    if (entry.family === 'hmac') return hmac(entry, handle, data)
    return sign(entry.hash, toBytes(data), signKeyInput(entry, handle))
  },

  verify(entry, key: JotKey, data, signature) {
    const handle = key[keyHandle] as KeyObject
    if (entry.family === 'hmac') {
      const expected = hmac(entry, handle, data)
      return expected.length === signature.length && timingSafeEqual(expected, signature)
    }
    // A fixed-width signature of the wrong size is malformed; OpenSSL would also refuse it,
    // but checking first keeps the answer independent of OpenSSL's parsing.
    if (entry.signatureBytes !== 0 && signature.length !== entry.signatureBytes) return false
    return verify(entry.hash, toBytes(data), signKeyInput(entry, handle), signature)
  },
}
