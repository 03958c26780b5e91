/** JWK thumbprints (RFC 7638) and their URIs (RFC 9278). */
import { JotError } from '../errors.js'
import { encodeBase64url, utf8Encode } from '../encoding/base64url.js'
import type { KeyType } from '../jwa/jws-algorithms.js'
import { checkJwk } from './jwk.js'
import type { Jwk } from './jwk.js'
import { isJotKey, keyHandle } from './key.js'
import type { JotKey } from './key.js'
import { keyBackend } from './key-backend.js'
import type { JwkMembers } from './key-backend.js'
import { assertExtractable, describeType } from './options.js'

/** Hash functions a thumbprint may use. */
export type ThumbprintHash = 'sha256' | 'sha384' | 'sha512'

// RFC 7638 section 3.2 and RFC 8037 section 2: the required members, in lexicographic order.
const REQUIRED_MEMBERS: Readonly<Record<KeyType, readonly string[]>> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  oct: ['k', 'kty'],
}

// RFC 9278 section 3 names hashes as the Named Information Hash Algorithm Registry does.
const URI_HASH_NAMES: Readonly<Record<ThumbprintHash, string>> = {
  sha256: 'sha-256',
  sha384: 'sha-384',
  sha512: 'sha-512',
}

/**
 * Computes the RFC 7638 thumbprint of a key or JWK: the base64url digest of its required
 * members, sorted, without white space. A private key or private JWK gives the thumbprint of
 * its public part. A JWK is checked as importJwk checks it, except that it needs no `alg`.
 *
 * @param hash 'sha256' (default), 'sha384' or 'sha512'.
 * @example
 * const kid = await thumbprint(publicKey)
 * @throws JotError `ARGUMENT_INVALID` for a value that is neither a JotKey nor a JWK object, or
 *   an unknown hash; `KEY_INVALID` or `KEY_UNSUPPORTED` for a bad JWK, or a secret key made
 *   with `extractable: false`.
 */
export async function thumbprint(
  keyOrJwk: JotKey | Jwk | Readonly<Record<string, unknown>>,
  hash: ThumbprintHash = 'sha256',
): Promise<string> {
  checkHash(hash, 'thumbprint')
  const members = await thumbprintMembers(keyOrJwk)
  const kty = members['kty'] as KeyType
  // JSON.stringify keeps insertion order, and these values need no escaping.
  const input = JSON.stringify(
    Object.fromEntries(REQUIRED_MEMBERS[kty].map((name) => [name, members[name]])),
  )
  const digest = await keyBackend.digest(hash, utf8Encode(input))
  return encodeBase64url(digest)
}

/**
 * Computes the JWK thumbprint URI of RFC 9278, such as
 * `urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs`.
 *
 * @param hash 'sha256' (default), 'sha384' or 'sha512'.
 * @throws JotError as thumbprint does.
 */
export async function thumbprintUri(
  keyOrJwk: JotKey | Jwk | Readonly<Record<string, unknown>>,
  hash: ThumbprintHash = 'sha256',
): Promise<string> {
  checkHash(hash, 'thumbprintUri')
  const value = await thumbprint(keyOrJwk, hash)
  return `urn:ietf:params:oauth:jwk-thumbprint:${URI_HASH_NAMES[hash]}:${value}`
}

function checkHash(hash: unknown, fn: string): asserts hash is ThumbprintHash {
  if (hash === 'sha256' || hash === 'sha384' || hash === 'sha512') return
  const shown = typeof hash === 'string' ? `"${hash.slice(0, 32)}"` : describeType(hash)
  throw new JotError(
    'ARGUMENT_INVALID',
    `The hash of ${fn} must be sha256, sha384 or sha512, not ${shown}.`,
  )
}

async function thumbprintMembers(
  keyOrJwk: JotKey | Jwk | Readonly<Record<string, unknown>>,
): Promise<JwkMembers> {
  if (!isJotKey(keyOrJwk)) return checkJwk(keyOrJwk, 'thumbprint').members
  if (keyOrJwk.kind !== 'secret') return keyBackend.exportPublicJwk(keyOrJwk[keyHandle])
  assertExtractable(keyOrJwk, 'thumbprint')
  return keyBackend.exportJwk(keyOrJwk[keyHandle])
}
