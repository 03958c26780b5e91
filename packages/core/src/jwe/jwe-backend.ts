/** The crypto operations JWE needs from a backend, and the backend the JWE functions use. */
import { jweBackend as selectedJweBackend } from '#crypto-backend'
import type { JweContentEncryptionEntry } from '../jwa/jwe-content-encryption.js'
import type { OaepHashName } from '../jwa/jwe-key-management.js'
import type { Curve, HashName } from '../jwa/jws-algorithms.js'
import type { Awaitable, JwkMembers } from '../keys/key-backend.js'

/** Ciphertext and Authentication Tag of one encryption. */
export interface SealedContent {
  readonly ciphertext: Uint8Array
  readonly tag: Uint8Array
}

/** Result of inflating: the bytes, or the reason there are none. */
export type InflateResult = Uint8Array | 'too-large' | 'invalid'

/**
 * JWE operations of a backend. A `secret` parameter takes raw key bytes or the handle of a
 * secret key that the same backend imported; `handle` parameters take key handles only.
 * Decryption steps return undefined for every failure, so the caller can report them all
 * alike; only caller mistakes and algorithms the runtime lacks throw.
 *
 * The Node.js backend returns plain values and the Web Crypto backend promises. Callers chain
 * results with jwe/awaitable.ts, which passes a plain value on at once, so the Node.js path
 * stays synchronous. randomBytes, secretBytes and agreementPublicMembers are synchronous on
 * both backends.
 */
export interface JweBackend {
  randomBytes(length: number): Uint8Array
  /** The bytes of a secret key handle. */
  secretBytes(handle: unknown): Uint8Array
  /** Encrypts content with an `enc` algorithm; the CEK length has been checked. */
  encryptContent(
    entry: JweContentEncryptionEntry,
    cek: unknown,
    iv: Uint8Array,
    plaintext: Uint8Array,
    aad: Uint8Array,
  ): Awaitable<SealedContent>
  decryptContent(
    entry: JweContentEncryptionEntry,
    cek: unknown,
    iv: Uint8Array,
    ciphertext: Uint8Array,
    tag: Uint8Array,
    aad: Uint8Array,
  ): Awaitable<Uint8Array | undefined>
  /** AES-GCM with a 96-bit IV, a 128-bit tag and no AAD, for AES-GCM key wrapping. */
  gcmEncrypt(secret: unknown, iv: Uint8Array, plaintext: Uint8Array): Awaitable<SealedContent>
  gcmDecrypt(
    secret: unknown,
    iv: Uint8Array,
    ciphertext: Uint8Array,
    tag: Uint8Array,
  ): Awaitable<Uint8Array | undefined>
  /** AES Key Wrap (RFC 3394) with the default initial value. */
  aesKeyWrap(secret: unknown, key: Uint8Array): Awaitable<Uint8Array>
  aesKeyUnwrap(secret: unknown, wrapped: Uint8Array): Awaitable<Uint8Array | undefined>
  rsaOaepEncrypt(hash: OaepHashName, handle: unknown, data: Uint8Array): Awaitable<Uint8Array>
  rsaOaepDecrypt(
    hash: OaepHashName,
    handle: unknown,
    data: Uint8Array,
  ): Awaitable<Uint8Array | undefined>
  /**
   * Imports the public key of an ECDH peer, checking that an EC point lies on its curve.
   * @throws JotError `KEY_INVALID`; `KEY_UNSUPPORTED` when the runtime lacks the curve.
   */
  importAgreementPublicKey(members: JwkMembers): Awaitable<unknown>
  /** Generates an ephemeral ECDH key pair: its private key handle and public JWK members. */
  generateAgreementKeyPair(crv: Curve): Awaitable<{
    readonly privateKey: unknown
    readonly publicMembers: JwkMembers
  }>
  /** The public JWK members (kty, crv, x and y) of an ECDH key handle, private or public. */
  agreementPublicMembers(handle: unknown): JwkMembers
  /** The ECDH shared secret Z; undefined when the pair is unusable or Z is all zeros. */
  deriveSharedSecret(
    privateHandle: unknown,
    publicHandle: unknown,
  ): Awaitable<Uint8Array | undefined>
  digest(hash: HashName, ...chunks: Uint8Array[]): Awaitable<Uint8Array>
  pbkdf2(
    hash: HashName,
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
    length: number,
  ): Awaitable<Uint8Array>
  /** Compresses with raw DEFLATE (RFC 1951). */
  deflate(data: Uint8Array): Awaitable<Uint8Array>
  /** Decompresses raw DEFLATE without ever producing more than `maxBytes`. */
  inflate(data: Uint8Array, maxBytes: number): Awaitable<InflateResult>
}

// `#crypto-backend` picks the backend as for signatures (src/backend/index.ts). A live
// binding, so setJweBackend replaces it for every importer.
export let jweBackend: JweBackend = selectedJweBackend

/** @internal Replaces the JWE backend; only backend/use-backend.ts calls it. */
export function setJweBackend(backend: JweBackend): void {
  jweBackend = backend
}
