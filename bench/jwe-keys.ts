/** Key material for each benchmarked JWE key management algorithm, all with A256GCM content. */
import {
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto'

export const JWE_ALGORITHMS = ['dir', 'A256KW', 'ECDH-ES+A256KW', 'RSA-OAEP-256'] as const

export type JweAlgorithm = (typeof JWE_ALGORITHMS)[number]

/** The one content encryption algorithm of every JWE row. */
export const JWE_ENC = 'A256GCM' as const

/** The same recipient key in every form a contender takes. */
export interface JweKeyMaterial {
  readonly alg: JweAlgorithm
  /** The key an encrypter uses: the public key, or the secret for dir and A256KW. */
  readonly encryptionKey: KeyObject
  /** The key a decrypter uses: the private key, or the same secret. */
  readonly decryptionKey: KeyObject
  readonly encryptionJwk: JsonWebKey
  readonly decryptionJwk: JsonWebKey
  /** The raw secret for dir and A256KW, which jose takes as bytes; undefined for key pairs. */
  readonly secret: Uint8Array | undefined
}

/** Generates one recipient key for a JWE algorithm with node:crypto and exports it. */
export function generateJweKeyMaterial(alg: JweAlgorithm): JweKeyMaterial {
  if (alg === 'dir' || alg === 'A256KW') {
    // A256GCM takes a 256-bit CEK (dir) and A256KW a 256-bit key-encryption key.
    const secret = randomBytes(32)
    const key = createSecretKey(secret)
    const jwk = key.export({ format: 'jwk' })
    return {
      alg,
      encryptionKey: key,
      decryptionKey: key,
      encryptionJwk: jwk,
      decryptionJwk: jwk,
      secret: new Uint8Array(secret),
    }
  }
  const { privateKey, publicKey } =
    alg === 'RSA-OAEP-256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    alg,
    encryptionKey: publicKey,
    decryptionKey: privateKey,
    encryptionJwk: publicKey.export({ format: 'jwk' }),
    decryptionJwk: privateKey.export({ format: 'jwk' }),
    secret: undefined,
  }
}
