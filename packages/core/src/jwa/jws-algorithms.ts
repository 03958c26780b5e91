/** The registry of JWS algorithms (RFC 7518 section 3, RFC 8037, RFC 8812, fully specified EdDSA). */
import { JotError } from '../errors.js'

export type JwsAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'ES256K'
  | 'EdDSA'
  | 'Ed25519'
  | 'Ed448'

export type KeyType = 'oct' | 'RSA' | 'EC' | 'OKP'
export type EcCurve = 'P-256' | 'P-384' | 'P-521' | 'secp256k1'
export type OkpCurve = 'Ed25519' | 'Ed448' | 'X25519' | 'X448'
export type Curve = EcCurve | OkpCurve
export type HashName = 'sha256' | 'sha384' | 'sha512'

export type JwsFamily = 'hmac' | 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa' | 'eddsa'

/** Everything the code needs to know about one JWS algorithm. */
export interface JwsAlgorithmEntry {
  readonly alg: JwsAlgorithm
  readonly family: JwsFamily
  readonly kty: KeyType
  /** Hash for HMAC, RSA and ECDSA; EdDSA hashes internally. */
  readonly hash: HashName | null
  /** Curves a key may have for this algorithm; empty for oct and RSA. */
  readonly curves: readonly Curve[]
  /** Signature length in bytes for HMAC and ECDSA (R || S); 0 where it depends on the key. */
  readonly signatureBytes: number
  /** Minimum HMAC secret length in bytes: the hash output size (RFC 7518 section 3.2). */
  readonly minSecretBytes: number
}

function entry(
  alg: JwsAlgorithm,
  family: JwsFamily,
  kty: KeyType,
  hash: HashName | null,
  curves: readonly Curve[],
  signatureBytes: number,
): JwsAlgorithmEntry {
  const minSecretBytes = family === 'hmac' ? signatureBytes : 0
  return Object.freeze({ alg, family, kty, hash, curves, signatureBytes, minSecretBytes })
}

const ENTRIES: readonly JwsAlgorithmEntry[] = [
  entry('HS256', 'hmac', 'oct', 'sha256', [], 32),
  entry('HS384', 'hmac', 'oct', 'sha384', [], 48),
  entry('HS512', 'hmac', 'oct', 'sha512', [], 64),
  entry('RS256', 'rsa-pkcs1', 'RSA', 'sha256', [], 0),
  entry('RS384', 'rsa-pkcs1', 'RSA', 'sha384', [], 0),
  entry('RS512', 'rsa-pkcs1', 'RSA', 'sha512', [], 0),
  entry('PS256', 'rsa-pss', 'RSA', 'sha256', [], 0),
  entry('PS384', 'rsa-pss', 'RSA', 'sha384', [], 0),
  entry('PS512', 'rsa-pss', 'RSA', 'sha512', [], 0),
  entry('ES256', 'ecdsa', 'EC', 'sha256', ['P-256'], 64),
  entry('ES384', 'ecdsa', 'EC', 'sha384', ['P-384'], 96),
  entry('ES512', 'ecdsa', 'EC', 'sha512', ['P-521'], 132),
  entry('ES256K', 'ecdsa', 'EC', 'sha256', ['secp256k1'], 64),
  entry('EdDSA', 'eddsa', 'OKP', null, ['Ed25519', 'Ed448'], 0),
  entry('Ed25519', 'eddsa', 'OKP', null, ['Ed25519'], 64),
  entry('Ed448', 'eddsa', 'OKP', null, ['Ed448'], 114),
]

const BY_ALG = new Map<string, JwsAlgorithmEntry>(ENTRIES.map((e) => [e.alg, e]))

/** Every supported JWS algorithm name. */
export const JWS_ALGORITHMS: readonly JwsAlgorithm[] = ENTRIES.map((e) => e.alg)

/** Tells whether a value names a supported JWS algorithm. */
export function isJwsAlgorithm(value: unknown): value is JwsAlgorithm {
  return typeof value === 'string' && BY_ALG.has(value)
}

/**
 * Looks up a JWS algorithm.
 * @throws JotError `ALG_NOT_ALLOWED` for `none`, `ALG_UNSUPPORTED` for any other unknown name.
 */
export function getJwsAlgorithm(alg: unknown): JwsAlgorithmEntry {
  const found = typeof alg === 'string' ? BY_ALG.get(alg) : undefined
  if (found !== undefined) return found
  if (alg === 'none') {
    // RFC 8725 section 3.1: unsecured tokens are never accepted by a verifying call.
    throw new JotError('ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.')
  }
  const shown = typeof alg === 'string' ? `"${alg.slice(0, 32)}"` : typeof alg
  throw new JotError('ALG_UNSUPPORTED', `The JWS algorithm ${shown} is not supported.`)
}
