/** JotKey: a key bound to one algorithm, with its backend handle kept out of the public API. */
import { JotError } from '../errors.js'
import type { JweKeyManagementAlgorithm } from '../jwa/jwe-key-management.js'
import type { Curve, JwsAlgorithm, KeyType } from '../jwa/jws-algorithms.js'

/** Whether a key is a shared secret, the public half or the private half of a pair. */
export type KeyKind = 'secret' | 'public' | 'private'

/** The algorithms a key can be bound to: a JWS algorithm or a JWE key management algorithm. */
export type KeyAlgorithm = JwsAlgorithm | JweKeyManagementAlgorithm

/** The operations of RFC 7517 section 4.3 that jot checks. */
export type KeyOperation =
  'sign' | 'verify' | 'encrypt' | 'decrypt' | 'wrapKey' | 'unwrapKey' | 'deriveKey' | 'deriveBits'

// The backend handle (a node:crypto KeyObject, later a Web Crypto CryptoKey) sits behind a
// symbol that the package root does not export, so callers cannot reach raw key material.
export const keyHandle: unique symbol = Symbol('jot.keyHandle')

/** Description of key material that a backend imported or generated. */
export interface KeyMaterial {
  readonly kind: KeyKind
  readonly kty: KeyType
  readonly crv: Curve | undefined
  /** RSA modulus size or secret size in bits. */
  readonly bits: number
  readonly handle: unknown
}

/** Attributes a key carries besides its material. */
export interface KeyAttributes {
  readonly alg: KeyAlgorithm
  readonly kid?: string | undefined
  readonly use?: 'sig' | 'enc' | undefined
  readonly keyOps?: readonly KeyOperation[] | undefined
  /** Whether exportJwk and exportPem may return private or secret material. Default true. */
  readonly extractable?: boolean | undefined
}

/**
 * A key bound to exactly one algorithm. Create one with importJwk, importPem, importSecret,
 * generateKeyPair or generateSecret; the constructor is internal.
 */
export class JotKey {
  readonly kind: KeyKind
  readonly kty: KeyType
  readonly crv: Curve | undefined
  /** RSA modulus size or secret size in bits; the curve's size for EC and OKP keys. */
  readonly bits: number
  readonly alg: KeyAlgorithm
  readonly kid: string | undefined
  readonly use: 'sig' | 'enc' | undefined
  readonly keyOps: readonly KeyOperation[] | undefined
  readonly extractable: boolean
  readonly [keyHandle]: unknown

  /** @internal Use the import and generate functions. */
  constructor(material: KeyMaterial, attributes: KeyAttributes) {
    this.kind = material.kind
    this.kty = material.kty
    this.crv = material.crv
    this.bits = material.bits
    this.alg = attributes.alg
    this.kid = attributes.kid
    this.use = attributes.use
    this.keyOps =
      attributes.keyOps === undefined ? undefined : Object.freeze([...attributes.keyOps])
    this.extractable = attributes.extractable ?? true
    this[keyHandle] = material.handle
    Object.freeze(this)
  }

  /** Shows the key's type and algorithm only, so logging a key never prints its material. */
  toJSON(): Record<string, unknown> {
    return { kind: this.kind, kty: this.kty, crv: this.crv, alg: this.alg, kid: this.kid }
  }
}

/** Tells whether a value is a JotKey. */
export function isJotKey(value: unknown): value is JotKey {
  return value instanceof JotKey
}

/**
 * Checks that a key may perform an operation with an algorithm: the algorithm must be the one
 * the key is bound to (RFC 8725 section 3.1), and `use` and `key_ops` must permit the operation.
 * @param operation the operation, or operations of which `key_ops` must list at least one (an
 *   ECDH key may list `deriveKey` or `deriveBits`).
 * @throws JotError `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 */
export function assertKeyUsable(
  key: JotKey,
  alg: string,
  operation: KeyOperation | readonly KeyOperation[],
): void {
  if (key.alg !== alg) {
    throw new JotError(
      'ALG_NOT_ALLOWED',
      `The key is bound to ${key.alg} and cannot be used with ${alg.slice(0, 32)}.`,
    )
  }
  const operations: readonly KeyOperation[] =
    typeof operation === 'string' ? [operation] : operation
  const first = operations[0] ?? 'sign'
  const wantsSig = first === 'sign' || first === 'verify'
  if (key.use !== undefined && (key.use === 'sig') !== wantsSig) {
    throw new JotError(
      'KEY_INVALID',
      `The key is marked use "${key.use}" and cannot ${OPERATION_VERBS[first]}.`,
    )
  }
  const keyOps = key.keyOps
  if (keyOps !== undefined && !operations.some((op) => keyOps.includes(op))) {
    const listed = operations.map((op) => `"${op}"`).join(' or ')
    throw new JotError('KEY_INVALID', `The key's key_ops do not include ${listed}.`)
  }
}

const OPERATION_VERBS: Readonly<Record<KeyOperation, string>> = {
  sign: 'sign',
  verify: 'verify',
  encrypt: 'encrypt',
  decrypt: 'decrypt',
  wrapKey: 'wrap a key',
  unwrapKey: 'unwrap a key',
  deriveKey: 'derive a key',
  deriveBits: 'derive bits',
}

/** Tells whether a key's `use` and `key_ops` permit an operation, without throwing. */
export function isKeyUsableFor(
  key: JotKey,
  operations: readonly KeyOperation[],
  wantsSig: boolean,
): boolean {
  if (key.use !== undefined && (key.use === 'sig') !== wantsSig) return false
  const keyOps = key.keyOps
  return keyOps === undefined || operations.some((op) => keyOps.includes(op))
}
