/** Key material for each benchmarked algorithm, generated once and converted for every library. */
import {
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto'

export const BENCH_ALGORITHMS = ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA'] as const

export type BenchAlgorithm = (typeof BENCH_ALGORITHMS)[number]

/** The same key (pair) in every form a contender takes. */
export interface KeyMaterial {
  readonly alg: BenchAlgorithm
  /** The private key, or the secret for HMAC. */
  readonly signingKey: KeyObject
  /** The public key, or the secret for HMAC. */
  readonly verificationKey: KeyObject
  /** PKCS#8 PEM, or the raw secret bytes for HMAC. */
  readonly signingPem: string | Buffer
  /** SPKI PEM, or the raw secret bytes for HMAC. */
  readonly verificationPem: string | Buffer
  readonly signingJwk: JsonWebKey
  readonly verificationJwk: JsonWebKey
}

/** Generates one key (pair) for an algorithm with node:crypto and exports it in each format. */
export function generateKeyMaterial(alg: BenchAlgorithm): KeyMaterial {
  if (alg === 'HS256') {
    return secretMaterial(alg)
  }
  const { privateKey, publicKey } = generatePair(alg)

  return {
    alg,
    signingKey: privateKey,
    verificationKey: publicKey,
    signingPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    verificationPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    signingJwk: privateKey.export({ format: 'jwk' }),
    verificationJwk: publicKey.export({ format: 'jwk' }),
  }
}

function secretMaterial(alg: BenchAlgorithm): KeyMaterial {
  // RFC 7518 section 3.2: an HS256 secret must be at least as long as the 256-bit hash output.
  const secret = randomBytes(32)
  const key = createSecretKey(secret)
  const jwk = key.export({ format: 'jwk' })

  return {
    alg,
    signingKey: key,
    verificationKey: key,
    signingPem: secret,
    verificationPem: secret,
    signingJwk: jwk,
    verificationJwk: jwk,
  }
}

function generatePair(alg: Exclude<BenchAlgorithm, 'HS256'>): {
  privateKey: KeyObject
  publicKey: KeyObject
} {
  switch (alg) {
    case 'RS256':
    case 'PS256':
      // A plain `rsa` key, not `rsa-pss`: every library under test accepts it for PS256.
      return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    case 'EdDSA':
      return generateKeyPairSync('ed25519')
  }
}
