/** Shared fixtures of the JWE tests: the RFC 7520 vectors, keys for every algorithm, matchers. */
import type {
  JotErrorCode,
  JotKey,
  Jwk,
  JweContentEncryptionAlgorithm,
  JweKeyManagementAlgorithm,
} from '../../src/index.js'
import {
  JWE_KEY_MANAGEMENT_ALGORITHMS,
  generateKeyPair,
  generateSecret,
  importJwk,
  importSecret,
} from '../../src/index.js'
import type { Curve, FixedRandomness, FlattenedJwe, GeneralJwe } from '../../src/index.js'
import { readShared } from '../fixtures/shared.js'

/** A JWE example from the project's vector file. */
export interface JweVector {
  readonly source: string
  readonly name: string
  readonly deterministic: boolean
  readonly alg: JweKeyManagementAlgorithm
  readonly enc: JweContentEncryptionAlgorithm
  readonly zip?: 'DEF'
  readonly aad?: string
  readonly plaintext: string
  readonly key?: Jwk
  readonly password?: string
  readonly generated: {
    readonly cek?: string
    readonly iv: string
    readonly keyEncryption?: {
      readonly epk?: Jwk
      readonly cek?: string
      readonly salt?: string
      readonly iteration_count?: number
      readonly iv?: string
      readonly tag?: string
    }
  }
  readonly protectedHeader?: Readonly<Record<string, unknown>>
  readonly unprotectedHeader?: Readonly<Record<string, unknown>>
  readonly expected: {
    readonly compact?: string
    readonly flattened?: FlattenedJwe
    readonly general?: GeneralJwe
  }
}

/** The JWE examples of RFC 7520 section 5. */
export const jweVectors = (readShared('vectors/jwe-examples.json') as { vectors: JweVector[] })
  .vectors

/** Decodes base64url from a vector. */
export function bytes(base64url: string): Buffer {
  return Buffer.from(base64url, 'base64url')
}

/**
 * Returns a decryption result with its plaintext as a Buffer. The Node.js backend returns a
 * Buffer and the Web Crypto backend a plain Uint8Array, so one expected value then fits both.
 */
export function withBufferPlaintext<T extends { readonly plaintext: Uint8Array }>(result: T): T {
  return { ...result, plaintext: Buffer.from(result.plaintext) }
}

/** Builds a matcher for assert.rejects and assert.throws: a JotError with this code and message. */
export function jotError(code: JotErrorCode, message: string) {
  return { name: 'JotError', code, message }
}

/**
 * Imports a vector's key bound to the vector's algorithm. RFC 7520 section 5.6 labels its
 * direct encryption key with the enc "A128GCM", which names no key algorithm, so that label is
 * dropped and the key bound to dir.
 */
export async function importVectorKey(vector: JweVector): Promise<JotKey> {
  if (vector.password !== undefined) {
    return importSecret(new TextEncoder().encode(vector.password), { alg: vector.alg })
  }
  const jwk = vector.key as Jwk
  const labelled = jwk.alg === vector.alg ? jwk : { ...jwk, alg: undefined }
  return importJwk(labelled, { alg: vector.alg })
}

/** Returns the values a vector drew at random, as the fixedRandomness option. */
export async function vectorRandomness(vector: JweVector): Promise<FixedRandomness> {
  const { cek, iv, keyEncryption = {} } = vector.generated
  return {
    iv: bytes(iv),
    cek: cek === undefined ? undefined : bytes(cek),
    ephemeralPrivateKey:
      keyEncryption.epk === undefined
        ? undefined
        : await importJwk(keyEncryption.epk, { alg: vector.alg }),
    p2s: keyEncryption.salt === undefined ? undefined : bytes(keyEncryption.salt),
    keyWrapIv: keyEncryption.iv === undefined ? undefined : bytes(keyEncryption.iv),
  }
}

/** A key pair or secret for one algorithm: the key that encrypts and the key that decrypts. */
export interface KeySetup {
  readonly label: string
  readonly alg: JweKeyManagementAlgorithm
  readonly encryptionKey: JotKey
  readonly decryptionKey: JotKey
}

/** The curves each ECDH-ES algorithm is tested on. */
export const ECDH_CURVES: readonly Curve[] = ['P-256', 'P-384', 'P-521', 'X25519', 'X448']

/** A PBES2 password used across the tests. */
export const PASSWORD = new TextEncoder().encode('correct horse battery staple')

/** The lowest PBES2 count jot encrypts with, which keeps the tests fast. */
export const TEST_PBES2_COUNT = 1000

/**
 * Creates keys for every key management algorithm but dir, whose key depends on the enc, and
 * for every curve of the ECDH-ES algorithms.
 */
export async function keySetups(): Promise<KeySetup[]> {
  const setups: KeySetup[] = []
  for (const alg of JWE_KEY_MANAGEMENT_ALGORITHMS) {
    if (alg.startsWith('ECDH-ES')) {
      for (const crv of ECDH_CURVES) {
        const pair = await generateKeyPair(alg, { crv })
        setups.push(setup(`${alg} ${crv}`, alg, pair.publicKey, pair.privateKey))
      }
    } else if (alg.startsWith('RSA-OAEP')) {
      const pair = await generateKeyPair(alg)
      setups.push(setup(alg, alg, pair.publicKey, pair.privateKey))
    } else if (alg.startsWith('PBES2')) {
      const key = await importSecret(PASSWORD, { alg })
      setups.push(setup(alg, alg, key, key))
    } else if (alg !== 'dir') {
      const key = await generateSecret(alg)
      setups.push(setup(alg, alg, key, key))
    }
  }
  return setups
}

function setup(
  label: string,
  alg: JweKeyManagementAlgorithm,
  encryptionKey: JotKey,
  decryptionKey: JotKey,
): KeySetup {
  return { label, alg, encryptionKey, decryptionKey }
}
