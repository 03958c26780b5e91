/** JWE content encryption on Web Crypto: AES-GCM and AES-CBC with HMAC-SHA-2 (RFC 7518 section 5). */
import { JotError } from '../../errors.js'
import type { HashName } from '../../jwa/jws-algorithms.js'
import type { SealedContent } from '../../jwe/jwe-backend.js'
import { importSecretKey, secretBytes } from './secret-key.js'
import { bufferSource, subtle, webHashName } from './subtle.js'

const GCM_TAG_BYTES = 16
const AES_KEY_BYTES: ReadonlySet<number> = new Set([16, 24, 32])

function gcmKey(key: unknown, purpose: string): Promise<CryptoKey> {
  return importSecretKey(key, {
    cacheName: 'AES-GCM',
    algorithm: 'AES-GCM',
    usages: ['encrypt', 'decrypt'],
    purpose,
  })
}

/**
 * Encrypts with AES-GCM and a 128-bit tag; the key length (16, 24 or 32 bytes) picks AES.
 * @param purpose the `enc` or `alg` name, for the error when the runtime lacks the key size.
 * @throws JotError `KEY_INVALID` for another key length; `ALG_UNSUPPORTED`.
 */
export async function gcmEncrypt(
  key: unknown,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  purpose: string,
): Promise<SealedContent> {
  if (!AES_KEY_BYTES.has(secretBytes(key).length)) {
    throw new JotError('KEY_INVALID', 'AES-GCM needs a key of 16, 24 or 32 bytes.')
  }
  const cryptoKey = await gcmKey(key, purpose)
  const params = { name: 'AES-GCM', iv: bufferSource(iv), additionalData: bufferSource(aad) }
  // Web Crypto appends the tag to the ciphertext.
  const sealed = new Uint8Array(await subtle().encrypt(params, cryptoKey, bufferSource(plaintext)))
  const split = sealed.length - GCM_TAG_BYTES
  return { ciphertext: sealed.subarray(0, split), tag: sealed.subarray(split) }
}

/**
 * Decrypts AES-GCM; undefined when the tag does not verify or the input is unusable.
 * @throws JotError `ALG_UNSUPPORTED` when the runtime lacks the key size.
 */
export async function gcmDecrypt(
  key: unknown,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
  purpose: string,
): Promise<Uint8Array | undefined> {
  // Only the full 128-bit tag of RFC 7518 section 5.3 is taken: Web Crypto would accept a
  // shorter one given a matching tagLength, and that weakens the authentication.
  if (tag.length !== GCM_TAG_BYTES || !AES_KEY_BYTES.has(secretBytes(key).length)) return undefined
  const cryptoKey = await gcmKey(key, purpose)
  const sealed = new Uint8Array(ciphertext.length + tag.length)
  sealed.set(ciphertext)
  sealed.set(tag, ciphertext.length)
  const params = { name: 'AES-GCM', iv: bufferSource(iv), additionalData: bufferSource(aad) }
  try {
    return new Uint8Array(await subtle().decrypt(params, cryptoKey, sealed))
  } catch {
    return undefined
  }
}

// The CEK is MAC_KEY || ENC_KEY of equal halves (RFC 7518 section 5.2.2.1).
function cbcKeys(
  hash: HashName,
  cek: unknown,
  purpose: string,
): Promise<[mac: CryptoKey, enc: CryptoKey]> {
  const mac = importSecretKey(cek, {
    cacheName: `CBC-HMAC:${hash}:mac`,
    algorithm: { name: 'HMAC', hash: webHashName(hash) },
    usages: ['sign'],
    purpose,
    part: (bytes) => bytes.subarray(0, bytes.length / 2),
  })
  const enc = importSecretKey(cek, {
    cacheName: `CBC-HMAC:${hash}:enc`,
    algorithm: 'AES-CBC',
    usages: ['encrypt', 'decrypt'],
    purpose,
    part: (bytes) => bytes.subarray(bytes.length / 2),
  })
  return Promise.all([mac, enc])
}

// RFC 7518 section 5.2.2.1: M = HMAC(MAC_KEY, A || IV || E || AL), where AL is the bit length
// of A as a 64-bit big-endian integer, and T is the first half of M.
async function cbcTag(
  macKey: CryptoKey,
  tagBytes: number,
  aad: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array> {
  const input = new Uint8Array(aad.length + iv.length + ciphertext.length + 8)
  input.set(aad)
  input.set(iv, aad.length)
  input.set(ciphertext, aad.length + iv.length)
  new DataView(input.buffer).setBigUint64(input.length - 8, BigInt(aad.length) * 8n)
  const mac = new Uint8Array(await subtle().sign('HMAC', macKey, input))
  return mac.subarray(0, tagBytes)
}

/**
 * Compares two byte arrays without an early exit, so the time taken does not show where a
 * forged tag first differs.
 * NOTE: JavaScript promises no constant-time execution. This loop has no data-dependent branch,
 * which is as close as Web Crypto allows, because its HMAC verify cannot check a truncated tag.
 */
function equalBytes(expected: Uint8Array, actual: Uint8Array): boolean {
  if (expected.length !== actual.length) return false
  let difference = 0
  for (let index = 0; index < expected.length; index++) {
    difference |= (expected[index] ?? 0) ^ (actual[index] ?? 0)
  }
  return difference === 0
}

/**
 * Encrypts with AES-CBC-HMAC-SHA-2; the CEK is MAC_KEY || ENC_KEY of equal halves.
 * @throws JotError `ALG_UNSUPPORTED` when the runtime lacks the AES key size.
 */
export async function cbcHmacEncrypt(
  hash: HashName,
  cek: unknown,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  purpose: string,
): Promise<SealedContent> {
  const [macKey, encKey] = await cbcKeys(hash, cek, purpose)
  const params = { name: 'AES-CBC', iv: bufferSource(iv) }
  const ciphertext = new Uint8Array(await subtle().encrypt(params, encKey, bufferSource(plaintext)))
  const tagBytes = secretBytes(cek).length / 2
  return { ciphertext, tag: await cbcTag(macKey, tagBytes, aad, iv, ciphertext) }
}

/**
 * Decrypts AES-CBC-HMAC-SHA-2; undefined when the tag or the padding is wrong. The tag is
 * checked first, so the padding check, which Web Crypto makes while decrypting, can never act
 * as an oracle (RFC 7518 section 5.2.2.2).
 * @throws JotError `ALG_UNSUPPORTED` when the runtime lacks the AES key size.
 */
export async function cbcHmacDecrypt(
  hash: HashName,
  cek: unknown,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
  purpose: string,
): Promise<Uint8Array | undefined> {
  const [macKey, encKey] = await cbcKeys(hash, cek, purpose)
  const tagBytes = secretBytes(cek).length / 2
  const expected = await cbcTag(macKey, tagBytes, aad, iv, ciphertext)
  if (!equalBytes(expected, tag)) return undefined
  try {
    const params = { name: 'AES-CBC', iv: bufferSource(iv) }
    return new Uint8Array(await subtle().decrypt(params, encKey, bufferSource(ciphertext)))
  } catch {
    return undefined
  }
}
