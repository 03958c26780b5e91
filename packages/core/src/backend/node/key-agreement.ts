/** ECDH key agreement on node:crypto for ECDH-ES (RFC 7518 section 4.6, RFC 8037 section 3.2). */
import { createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto'
import type { JsonWebKey, KeyObject } from 'node:crypto'
import { JotError } from '../../errors.js'
import type { Curve } from '../../jwa/jws-algorithms.js'
import type { JwkMembers } from '../../keys/key-backend.js'

/** A public key imported from JWK members, and the private half of a fresh key pair. */
export interface AgreementKeyPair {
  readonly privateKey: KeyObject
  readonly publicMembers: JwkMembers
}

const EC_NAMES: Partial<Record<Curve, string>> = {
  'P-256': 'prime256v1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
}

function publicMembersOf(key: KeyObject): JwkMembers {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  const jwk = publicKey.export({ format: 'jwk' })
  const members: Record<string, string> = {}
  // RFC 7518 section 6.2.1 and RFC 8037 section 2 order, so an epk reads the same everywhere.
  for (const name of ['kty', 'crv', 'x', 'y'] as const) {
    const value = jwk[name]
    if (typeof value === 'string') members[name] = value
  }
  return members
}

/**
 * Imports public key members for key agreement. OpenSSL checks that an EC point lies on its
 * curve here, which blocks invalid-curve attacks on the recipient's key.
 * @throws JotError `KEY_INVALID` when the members are not a valid public key.
 */
export function importAgreementPublicKey(members: JwkMembers): KeyObject {
  try {
    return createPublicKey({ key: members as JsonWebKey, format: 'jwk' })
  } catch (cause) {
    throw new JotError('KEY_INVALID', 'The public key is not valid on its curve.', { cause })
  }
}

/** Generates an ephemeral key pair on a curve, returning its private key and public members. */
export function generateAgreementKeyPair(crv: Curve): AgreementKeyPair {
  const ecName = EC_NAMES[crv]
  let privateKey: KeyObject
  if (ecName !== undefined)
    privateKey = generateKeyPairSync('ec', { namedCurve: ecName }).privateKey
  else if (crv === 'X448') privateKey = generateKeyPairSync('x448').privateKey
  else privateKey = generateKeyPairSync('x25519').privateKey
  return { privateKey, publicMembers: publicMembersOf(privateKey) }
}

/** Returns the public JWK members of an agreement key, private or public. */
export function agreementPublicMembers(key: KeyObject): JwkMembers {
  return publicMembersOf(key)
}

/**
 * Computes the ECDH shared secret Z. Undefined when OpenSSL refuses the pair or the result is
 * all zeros, which a low-order X25519 or X448 point produces (RFC 7748 section 6.1).
 */
export function deriveSharedSecret(
  privateKey: KeyObject,
  publicKey: KeyObject,
): Uint8Array | undefined {
  const peer = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey
  let secret: Buffer
  try {
    secret = diffieHellman({ privateKey, publicKey: peer })
  } catch {
    return undefined
  }
  return secret.some((byte) => byte !== 0) ? secret : undefined
}
