/** JWE key encryption on node:crypto: AES Key Wrap (RFC 3394), RSA-OAEP and PBKDF2 for PBES2. */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  pbkdf2Sync,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { OaepHashName } from '../../jwa/jwe-key-management.js'
import type { HashName } from '../../jwa/jws-algorithms.js'
import type { SecretInput } from './content-cipher.js'

// RFC 3394 section 2.2.3.1: the default initial value of AES Key Wrap.
const KEY_WRAP_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex')

function wrapName(kek: SecretInput): string {
  const bytes = kek instanceof Uint8Array ? kek.length : (kek.symmetricKeySize ?? 0)
  return `id-aes${bytes * 8}-wrap`
}

/** Wraps a key with AES Key Wrap; the KEK length (16, 24 or 32 bytes) picks AES. */
export function aesKeyWrap(kek: SecretInput, key: Uint8Array): Uint8Array {
  const cipher = createCipheriv(wrapName(kek), kek, KEY_WRAP_IV)
  return Buffer.concat([cipher.update(key), cipher.final()])
}

/** Unwraps AES Key Wrap; undefined when the integrity check fails or the input is unusable. */
export function aesKeyUnwrap(kek: SecretInput, wrapped: Uint8Array): Uint8Array | undefined {
  try {
    const decipher = createDecipheriv(wrapName(kek), kek, KEY_WRAP_IV)
    return Buffer.concat([decipher.update(wrapped), decipher.final()])
  } catch {
    return undefined
  }
}

/** Encrypts a key with RSAES-OAEP, MGF1 using the same hash (RFC 7518 section 4.3). */
export function rsaOaepEncrypt(hash: OaepHashName, key: KeyObject, data: Uint8Array): Uint8Array {
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data)
}

/** Decrypts RSAES-OAEP; undefined for any failure, whatever OpenSSL reports. */
export function rsaOaepDecrypt(
  hash: OaepHashName,
  key: KeyObject,
  data: Uint8Array,
): Uint8Array | undefined {
  try {
    return privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data)
  } catch {
    return undefined
  }
}

/**
 * Derives a key with PBKDF2 and HMAC-SHA-2 (RFC 8018 section 5.2).
 * NOTE: this runs synchronously, so a call blocks the event loop for as long as `iterations`
 * takes; the caller bounds `iterations` before calling.
 */
export function pbkdf2(
  hash: HashName,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Uint8Array {
  return pbkdf2Sync(password, salt, iterations, length, hash)
}
