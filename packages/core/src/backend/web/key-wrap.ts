/** JWE key encryption on Web Crypto: AES Key Wrap (RFC 3394), RSA-OAEP and PBKDF2 for PBES2. */
import type { OaepHashName } from '../../jwa/jwe-key-management.js'
import type { HashName } from '../../jwa/jws-algorithms.js'
import { importCryptoKey, webHandle } from './key-handle.js'
import { importSecretKey } from './secret-key.js'
import { bufferSource, subtle, webHashName } from './subtle.js'

// Web Crypto wraps CryptoKeys, not bytes, so a CEK travels as an HMAC key: HMAC takes raw keys
// of any length, which covers every CEK size from 16 to 64 bytes.
const CEK_ALGORITHM: HmacImportParams = { name: 'HMAC', hash: 'SHA-256' }

const OAEP_HASH_NAMES: Readonly<Record<OaepHashName, string>> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
}

function keyWrapKey(kek: unknown): Promise<CryptoKey> {
  return importSecretKey(kek, {
    cacheName: 'AES-KW',
    algorithm: 'AES-KW',
    usages: ['wrapKey', 'unwrapKey'],
    purpose: 'AES Key Wrap with a 192-bit key (A192KW, ECDH-ES+A192KW, PBES2-HS384+A192KW)',
  })
}

/**
 * Wraps a key with AES Key Wrap; the KEK length (16, 24 or 32 bytes) picks AES.
 * @throws JotError `ALG_UNSUPPORTED` when the runtime lacks the KEK size.
 */
export async function aesKeyWrap(kek: unknown, key: Uint8Array): Promise<Uint8Array> {
  const wrappingKey = await keyWrapKey(kek)
  const content = await subtle().importKey('raw', bufferSource(key), CEK_ALGORITHM, true, ['sign'])
  return new Uint8Array(await subtle().wrapKey('raw', content, wrappingKey, 'AES-KW'))
}

/**
 * Unwraps AES Key Wrap; undefined when the integrity check fails or the input is unusable.
 * @throws JotError `ALG_UNSUPPORTED` when the runtime lacks the KEK size.
 */
export async function aesKeyUnwrap(
  kek: unknown,
  wrapped: Uint8Array,
): Promise<Uint8Array | undefined> {
  const unwrappingKey = await keyWrapKey(kek)
  try {
    const key = await subtle().unwrapKey(
      'raw',
      bufferSource(wrapped),
      unwrappingKey,
      'AES-KW',
      CEK_ALGORITHM,
      true,
      ['sign'],
    )
    return new Uint8Array(await subtle().exportKey('raw', key))
  } catch {
    return undefined
  }
}

function oaepKey(hash: OaepHashName, handle: unknown, usage: 'encrypt' | 'decrypt') {
  const algorithm = { name: 'RSA-OAEP', hash: OAEP_HASH_NAMES[hash] }
  // Encryption takes the public members even of a private key, as Web Crypto requires.
  const usePublic = usage === 'encrypt'
  return importCryptoKey(
    webHandle(handle),
    `RSA-OAEP:${hash}:${usage}`,
    algorithm,
    [usage],
    usePublic,
  )
}

/**
 * Encrypts a key with RSAES-OAEP, MGF1 using the same hash (RFC 7518 section 4.3).
 * @throws JotError `KEY_INVALID` or `KEY_UNSUPPORTED` when Web Crypto rejects the key.
 */
export async function rsaOaepEncrypt(
  hash: OaepHashName,
  handle: unknown,
  data: Uint8Array,
): Promise<Uint8Array> {
  const key = await oaepKey(hash, handle, 'encrypt')
  return new Uint8Array(await subtle().encrypt('RSA-OAEP', key, bufferSource(data)))
}

/**
 * Decrypts RSAES-OAEP; undefined for any failure of the decryption itself.
 * @throws JotError `KEY_INVALID` or `KEY_UNSUPPORTED` when Web Crypto rejects the key.
 */
export async function rsaOaepDecrypt(
  hash: OaepHashName,
  handle: unknown,
  data: Uint8Array,
): Promise<Uint8Array | undefined> {
  const key = await oaepKey(hash, handle, 'decrypt')
  try {
    return new Uint8Array(await subtle().decrypt('RSA-OAEP', key, bufferSource(data)))
  } catch {
    return undefined
  }
}

/**
 * Derives a key with PBKDF2 and HMAC-SHA-2 (RFC 8018 section 5.2). The caller bounds
 * `iterations` before calling.
 */
export async function pbkdf2(
  hash: HashName,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', bufferSource(password), 'PBKDF2', false, [
    'deriveBits',
  ])
  const params = { name: 'PBKDF2', hash: webHashName(hash), salt: bufferSource(salt), iterations }
  return new Uint8Array(await subtle().deriveBits(params, key, length * 8))
}
