/** The web backend's key handle: the key's JWK members, plus CryptoKeys imported from them on use. */
import { JotError } from '../../errors.js'
import { decodeBase64url } from '../../encoding/base64url.js'
import type { Curve, KeyType } from '../../jwa/jws-algorithms.js'
import { CURVES } from '../../keys/curves.js'
import type { BackendKey, JwkMembers } from '../../keys/key-backend.js'
import type { KeyKind } from '../../keys/key.js'
import { isNotSupported, subtle } from './subtle.js'

/**
 * A key on the web backend. A CryptoKey is bound to one Web Crypto algorithm and usage, while
 * a JotKey learns its algorithm after import, so the handle keeps the JWK members and imports
 * a CryptoKey per algorithm and usage the first time it is needed.
 */
export interface WebKeyHandle {
  readonly kind: KeyKind
  readonly members: JwkMembers
  readonly cryptoKeys: Map<string, Promise<CryptoKey>>
}

/** The Web Crypto algorithm that checks, exports and pairs keys of one type. */
export interface KeyProfile {
  readonly algorithm: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams
  readonly privateUsages: readonly KeyUsage[]
  readonly publicUsages: readonly KeyUsage[]
}

const KEY_MEMBERS = ['kty', 'crv', 'n', 'e', 'x', 'y', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'k']
const PRIVATE_MEMBERS: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi'])
const SIGNING: Pick<KeyProfile, 'privateUsages' | 'publicUsages'> = {
  privateUsages: ['sign'],
  publicUsages: ['verify'],
}

// Every handle the JWS, JWE and key code passes to this backend came from webKey below.
export function webHandle(handle: unknown): WebKeyHandle {
  return handle as WebKeyHandle
}

/**
 * Returns the profile of a key type and curve.
 * @throws JotError `KEY_UNSUPPORTED` for secp256k1, which Web Crypto does not define.
 */
export function keyProfile(kty: string | undefined, crv: string | undefined): KeyProfile {
  if (kty === 'RSA')
    return { algorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ...SIGNING }
  if (kty === 'EC' && (crv === 'P-256' || crv === 'P-384' || crv === 'P-521')) {
    return { algorithm: { name: 'ECDSA', namedCurve: crv }, ...SIGNING }
  }
  if (kty === 'OKP' && (crv === 'Ed25519' || crv === 'Ed448')) return { algorithm: crv, ...SIGNING }
  if (kty === 'OKP' && (crv === 'X25519' || crv === 'X448')) {
    return { algorithm: crv, privateUsages: ['deriveBits'], publicUsages: [] }
  }
  throw unsupportedKey(kty, crv)
}

/** Builds the error for a key type or curve that this runtime's Web Crypto lacks. */
export function unsupportedKey(kty: string | undefined, crv: string | undefined): JotError {
  const subject = crv === undefined ? `${String(kty)} keys` : `the curve ${crv}`
  return new JotError(
    'KEY_UNSUPPORTED',
    `The Web Crypto backend of this runtime does not support ${subject}; use the Node.js backend for it.`,
  )
}

/** Keeps the key material members of a JWK, dropping `ext`, `key_ops`, `alg` and the like. */
export function keyMembers(jwk: JsonWebKey | JwkMembers): JwkMembers {
  const source = jwk as Record<string, unknown>
  const members: Record<string, string> = {}
  for (const name of KEY_MEMBERS) {
    const value = source[name]
    if (typeof value === 'string') members[name] = value
  }
  return members
}

/** The public members of a JWK. */
export function publicMembers(members: JwkMembers): JwkMembers {
  return Object.fromEntries(Object.entries(members).filter(([name]) => !PRIVATE_MEMBERS.has(name)))
}

function bitLength(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length && bytes[index] === 0) index++
  const first = bytes[index]
  if (first === undefined) return 0
  return (bytes.length - index - 1) * 8 + (32 - Math.clz32(first))
}

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  return value
}

/** Builds a backend key from checked JWK members. */
export function webKey(members: JwkMembers, kind: KeyKind): BackendKey {
  const handle: WebKeyHandle = { kind, members, cryptoKeys: new Map() }
  const kty = members['kty'] as KeyType
  if (kty === 'oct') {
    const bits = decodeBase64url(members['k'] ?? '', 'JWK member "k"').length * 8
    return { kind, kty, crv: undefined, bits, publicExponent: undefined, handle }
  }
  if (kty === 'RSA') {
    const bits = bitLength(decodeBase64url(members['n'] ?? '', 'JWK member "n"'))
    const publicExponent = toBigInt(decodeBase64url(members['e'] ?? '', 'JWK member "e"'))
    return { kind, kty, crv: undefined, bits, publicExponent, handle }
  }
  const crv = members['crv'] as Curve
  return { kind, kty, crv, bits: CURVES[crv].bits, publicExponent: undefined, handle }
}

/**
 * Imports a CryptoKey from a handle's members, once per cache key. A verify or public usage
 * imports the public members only, because Web Crypto verifies with public keys.
 * @throws JotError `KEY_UNSUPPORTED` when the runtime lacks the algorithm, `KEY_INVALID` when
 *   Web Crypto rejects the key data.
 */
export function importCryptoKey(
  handle: WebKeyHandle,
  cacheKey: string,
  algorithm: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | HmacImportParams,
  usages: readonly KeyUsage[],
  usePublic: boolean,
): Promise<CryptoKey> {
  let found = handle.cryptoKeys.get(cacheKey)
  if (found === undefined) {
    const members = usePublic ? publicMembers(handle.members) : handle.members
    found = importJwkMembers(members, algorithm, usages, false)
    handle.cryptoKeys.set(cacheKey, found)
    // A failed import is not cached, so the next call reports the same error afresh.
    void found.catch(() => handle.cryptoKeys.delete(cacheKey))
  }
  return found
}

/**
 * Imports JWK members into Web Crypto, mapping its errors to JotError.
 * @throws JotError `KEY_UNSUPPORTED` or `KEY_INVALID`.
 */
export async function importJwkMembers(
  members: JwkMembers,
  algorithm: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | HmacImportParams,
  usages: readonly KeyUsage[],
  extractable: boolean,
): Promise<CryptoKey> {
  try {
    return await subtle().importKey('jwk', { ...members }, algorithm, extractable, [...usages])
  } catch (cause) {
    if (cause instanceof JotError) throw cause
    if (isNotSupported(cause)) {
      const error = unsupportedKey(members['kty'], members['crv'])
      throw new JotError(error.code, error.message, { cause })
    }
    throw new JotError('KEY_INVALID', `The ${members['kty'] ?? ''} JWK is not a valid key.`, {
      cause,
    })
  }
}
