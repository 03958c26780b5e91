/** The algorithms a key can be bound to, JWS and JWE alike, as the key functions see them. */
import { JotError } from '../errors.js'
import { isJweContentEncryptionAlgorithm } from '../jwa/jwe-content-encryption.js'
import {
  getJweKeyManagementAlgorithm,
  isJweKeyManagementAlgorithm,
} from '../jwa/jwe-key-management.js'
import type { JweKeyManagementFamily } from '../jwa/jwe-key-management.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { Curve, JwsFamily, KeyType } from '../jwa/jws-algorithms.js'
import type { KeyAlgorithm } from './key.js'

/** Facts about the algorithm a key is bound to, as the key functions use them. */
export interface KeyAlgorithmInfo {
  readonly alg: KeyAlgorithm
  readonly family: JwsFamily | JweKeyManagementFamily
  /** `sig` for JWS algorithms, `enc` for JWE key management algorithms. */
  readonly use: 'sig' | 'enc'
  readonly keyTypes: readonly KeyType[]
  /** Curves a key may have; empty for RSA and oct keys. */
  readonly curves: readonly Curve[]
  /**
   * For oct keys: the minimum length of an HMAC secret, or the exact length of an AES key, in
   * bytes. 0 where any length goes (PBES2 passwords) or the length depends on `enc` (dir).
   */
  readonly secretBytes: number
}

/**
 * Looks up the algorithm a key is to be bound to, in the JWS registry or the JWE key
 * management registry.
 * @throws JotError `ALG_NOT_ALLOWED` for `none`; `ALG_UNSUPPORTED` for `RSA1_5`, for a
 *   content encryption (`enc`) name, and for unknown names.
 */
export function getKeyAlgorithm(alg: unknown): KeyAlgorithmInfo {
  if (isJweKeyManagementAlgorithm(alg) || alg === 'RSA1_5') {
    const entry = getJweKeyManagementAlgorithm(alg)
    const { family, keyTypes, curves, wrappingKeyBytes } = entry
    const secretBytes = family === 'aes-kw' || family === 'aes-gcm-kw' ? wrappingKeyBytes : 0
    return { alg: entry.alg, family, use: 'enc', keyTypes, curves, secretBytes }
  }
  if (isJweContentEncryptionAlgorithm(alg)) {
    // RFC 7520 section 5.6 labels a direct encryption key with its enc; jot binds it to dir.
    throw new JotError(
      'ALG_UNSUPPORTED',
      `"${alg}" is a JWE content encryption algorithm (enc), not a key algorithm; bind a key for direct encryption to "dir".`,
    )
  }
  const entry = getJwsAlgorithm(alg)
  return {
    alg: entry.alg,
    family: entry.family,
    use: 'sig',
    keyTypes: [entry.kty],
    curves: entry.curves,
    secretBytes: entry.minSecretBytes,
  }
}

/** Joins names as "A", "A or B", or "A, B or C" for a message. */
export function listAlternatives(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' or ')
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`
}
