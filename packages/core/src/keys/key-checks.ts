/** Checks that key material fits the algorithm it is bound to, and key hygiene (RFC 8725). */
import { JotError } from '../errors.js'
import { CEK_LENGTHS } from '../jwa/jwe-content-encryption.js'
import type { Curve } from '../jwa/jws-algorithms.js'
import { listAlternatives } from './key-algorithm.js'
import type { KeyAlgorithmInfo } from './key-algorithm.js'
import type { BackendKey } from './key-backend.js'

/** RFC 7518 sections 3.3 and 4.3: RSA keys for RS*, PS* and RSA-OAEP* need at least 2048 bits. */
export const MIN_RSA_BITS = 2048

/** Largest RSA modulus jot imports or generates, which bounds the cost of each operation. */
export const MAX_RSA_BITS = 16384

const MAX_RSA_EXPONENT = 2n ** 32n

/**
 * Checks that a key may be bound to an algorithm. The key type and curve must be the ones the
 * algorithm uses. RSA keys need a large enough modulus and a sound public exponent. HMAC
 * secrets must be at least as long as the hash output, and AES keys exactly as long as the
 * algorithm's key. Direct encryption keys must be as long as some `enc` algorithm's CEK.
 * @throws JotError `KEY_INVALID` or `KEY_UNSUPPORTED`.
 */
export function checkKeyFitsAlgorithm(info: KeyAlgorithmInfo, key: BackendKey): void {
  if (!info.keyTypes.includes(key.kty)) {
    throw new JotError(
      'KEY_INVALID',
      `The algorithm ${info.alg} needs an ${listAlternatives(info.keyTypes)} key, not an ${key.kty} key.`,
    )
  }
  if (key.crv !== undefined) checkCurve(info, key.crv)
  if (key.kty === 'RSA') checkRsaKey(info, key)
  if (key.kty === 'oct') checkSecretLength(info, key.bits / 8)
}

function checkCurve(info: KeyAlgorithmInfo, crv: Curve): void {
  if (!info.curves.includes(crv)) {
    throw new JotError(
      'KEY_INVALID',
      `The algorithm ${info.alg} needs a key on curve ${listAlternatives(info.curves)}, not ${crv}.`,
    )
  }
}

function checkRsaKey(info: KeyAlgorithmInfo, key: BackendKey): void {
  if (key.bits < MIN_RSA_BITS) {
    throw new JotError(
      'KEY_INVALID',
      `The RSA key has a ${key.bits}-bit modulus; ${info.alg} needs at least ${MIN_RSA_BITS} bits.`,
    )
  }
  if (key.bits > MAX_RSA_BITS) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      `RSA keys larger than ${MAX_RSA_BITS} bits are not supported; this one has ${key.bits}.`,
    )
  }
  // e = 1 makes each signature or ciphertext equal to its padded message, an even e has no inverse so no
  // private key can exist, and a huge e makes every verification slow.
  const e = key.publicExponent
  if (e !== undefined && e !== 1n && e % 2n === 1n && e <= MAX_RSA_EXPONENT) return
  throw new JotError(
    'KEY_INVALID',
    `The RSA public exponent ${describeExponent(e)}; it must be odd, greater than 1 and at most 2^32.`,
  )
}

function describeExponent(e: bigint | undefined): string {
  if (e === undefined) return 'is unknown'
  if (e > MAX_RSA_EXPONENT) return 'exceeds 2^32'
  return `is ${String(e)}`
}

function checkSecretLength(info: KeyAlgorithmInfo, bytes: number): void {
  switch (info.family) {
    case 'hmac':
      if (bytes === 0) throw new JotError('KEY_INVALID', 'The HMAC secret is empty.')
      // RFC 7518 section 3.2: a key shorter than the hash output weakens the MAC, and short,
      // password-like secrets fall to offline guessing from a single token.
      if (bytes < info.secretBytes) {
        throw new JotError(
          'KEY_INVALID',
          `The HMAC secret is ${bytes} bytes long; ${info.alg} needs at least ${info.secretBytes} bytes, the size of its hash output.`,
        )
      }
      return
    case 'aes-kw':
    case 'aes-gcm-kw':
      if (bytes !== info.secretBytes) {
        throw new JotError(
          'KEY_INVALID',
          `The AES key is ${bytes} bytes long; ${info.alg} needs exactly ${info.secretBytes} bytes.`,
        )
      }
      return
    case 'dir':
      // The key is the CEK itself, so it must have the length of some enc algorithm's CEK; the
      // exact length is checked against the token's enc when the key is used.
      if (!CEK_LENGTHS.includes(bytes)) {
        throw new JotError(
          'KEY_INVALID',
          `The direct encryption key is ${bytes} bytes long; dir needs ${listAlternatives(CEK_LENGTHS.map(String))} bytes, the CEK length of an enc algorithm.`,
        )
      }
      return
    case 'pbes2':
      // A PBES2 key is a password a person chose; PBKDF2 accepts any length, so only an empty
      // one is refused.
      if (bytes === 0) throw new JotError('KEY_INVALID', 'The PBES2 password is empty.')
      return
    // Algorithms of asymmetric keys: the key type check has already refused an oct key.
    case 'rsa-pkcs1':
    case 'rsa-pss':
    case 'rsa-oaep':
    case 'ecdsa':
    case 'eddsa':
    case 'ecdh-es':
    case 'ecdh-es-kw':
      return
  }
}
