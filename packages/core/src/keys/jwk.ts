/** The JWK type, and strict checks of a JWK's members before any crypto runs. */
import { JotError } from '../errors.js'
import type { Curve, KeyType } from '../jwa/jws-algorithms.js'
import type { KeyKind, KeyOperation } from './key.js'
import type { JwkMembers } from './key-backend.js'
import { describeType, isPlainObject, ownMember } from './options.js'
import { decodeStandardBase64 } from './pem.js'
import { STRING_MEMBERS, readEncoded, readKeyMembers, stringMember } from './jwk-key-members.js'
import type { JwkObject } from './jwk-key-members.js'

/**
 * A JSON Web Key (RFC 7517) with the members that RFC 7517, RFC 7518 and RFC 8037 register.
 * Other members may be present in an imported JWK; jot ignores them.
 */
export interface Jwk {
  /** Key type: `RSA`, `EC`, `OKP` or `oct` are supported. */
  readonly kty: string
  /** Intended use: `sig` or `enc`. */
  readonly use?: string
  readonly key_ops?: readonly string[]
  readonly alg?: string
  readonly kid?: string
  readonly x5u?: string
  readonly x5c?: readonly string[]
  readonly x5t?: string
  readonly 'x5t#S256'?: string
  /** Curve of an EC or OKP key. */
  readonly crv?: string
  readonly x?: string
  readonly y?: string
  /** Private part: the EC or OKP private key, or the RSA private exponent. */
  readonly d?: string
  readonly n?: string
  readonly e?: string
  readonly p?: string
  readonly q?: string
  readonly dp?: string
  readonly dq?: string
  readonly qi?: string
  /** Further primes of a multi-prime RSA key, which jot does not support. */
  readonly oth?: readonly { readonly r: string; readonly d: string; readonly t: string }[]
  /** Value of an oct (secret) key. */
  readonly k?: string
}

/** A JWK whose members passed the checks, reduced to what the key functions use. */
export interface CheckedJwk {
  readonly kty: KeyType
  readonly crv: Curve | undefined
  readonly kind: KeyKind
  /** kty, crv and the key material members, each canonical base64url. */
  readonly members: JwkMembers
  /** The decoded `k` of an oct key. */
  readonly secret: Uint8Array | undefined
  readonly alg: string | undefined
  readonly kid: string | undefined
  readonly use: 'sig' | 'enc' | undefined
  readonly keyOps: readonly KeyOperation[] | undefined
}

const KEY_TYPES: readonly string[] = ['RSA', 'EC', 'OKP', 'oct']
const KEY_OPERATIONS: readonly string[] = [
  'sign',
  'verify',
  'encrypt',
  'decrypt',
  'wrapKey',
  'unwrapKey',
  'deriveKey',
  'deriveBits',
]

/**
 * Checks a JWK's member types, encodings and sizes, and its use and key_ops values.
 * @param fn names the calling function in the message for a value that is not an object.
 * @throws JotError `ARGUMENT_INVALID`, `KEY_INVALID` or `KEY_UNSUPPORTED`.
 */
export function checkJwk(input: unknown, fn: string): CheckedJwk {
  if (!isPlainObject(input)) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `${fn} expects a JWK object, not ${describeType(input)}.`,
    )
  }
  checkMemberTypes(input)
  const kty = readKeyType(input)
  const use = readUse(input)
  const keyOps = readKeyOps(input, use)
  checkCertificateMembers(input)
  const key = readKeyMembers(input, kty)
  const alg = stringMember(input, 'alg')
  const kid = stringMember(input, 'kid')
  return { ...key, kty, alg, kid, use, keyOps }
}

function checkMemberTypes(jwk: JwkObject): void {
  for (const name of STRING_MEMBERS) {
    const value = ownMember(jwk, name)
    if (value !== undefined && typeof value !== 'string') {
      throw new JotError(
        'KEY_INVALID',
        `The JWK member "${name}" must be a string, not ${describeType(value)}.`,
      )
    }
  }
  for (const name of ['key_ops', 'x5c']) {
    const value = ownMember(jwk, name)
    if (value === undefined) continue
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw new JotError('KEY_INVALID', `The JWK member "${name}" must be an array of strings.`)
    }
  }
  const oth = ownMember(jwk, 'oth')
  if (oth !== undefined && !Array.isArray(oth)) {
    throw new JotError('KEY_INVALID', 'The JWK member "oth" must be an array.')
  }
}

/**
 * Reads and checks a JWK's `kty`.
 * @throws JotError `KEY_INVALID` or `KEY_UNSUPPORTED`.
 */
export function readKeyType(jwk: JwkObject): KeyType {
  const kty = stringMember(jwk, 'kty')
  if (kty === undefined) throw new JotError('KEY_INVALID', 'The JWK has no "kty" member.')
  if (KEY_TYPES.includes(kty)) return kty as KeyType
  throw new JotError(
    'KEY_UNSUPPORTED',
    `The JWK key type "${kty.slice(0, 32)}" is not supported; jot reads RSA, EC, OKP and oct keys.`,
  )
}

function readUse(jwk: JwkObject): 'sig' | 'enc' | undefined {
  const use = stringMember(jwk, 'use')
  if (use === undefined || use === 'sig' || use === 'enc') return use
  throw new JotError(
    'KEY_UNSUPPORTED',
    `The JWK use "${use.slice(0, 32)}" is not supported; expected "sig" or "enc".`,
  )
}

function readKeyOps(
  jwk: JwkObject,
  use: 'sig' | 'enc' | undefined,
): readonly KeyOperation[] | undefined {
  // checkMemberTypes has made sure key_ops is absent or an array of strings.
  const ops = ownMember(jwk, 'key_ops') as readonly string[] | undefined
  if (ops === undefined) return undefined
  const unknown = ops.find((op) => !KEY_OPERATIONS.includes(op))
  if (unknown !== undefined) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      `The JWK key_ops value "${unknown.slice(0, 32)}" is not supported.`,
    )
  }
  // RFC 7517 section 4.3: no duplicates, and use and key_ops must agree when both appear.
  if (new Set(ops).size !== ops.length) {
    throw new JotError('KEY_INVALID', 'The JWK member "key_ops" lists an operation twice.')
  }
  const conflict = ops.find((op) => (op === 'sign' || op === 'verify') !== (use === 'sig'))
  if (use !== undefined && conflict !== undefined) {
    throw new JotError('KEY_INVALID', `The JWK has use "${use}" but key_ops "${conflict}".`)
  }
  return ops as readonly KeyOperation[]
}

function checkCertificateMembers(jwk: JwkObject): void {
  // RFC 7517 sections 4.8 and 4.9: SHA-1 and SHA-256 digests of the certificate.
  for (const [name, length] of [
    ['x5t', 20],
    ['x5t#S256', 32],
  ] as const) {
    const digest = readEncoded(jwk, name)
    if (digest !== undefined && digest.bytes.length !== length) {
      throw new JotError('KEY_INVALID', `The JWK member "${name}" must be ${length} bytes long.`)
    }
  }
  // checkMemberTypes has made sure x5c is absent or an array of strings.
  const chain = ownMember(jwk, 'x5c') as readonly string[] | undefined
  if (chain?.some((der) => decodeStandardBase64(der) === undefined || der.length === 0)) {
    throw new JotError('KEY_INVALID', 'The JWK member "x5c" must hold standard base64 strings.')
  }
}
