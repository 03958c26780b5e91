/**
 * ECDH key agreement on node:crypto for ECDH-ES (RFC 7518 section 4.6, RFC 8037 section 3.2).
 * P-256, P-384 and P-521 run on createECDH with raw points, X25519 and X448 on KeyObjects.
 */
import { createECDH, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto'
import type { ECDH, JsonWebKey, KeyObject } from 'node:crypto'
import { JotError } from '../../errors.js'
import type { Curve } from '../../jwa/jws-algorithms.js'
import type { JwkMembers } from '../../keys/key-backend.js'
import {
  EcPublicPoint,
  isOnCurve,
  primeCurveNamed,
  primeCurveOf,
  uncompressedPoint,
} from './ec-point.js'
import type { PrimeCurve } from './ec-point.js'

/** The private half of a fresh key pair, and its public members. */
export interface AgreementKeyPair {
  readonly privateKey: KeyObject | EphemeralEcKey
  readonly publicMembers: JwkMembers
}

/** An EC private key held by createECDH: an ephemeral key, or a KeyObject's copy. */
export class EcPrivateKey {
  constructor(
    readonly curve: PrimeCurve,
    readonly ecdh: ECDH,
  ) {}
}

/**
 * The private half of an ephemeral EC key pair, good for one key agreement. Its createECDH
 * object then goes back to a spare slot for its curve, and the next generateKeys call there
 * replaces the private key. Creating the object builds the curve group, which took about as
 * long as generating the key itself (Node.js 20.20, OpenSSL 3.0.19, a shared 2-core VM, so an
 * estimate). Two key pairs that are both still unused never share an object.
 */
export class EphemeralEcKey {
  #ecdh: ECDH | undefined

  constructor(
    readonly curve: PrimeCurve,
    ecdh: ECDH,
  ) {
    this.#ecdh = ecdh
  }

  /** Computes Z with the peer's point; undefined when it fails or the key was used before. */
  computeSecret(point: Buffer): Buffer | undefined {
    const ecdh = this.#ecdh
    if (ecdh === undefined) return undefined
    this.#ecdh = undefined
    try {
      return ecdh.computeSecret(point)
    } catch {
      return undefined
    } finally {
      spareEphemeralEcdh.set(this.curve.name, ecdh)
    }
  }
}

// NOTE: a spare object still holds the last ephemeral private key of its curve until the next
// ECDH-ES encryption replaces it, much as an unreferenced object did until garbage collection.
const spareEphemeralEcdh = new Map<PrimeCurve['name'], ECDH>()

function takeEphemeralEcdh(curve: PrimeCurve): ECDH {
  const spare = spareEphemeralEcdh.get(curve.name)
  if (spare === undefined) return createECDH(curve.name)
  spareEphemeralEcdh.delete(curve.name)
  return spare
}

// createECDH works on raw points. On Node.js 20.20 with OpenSSL 3.0.19, importing an epk JWK
// as a KeyObject took about as long as the ECDH itself, and generating a key pair and
// exporting its JWK about three times as long as createECDH().generateKeys() (measured on a
// shared 2-core VM, so an estimate). A KeyObject's ECDH copy and point are derived once and
// live as long as the KeyObject.
const privateCopies = new WeakMap<KeyObject, EcPrivateKey>()
const publicPoints = new WeakMap<KeyObject, EcPublicPoint>()

function exportJwk(key: KeyObject): JsonWebKey {
  return key.export({ format: 'jwk' })
}

function coordinate(value: unknown): Buffer {
  return Buffer.from(typeof value === 'string' ? value : '', 'base64url')
}

function ecPrivateKeyOf(key: KeyObject): EcPrivateKey | undefined {
  const cached = privateCopies.get(key)
  if (cached !== undefined) return cached
  const curve = primeCurveNamed(key.asymmetricKeyDetails?.namedCurve)
  if (key.type !== 'private' || curve === undefined) return undefined
  const ecdh = createECDH(curve.name)
  ecdh.setPrivateKey(coordinate(exportJwk(key).d))
  const copy = new EcPrivateKey(curve, ecdh)
  privateCopies.set(key, copy)
  return copy
}

function ecPublicPointOf(key: KeyObject): EcPublicPoint | undefined {
  const cached = publicPoints.get(key)
  if (cached !== undefined) return cached
  const curve = primeCurveNamed(key.asymmetricKeyDetails?.namedCurve)
  if (curve === undefined) return undefined
  const { x, y } = exportJwk(key)
  const point = new EcPublicPoint(curve, uncompressedPoint(coordinate(x), coordinate(y)))
  publicPoints.set(key, point)
  return point
}

function pointMembers(crv: Curve, curve: PrimeCurve, point: Buffer): JwkMembers {
  return {
    kty: 'EC',
    crv,
    x: point.subarray(1, 1 + curve.bytes).toString('base64url'),
    y: point.subarray(1 + curve.bytes).toString('base64url'),
  }
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

function invalidPublicKey(cause?: unknown): JotError {
  return new JotError('KEY_INVALID', 'The public key is not valid on its curve.', { cause })
}

/**
 * Imports public key members for key agreement, checking that an EC point lies on its curve,
 * which blocks invalid-curve attacks on the recipient's key. createECDH checks the point
 * again when it computes the secret. OpenSSL checks X25519 and X448 keys on import.
 * @throws JotError `KEY_INVALID` when the members are not a valid public key.
 */
export function importAgreementPublicKey(members: JwkMembers): KeyObject | EcPublicPoint {
  const curve = primeCurveOf(members['crv'] ?? '')
  if (curve !== undefined && members['kty'] === 'EC') {
    const x = coordinate(members['x'])
    const y = coordinate(members['y'])
    if (!isOnCurve(curve, x, y)) throw invalidPublicKey()
    return new EcPublicPoint(curve, uncompressedPoint(x, y))
  }
  try {
    return createPublicKey({ key: members as JsonWebKey, format: 'jwk' })
  } catch (cause) {
    throw invalidPublicKey(cause)
  }
}

/** Generates an ephemeral key pair on a curve, returning its private key and public members. */
export function generateAgreementKeyPair(crv: Curve): AgreementKeyPair {
  const curve = primeCurveOf(crv)
  if (curve !== undefined) {
    const ecdh = takeEphemeralEcdh(curve)
    const point = ecdh.generateKeys()
    return {
      privateKey: new EphemeralEcKey(curve, ecdh),
      publicMembers: pointMembers(crv, curve, point),
    }
  }
  const privateKey =
    crv === 'X448'
      ? generateKeyPairSync('x448').privateKey
      : generateKeyPairSync('x25519').privateKey
  return { privateKey, publicMembers: publicMembersOf(privateKey) }
}

/** Returns the public JWK members of an agreement key: a KeyObject, private or public. */
export function agreementPublicMembers(key: KeyObject): JwkMembers {
  return publicMembersOf(key)
}

/**
 * Computes the ECDH shared secret Z. Undefined when the keys are on different curves, when
 * OpenSSL refuses the pair, or when the result is all zeros, which a low-order X25519 or X448
 * point produces (RFC 7748 section 6.1).
 */
export function deriveSharedSecret(
  privateHandle: unknown,
  publicHandle: unknown,
): Uint8Array | undefined {
  // Sound: every handle the JWE code passes here came from this backend, so one that is not
  // an EphemeralEcKey, EcPrivateKey or EcPublicPoint is a KeyObject.
  const ecKey =
    privateHandle instanceof EphemeralEcKey || privateHandle instanceof EcPrivateKey
      ? privateHandle
      : ecPrivateKeyOf(privateHandle as KeyObject)
  const secret =
    ecKey === undefined
      ? okpSharedSecret(privateHandle as KeyObject, publicHandle as KeyObject)
      : ecSharedSecret(ecKey, publicHandle as KeyObject | EcPublicPoint)
  return secret !== undefined && secret.some((byte) => byte !== 0) ? secret : undefined
}

function ecSharedSecret(
  privateKey: EphemeralEcKey | EcPrivateKey,
  publicHandle: KeyObject | EcPublicPoint,
): Buffer | undefined {
  const publicKey =
    publicHandle instanceof EcPublicPoint ? publicHandle : ecPublicPointOf(publicHandle)
  if (publicKey?.curve !== privateKey.curve) return undefined
  if (privateKey instanceof EphemeralEcKey) return privateKey.computeSecret(publicKey.point)
  try {
    return privateKey.ecdh.computeSecret(publicKey.point)
  } catch {
    return undefined
  }
}

function okpSharedSecret(privateKey: KeyObject, publicKey: KeyObject): Buffer | undefined {
  try {
    const peer = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey
    return diffieHellman({ privateKey, publicKey: peer })
  } catch {
    return undefined
  }
}
