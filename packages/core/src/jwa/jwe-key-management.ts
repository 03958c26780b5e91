/** The registry of JWE key management algorithms, the `alg` of a JWE (RFC 7518 section 4, RFC 8037). */
import { JotError } from '../errors.js'
import type { Curve, HashName, KeyType } from './jws-algorithms.js'

export type JweKeyManagementAlgorithm =
  | 'RSA-OAEP'
  | 'RSA-OAEP-256'
  | 'RSA-OAEP-384'
  | 'RSA-OAEP-512'
  | 'A128KW'
  | 'A192KW'
  | 'A256KW'
  | 'dir'
  | 'ECDH-ES'
  | 'ECDH-ES+A128KW'
  | 'ECDH-ES+A192KW'
  | 'ECDH-ES+A256KW'
  | 'A128GCMKW'
  | 'A192GCMKW'
  | 'A256GCMKW'
  | 'PBES2-HS256+A128KW'
  | 'PBES2-HS384+A192KW'
  | 'PBES2-HS512+A256KW'

/**
 * Kinds of key management, by the way they produce the content encryption key (CEK) and the
 * JWE Encrypted Key:
 * - `rsa-oaep`: a random CEK encrypted to an RSA public key;
 * - `aes-kw`: a random CEK wrapped with AES Key Wrap (RFC 3394) under a shared key;
 * - `dir`: the shared key is the CEK and the Encrypted Key is empty;
 * - `ecdh-es`: the CEK is agreed with ECDH on an ephemeral key, and the Encrypted Key is empty;
 * - `ecdh-es-kw`: a key agreed with ECDH wraps a random CEK with AES Key Wrap;
 * - `aes-gcm-kw`: a random CEK encrypted with AES-GCM under a shared key;
 * - `pbes2`: a key derived from a password with PBKDF2 wraps a random CEK with AES Key Wrap.
 */
export type JweKeyManagementFamily =
  'rsa-oaep' | 'aes-kw' | 'dir' | 'ecdh-es' | 'ecdh-es-kw' | 'aes-gcm-kw' | 'pbes2'

/** Hash functions of RSA-OAEP; SHA-1 serves only as OAEP's mask hash in `RSA-OAEP`. */
export type OaepHashName = 'sha1' | HashName

/** Everything the code needs to know about one JWE key management algorithm. */
export interface JweKeyManagementEntry {
  readonly alg: JweKeyManagementAlgorithm
  readonly family: JweKeyManagementFamily
  /** Key types a key may have for this algorithm: EC or OKP for ECDH-ES, one type otherwise. */
  readonly keyTypes: readonly KeyType[]
  /** Curves a key may have; empty for RSA and oct keys. */
  readonly curves: readonly Curve[]
  /** OAEP hash for RSA-OAEP, PRF hash for PBES2; null otherwise. */
  readonly hash: OaepHashName | null
  /**
   * Size in bytes of the AES key that wraps the CEK: the key itself for AES Key Wrap and
   * AES-GCM key wrap, the derived key for ECDH-ES+A*KW and PBES2. 0 for RSA-OAEP, dir and ECDH-ES.
   */
  readonly wrappingKeyBytes: number
}

// RFC 7518 section 4.6 names the NIST curves; RFC 8037 section 3.2 adds X25519 and X448.
const ECDH_CURVES: readonly Curve[] = ['P-256', 'P-384', 'P-521', 'X25519', 'X448']

function entry(
  alg: JweKeyManagementAlgorithm,
  family: JweKeyManagementFamily,
  hash: OaepHashName | null,
  wrappingKeyBytes: number,
): JweKeyManagementEntry {
  let keyTypes: readonly KeyType[] = ['oct']
  let curves: readonly Curve[] = []
  if (family === 'rsa-oaep') keyTypes = ['RSA']
  if (family === 'ecdh-es' || family === 'ecdh-es-kw') {
    keyTypes = ['EC', 'OKP']
    curves = ECDH_CURVES
  }
  return Object.freeze({ alg, family, keyTypes, curves, hash, wrappingKeyBytes })
}

const ENTRIES: readonly JweKeyManagementEntry[] = [
  entry('RSA-OAEP', 'rsa-oaep', 'sha1', 0),
  entry('RSA-OAEP-256', 'rsa-oaep', 'sha256', 0),
  entry('RSA-OAEP-384', 'rsa-oaep', 'sha384', 0),
  entry('RSA-OAEP-512', 'rsa-oaep', 'sha512', 0),
  entry('A128KW', 'aes-kw', null, 16),
  entry('A192KW', 'aes-kw', null, 24),
  entry('A256KW', 'aes-kw', null, 32),
  entry('dir', 'dir', null, 0),
  entry('ECDH-ES', 'ecdh-es', null, 0),
  entry('ECDH-ES+A128KW', 'ecdh-es-kw', null, 16),
  entry('ECDH-ES+A192KW', 'ecdh-es-kw', null, 24),
  entry('ECDH-ES+A256KW', 'ecdh-es-kw', null, 32),
  entry('A128GCMKW', 'aes-gcm-kw', null, 16),
  entry('A192GCMKW', 'aes-gcm-kw', null, 24),
  entry('A256GCMKW', 'aes-gcm-kw', null, 32),
  entry('PBES2-HS256+A128KW', 'pbes2', 'sha256', 16),
  entry('PBES2-HS384+A192KW', 'pbes2', 'sha384', 24),
  entry('PBES2-HS512+A256KW', 'pbes2', 'sha512', 32),
]

const BY_ALG = new Map<string, JweKeyManagementEntry>(ENTRIES.map((e) => [e.alg, e]))

/** Every supported JWE key management algorithm name. */
export const JWE_KEY_MANAGEMENT_ALGORITHMS: readonly JweKeyManagementAlgorithm[] = ENTRIES.map(
  (e) => e.alg,
)

/** Tells whether a value names a supported JWE key management algorithm. */
export function isJweKeyManagementAlgorithm(value: unknown): value is JweKeyManagementAlgorithm {
  return typeof value === 'string' && BY_ALG.has(value)
}

/**
 * Looks up a JWE key management algorithm.
 * @throws JotError `ALG_NOT_ALLOWED` for `none`; `ALG_UNSUPPORTED` for `RSA1_5`, with the
 *   reason, and for any other unknown name.
 */
export function getJweKeyManagementAlgorithm(alg: unknown): JweKeyManagementEntry {
  const found = typeof alg === 'string' ? BY_ALG.get(alg) : undefined
  if (found !== undefined) return found
  if (alg === 'none') {
    throw new JotError('ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.')
  }
  if (alg === 'RSA1_5') {
    // RFC 8725 section 3.2: PKCS #1 v1.5 encryption is open to padding oracle attacks
    // (Bleichenbacher's attack, and its timing variants), so jot neither makes nor reads it.
    throw new JotError(
      'ALG_UNSUPPORTED',
      'The JWE algorithm "RSA1_5" is not supported: RSAES-PKCS1-v1_5 is open to padding oracle attacks (RFC 8725 section 3.2); use RSA-OAEP-256.',
    )
  }
  const shown = typeof alg === 'string' ? `"${alg.slice(0, 32)}"` : typeof alg
  throw new JotError('ALG_UNSUPPORTED', `The JWE algorithm ${shown} is not supported.`)
}
