/** The key operations a crypto backend implements, and the backend the key functions use. */
import { keyBackend as selectedKeyBackend } from '#crypto-backend'
import type { Curve, HashName } from '../jwa/jws-algorithms.js'
import type { KeyMaterial } from './key.js'

/** A value or a promise of it, because the Node.js backend returns at once and Web Crypto cannot. */
export type Awaitable<T> = T | Promise<T>

/** Key material as a backend reports it, with what the key checks need besides. */
export interface BackendKey extends KeyMaterial {
  /** The RSA public exponent; undefined for other key types. */
  readonly publicExponent: bigint | undefined
}

/** JWK members that describe key material only: kty, crv and the base64url values. */
export type JwkMembers = Readonly<Record<string, string>>

/** The DER structures a PEM block can carry. */
export type DerFormat = 'spki' | 'pkcs1-public' | 'pkcs8' | 'pkcs1-private' | 'sec1' | 'x509'

/** The key type and size or curve that generateKeyPair requests from a backend. */
export type KeyPairSpec =
  | { readonly kty: 'RSA'; readonly modulusLength: number }
  | { readonly kty: 'EC' | 'OKP'; readonly crv: Curve }

/**
 * Key operations of a backend. Handles are the `handle` of a BackendKey that the same backend
 * returned. Every method throws JotError (`KEY_INVALID`, `KEY_UNSUPPORTED`), never a raw error.
 */
export interface KeyBackend {
  /** Imports checked RSA, EC or OKP members; `d` decides between private and public. */
  importJwk(members: JwkMembers, kind: 'public' | 'private'): Awaitable<BackendKey>
  importDer(format: DerFormat, der: Uint8Array): Awaitable<BackendKey>
  importSecret(secret: Uint8Array): Awaitable<BackendKey>
  /** The JWK members of the key itself: private members for a private key, `k` for a secret. */
  exportJwk(handle: unknown): Awaitable<JwkMembers>
  /** The public JWK members of a public or private key. */
  exportPublicJwk(handle: unknown): Awaitable<JwkMembers>
  /** SPKI PEM for a public key, PKCS #8 PEM for a private key. */
  exportPem(handle: unknown): Awaitable<string>
  toPublicKey(handle: unknown): Awaitable<BackendKey>
  /** Tells whether a private and a public key belong together. */
  isKeyPair(privateHandle: unknown, publicHandle: unknown): Awaitable<boolean>
  generateKeyPair(
    spec: KeyPairSpec,
  ): Awaitable<{ readonly privateKey: BackendKey; readonly publicKey: BackendKey }>
  generateSecret(byteLength: number): Awaitable<BackendKey>
  digest(hash: HashName, data: Uint8Array): Awaitable<Uint8Array>
}

// `#crypto-backend` picks the backend as for signatures (src/backend/index.ts). A live
// binding, so setKeyBackend replaces it for every importer.
export let keyBackend: KeyBackend = selectedKeyBackend

/** @internal Replaces the key backend; only backend/use-backend.ts calls it. */
export function setKeyBackend(backend: KeyBackend): void {
  keyBackend = backend
}
