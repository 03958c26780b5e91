/** JWE content encryption on node:crypto: AES-GCM and AES-CBC with HMAC-SHA-2 (RFC 7518 section 5). */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto'
import type { CipherGCMTypes, KeyObject } from 'node:crypto'
import { JotError } from '../../errors.js'
import type { HashName } from '../../jwa/jws-algorithms.js'
import type { SealedContent } from '../../jwe/jwe-backend.js'

/** A secret key: raw bytes, or a secret KeyObject that this backend imported. */
export type SecretInput = Uint8Array | KeyObject

const GCM_TAG_BYTES = 16

function byteLength(key: SecretInput): number {
  return key instanceof Uint8Array ? key.length : (key.symmetricKeySize ?? 0)
}

const GCM_NAMES: Readonly<Record<number, CipherGCMTypes>> = {
  16: 'aes-128-gcm',
  24: 'aes-192-gcm',
  32: 'aes-256-gcm',
}

function gcmName(key: SecretInput): CipherGCMTypes | undefined {
  return GCM_NAMES[byteLength(key)]
}

/** Encrypts with AES-GCM and a 128-bit tag; the key length (16, 24 or 32 bytes) picks AES. */
export function gcmEncrypt(
  key: SecretInput,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): SealedContent {
  const name = gcmName(key)
  if (name === undefined) {
    throw new JotError('KEY_INVALID', 'AES-GCM needs a key of 16, 24 or 32 bytes.')
  }
  const cipher = createCipheriv(name, key, iv, { authTagLength: GCM_TAG_BYTES })
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { ciphertext, tag: cipher.getAuthTag() }
}

/** Decrypts AES-GCM; undefined when the tag does not verify or the input is unusable. */
export function gcmDecrypt(
  key: SecretInput,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): Uint8Array | undefined {
  // A shorter tag would be accepted by OpenSSL and weakens the authentication, so only the
  // full 128-bit tag of RFC 7518 section 5.3 is taken.
  const name = gcmName(key)
  if (tag.length !== GCM_TAG_BYTES || name === undefined) return undefined
  try {
    const decipher = createDecipheriv(name, key, iv, { authTagLength: GCM_TAG_BYTES })
    decipher.setAAD(aad)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch {
    return undefined
  }
}

function toBytes(key: SecretInput): Uint8Array {
  return key instanceof Uint8Array ? key : key.export()
}

// RFC 7518 section 5.2.2.1: M = HMAC(MAC_KEY, A || IV || E || AL), where AL is the bit length
// of A as a 64-bit big-endian integer, and T is the first half of M.
function cbcTag(
  hash: HashName,
  macKey: Uint8Array,
  aad: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Buffer {
  const al = Buffer.alloc(8)
  al.writeBigUInt64BE(BigInt(aad.length) * 8n)
  const mac = createHmac(hash, macKey).update(aad).update(iv).update(ciphertext).update(al).digest()
  return mac.subarray(0, macKey.length)
}

/** Encrypts with AES-CBC-HMAC-SHA-2; the CEK is MAC_KEY || ENC_KEY of equal halves. */
export function cbcHmacEncrypt(
  hash: HashName,
  cek: SecretInput,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): SealedContent {
  const bytes = toBytes(cek)
  const half = bytes.length / 2
  const cipher = createCipheriv(`aes-${half * 8}-cbc`, bytes.subarray(half), iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { ciphertext, tag: cbcTag(hash, bytes.subarray(0, half), aad, iv, ciphertext) }
}

/**
 * Decrypts AES-CBC-HMAC-SHA-2; undefined when the tag or the padding is wrong. The tag is
 * compared in constant time and checked before any decryption, so the padding check can never
 * act as an oracle (RFC 7518 section 5.2.2.2).
 */
export function cbcHmacDecrypt(
  hash: HashName,
  cek: SecretInput,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): Uint8Array | undefined {
  const bytes = toBytes(cek)
  const half = bytes.length / 2
  const expected = cbcTag(hash, bytes.subarray(0, half), aad, iv, ciphertext)
  if (tag.length !== expected.length || !timingSafeEqual(expected, tag)) return undefined
  try {
    const decipher = createDecipheriv(`aes-${half * 8}-cbc`, bytes.subarray(half), iv)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch {
    return undefined
  }
}
