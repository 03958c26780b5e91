/** Turns what the user typed in the key fields into a jot key or key set. */
import {
  JWE_KEY_MANAGEMENT_ALGORITHMS,
  JWS_ALGORITHMS,
  importJwk,
  importPem,
  importSecret,
  isJwsAlgorithm,
  remoteKeySet,
} from '@jot/core'
import type { JotKey, KeyAlgorithm, RemoteKeySet } from '@jot/core'
import { decodeBase64url } from '../base64url.js'

/** The kinds of key the page accepts, as the values of the key-type list. */
export type KeyType = 'jwks' | 'jwk' | 'pem' | 'secret-text' | 'secret-base64url'

/** A mistake in the key fields, shown like a JotError but without a code. */
export class KeyInputError extends Error {}

/** The path of the service's JWK Set, as the jwks route of @jot/server serves it. */
export const JWKS_PATH = '/.well-known/jwks.json'

/**
 * Imports the key the user gave, bound to `alg`, which the user picked: the token's own `alg`
 * never reaches this function, so a token cannot choose how it is verified.
 * @throws KeyInputError for input that is no key at all; JotError from the import functions.
 */
export async function readKey(
  type: KeyType,
  alg: string,
  material: string,
): Promise<JotKey | RemoteKeySet> {
  const keyAlg = toKeyAlgorithm(alg)
  switch (type) {
    case 'jwks':
      return serviceKeySet(alg)
    case 'jwk':
      return importJwk(parseJwk(material), { alg: keyAlg })
    case 'pem':
      return importPem(material, { alg: keyAlg })
    case 'secret-text':
      return importSecret(new TextEncoder().encode(material), { alg: keyAlg })
    case 'secret-base64url':
      return importSecret(decodeSecret(material), { alg: keyAlg })
  }
}

/** Tells whether a string is one of the key types of the key-type list. */
export function isKeyType(value: string): value is KeyType {
  return ['jwks', 'jwk', 'pem', 'secret-text', 'secret-base64url'].includes(value)
}

function toKeyAlgorithm(alg: string): KeyAlgorithm {
  const known: readonly string[] = [...JWS_ALGORITHMS, ...JWE_KEY_MANAGEMENT_ALGORITHMS]
  if (!known.includes(alg)) throw new KeyInputError(`Pick an algorithm; "${alg}" is not one.`)
  return alg as KeyAlgorithm
}

// remoteKeySet fetches on first use; `algorithms` keeps keys for other algorithms out, so the
// set pins the algorithm just as an imported key does.
function serviceKeySet(alg: string): RemoteKeySet {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') {
    throw new KeyInputError(
      "This service's JWK Set is available only when the token service serves this page; paste a JWK or PEM instead.",
    )
  }
  if (!isJwsAlgorithm(alg)) {
    throw new KeyInputError(
      "This service's JWK Set holds signing keys only; decrypting needs your private key or secret.",
    )
  }
  return remoteKeySet(new URL(JWKS_PATH, location.href), { algorithms: [alg] })
}

function parseJwk(material: string): Readonly<Record<string, unknown>> {
  let parsed: unknown
  try {
    parsed = JSON.parse(material)
  } catch {
    throw new KeyInputError('The JWK is not valid JSON.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KeyInputError('The JWK must be a JSON object.')
  }
  return parsed as Readonly<Record<string, unknown>>
}

function decodeSecret(material: string): Uint8Array {
  const bytes = decodeBase64url(material.trim())
  if (bytes === undefined) throw new KeyInputError('The secret is not valid base64url.')
  return bytes
}
