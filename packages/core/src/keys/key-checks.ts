/** Checks that key material fits the algorithm it is bound to, and key hygiene (RFC 8725). */
import { JotError } from '../errors.js'
import type { Curve, JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import { hasJwsAlgorithm } from './curves.js'
import type { BackendKey } from './key-backend.js'

/** RFC 7518 section 3.3: RSA keys for RS* and PS* must have at least 2048 bits. */
export const MIN_RSA_BITS = 2048

/** Largest RSA modulus jot imports or generates, which bounds the cost of each operation. */
export const MAX_RSA_BITS = 16384

const MAX_RSA_EXPONENT = 2n ** 32n

/**
 * Checks that a key may be bound to an algorithm. The key type and curve must be the ones the
 * algorithm uses. RSA keys need a large enough modulus and a sound public exponent, and HMAC
 * secrets must be at least as long as the hash output.
 * @throws JotError `KEY_INVALID` or `KEY_UNSUPPORTED`.
 */
export function checkKeyFitsAlgorithm(entry: JwsAlgorithmEntry, key: BackendKey): void {
  if (key.kty !== entry.kty) {
    throw new JotError(
      'KEY_INVALID',
      `The algorithm ${entry.alg} needs an ${entry.kty} key, not an ${key.kty} key.`,
    )
  }
  if (key.crv !== undefined) checkCurve(entry, key.crv)
  if (key.kty === 'RSA') checkRsaKey(entry, key)
  if (key.kty === 'oct') checkSecretLength(entry, key)
}

function checkCurve(entry: JwsAlgorithmEntry, crv: Curve): void {
  if (!hasJwsAlgorithm(crv)) {
    // NOTE: X25519 and X448 serve ECDH-ES key agreement, which jot does not implement yet.
    throw new JotError(
      'KEY_UNSUPPORTED',
      `No JWS algorithm uses ${crv} keys, and jot does not support key agreement yet.`,
    )
  }
  if (!entry.curves.includes(crv)) {
    throw new JotError(
      'KEY_INVALID',
      `The algorithm ${entry.alg} needs a key on curve ${entry.curves.join(' or ')}, not ${crv}.`,
    )
  }
}

function checkRsaKey(entry: JwsAlgorithmEntry, key: BackendKey): void {
  if (key.bits < MIN_RSA_BITS) {
    throw new JotError(
      'KEY_INVALID',
      `The RSA key has a ${key.bits}-bit modulus; ${entry.alg} needs at least ${MIN_RSA_BITS} bits.`,
    )
  }
  if (key.bits > MAX_RSA_BITS) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      `RSA keys larger than ${MAX_RSA_BITS} bits are not supported; this one has ${key.bits}.`,
    )
  }
  // e = 1 makes each signature equal to its padded message, an even e has no inverse so no
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

function checkSecretLength(entry: JwsAlgorithmEntry, key: BackendKey): void {
  const bytes = key.bits / 8
  if (bytes === 0) throw new JotError('KEY_INVALID', 'The HMAC secret is empty.')
  // RFC 7518 section 3.2: a key shorter than the hash output weakens the MAC, and short,
  // password-like secrets fall to offline guessing from a single token.
  if (bytes < entry.minSecretBytes) {
    throw new JotError(
      'KEY_INVALID',
      `The HMAC secret is ${bytes} bytes long; ${entry.alg} needs at least ${entry.minSecretBytes} bytes, the size of its hash output.`,
    )
  }
}
