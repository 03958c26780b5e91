/** ECDH key agreement on Web Crypto for ECDH-ES (RFC 7518 section 4.6, RFC 8037 section 3.2). */
import { JotError } from '../../errors.js'
import type { Curve } from '../../jwa/jws-algorithms.js'
import { CURVES } from '../../keys/curves.js'
import type { JwkMembers } from '../../keys/key-backend.js'
import { importCryptoKey, unsupportedKey, webHandle } from './key-handle.js'
import type { WebKeyHandle } from './key-handle.js'
import { isNotSupported, subtle } from './subtle.js'

/** The private key of a fresh ephemeral pair; recipient and fixed keys arrive as WebKeyHandles. */
interface EphemeralPrivateKey {
  readonly ephemeral: CryptoKey
}

// The byte length of Z: the field size of each curve (RFC 7518 section 4.6.2, RFC 7748).
const SECRET_BYTES: Readonly<Partial<Record<Curve, number>>> = {
  'P-256': 32,
  'P-384': 48,
  'P-521': 66,
  X25519: 32,
  X448: 56,
}

function agreementAlgorithm(crv: string): AlgorithmIdentifier | EcKeyImportParams {
  return crv.startsWith('P-') ? { name: 'ECDH', namedCurve: crv } : { name: crv }
}

// RFC 7518 section 6.2.1 and RFC 8037 section 2 order, so an epk reads the same everywhere.
function publicMembersOf(members: JwkMembers | JsonWebKey): JwkMembers {
  const source = members as Record<string, unknown>
  const picked: Record<string, string> = {}
  for (const name of ['kty', 'crv', 'x', 'y']) {
    const value = source[name]
    if (typeof value === 'string') picked[name] = value
  }
  return picked
}

function isWebKeyHandle(handle: unknown): handle is WebKeyHandle {
  return typeof handle === 'object' && handle !== null && 'members' in handle
}

/**
 * Imports public key members for key agreement. Web Crypto in Node.js and Chromium rejects an
 * EC point off its curve here, which blocks invalid-curve attacks on the recipient's key.
 * @throws JotError `KEY_INVALID`; `KEY_UNSUPPORTED` when the runtime lacks the curve.
 */
export async function importAgreementPublicKey(members: JwkMembers): Promise<CryptoKey> {
  const crv = members['crv'] ?? ''
  try {
    return await subtle().importKey('jwk', { ...members }, agreementAlgorithm(crv), true, [])
  } catch (cause) {
    if (isNotSupported(cause)) {
      const error = unsupportedKey(members['kty'], crv)
      throw new JotError(error.code, error.message, { cause })
    }
    throw new JotError('KEY_INVALID', 'The public key is not valid on its curve.', { cause })
  }
}

/**
 * Generates an ephemeral key pair on a curve, returning its private key and public members.
 * @throws JotError `KEY_UNSUPPORTED` when the runtime lacks the curve.
 */
export async function generateAgreementKeyPair(
  crv: Curve,
): Promise<{ readonly privateKey: EphemeralPrivateKey; readonly publicMembers: JwkMembers }> {
  let pair: CryptoKeyPair
  try {
    const generated = await subtle().generateKey(agreementAlgorithm(crv), false, ['deriveBits'])
    // Sound: ECDH, X25519 and X448 generate key pairs.
    pair = generated as CryptoKeyPair
  } catch (cause) {
    const error = unsupportedKey(CURVES[crv].kty, crv)
    throw new JotError(error.code, error.message, { cause })
  }
  const jwk = await subtle().exportKey('jwk', pair.publicKey)
  return { privateKey: { ephemeral: pair.privateKey }, publicMembers: publicMembersOf(jwk) }
}

/** Returns the public JWK members of an agreement key handle, private or public. */
export function agreementPublicMembers(handle: unknown): JwkMembers {
  return publicMembersOf(webHandle(handle).members)
}

function privateKeyOf(handle: unknown): Promise<CryptoKey> {
  if (!isWebKeyHandle(handle)) return Promise.resolve((handle as EphemeralPrivateKey).ephemeral)
  const crv = handle.members['crv'] ?? ''
  return importCryptoKey(handle, 'ECDH:private', agreementAlgorithm(crv), ['deriveBits'], false)
}

function publicKeyOf(handle: unknown): Promise<CryptoKey> {
  // An imported epk is a CryptoKey already; the recipient's key is a handle.
  if (!isWebKeyHandle(handle)) return Promise.resolve(handle as CryptoKey)
  const crv = handle.members['crv'] ?? ''
  return importCryptoKey(handle, 'ECDH:public', agreementAlgorithm(crv), [], true)
}

/**
 * Computes the ECDH shared secret Z. Undefined when Web Crypto refuses the pair (different
 * curves) or the result is all zeros, which a low-order X25519 or X448 point produces (RFC 7748
 * section 6.1); Web Crypto itself rejects that case too.
 */
export async function deriveSharedSecret(
  privateHandle: unknown,
  publicHandle: unknown,
): Promise<Uint8Array | undefined> {
  const [privateKey, publicKey] = await Promise.all([
    privateKeyOf(privateHandle),
    publicKeyOf(publicHandle),
  ])
  const algorithm = privateKey.algorithm as EcKeyAlgorithm
  const crv = (algorithm.namedCurve ?? algorithm.name) as Curve
  const bytes = SECRET_BYTES[crv]
  if (bytes === undefined) return undefined
  let secret: Uint8Array
  try {
    const bits = await subtle().deriveBits(
      { name: algorithm.name, public: publicKey },
      privateKey,
      bytes * 8,
    )
    secret = new Uint8Array(bits)
  } catch {
    return undefined
  }
  return secret.some((byte) => byte !== 0) ? secret : undefined
}
