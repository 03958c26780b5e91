/** Key import, export and generation on Web Crypto, with JWK members as the stored form. */
import { JotError } from '../../errors.js'
import { encodeBase64url } from '../../encoding/base64url.js'
import type { Curve } from '../../jwa/jws-algorithms.js'
import type {
  BackendKey,
  DerFormat,
  JwkMembers,
  KeyBackend,
  KeyPairSpec,
} from '../../keys/key-backend.js'
import { readKeyAlgorithm } from './der.js'
import {
  importJwkMembers,
  keyMembers,
  keyProfile,
  publicMembers,
  unsupportedKey,
  webHandle,
  webKey,
} from './key-handle.js'
import type { KeyProfile, WebKeyHandle } from './key-handle.js'
import { bufferSource, isNotSupported, randomBytes, subtle, webHashName } from './subtle.js'

const DER_NAMES: Readonly<Record<DerFormat, string>> = {
  spki: 'SPKI public key',
  'pkcs1-public': 'PKCS #1 RSA public key',
  pkcs8: 'PKCS #8 private key',
  'pkcs1-private': 'PKCS #1 RSA private key',
  sec1: 'SEC 1 EC private key',
  x509: 'X.509 certificate',
}

// DER content of the algorithm OIDs (RFC 8017, RFC 5480, RFC 8410) mapped to kty and crv.
const KEY_OIDS: Readonly<Record<string, { kty: string; crv?: Curve }>> = {
  '2a864886f70d010101': { kty: 'RSA' },
  '2b6570': { kty: 'OKP', crv: 'Ed25519' },
  '2b6571': { kty: 'OKP', crv: 'Ed448' },
  '2b656e': { kty: 'OKP', crv: 'X25519' },
  '2b656f': { kty: 'OKP', crv: 'X448' },
}
const EC_PUBLIC_KEY_OID = '2a8648ce3d0201'
const RSA_PSS_OID = '2a864886f70d01010a'
const EC_CURVE_OIDS: Readonly<Record<string, Curve>> = {
  '2a8648ce3d030107': 'P-256',
  '2b81040022': 'P-384',
  '2b81040023': 'P-521',
  '2b8104000a': 'secp256k1',
}

const PAIR_PROBE = new TextEncoder().encode('jot key pair check')

function derKeyType(format: 'spki' | 'pkcs8', der: Uint8Array): KeyProfile {
  const { oid, parameterOid } = readKeyAlgorithm(format, der)
  if (oid === RSA_PSS_OID) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      'RSASSA-PSS (id-RSASSA-PSS) keys are not supported; use an rsaEncryption RSA key for PS256, PS384 and PS512.',
    )
  }
  if (oid === EC_PUBLIC_KEY_OID) {
    const crv = EC_CURVE_OIDS[parameterOid ?? '']
    if (crv === undefined) {
      throw new JotError(
        'KEY_UNSUPPORTED',
        'The EC curve of this key is not supported; use P-256, P-384 or P-521.',
      )
    }
    return keyProfile('EC', crv)
  }
  const type = KEY_OIDS[oid]
  if (type === undefined) throw new JotError('KEY_UNSUPPORTED', 'The key type is not supported.')
  return keyProfile(type.kty, type.crv)
}

async function importDer(format: DerFormat, der: Uint8Array): Promise<BackendKey> {
  if (format !== 'spki' && format !== 'pkcs8') {
    throw new JotError(
      'KEY_UNSUPPORTED',
      `The Web Crypto backend cannot import a ${DER_NAMES[format]}; convert it to SPKI or PKCS #8 first (for example with openssl pkey).`,
    )
  }
  const profile = derKeyType(format, der)
  const usages = format === 'spki' ? profile.publicUsages : profile.privateUsages
  let jwk: JsonWebKey
  try {
    const key = await subtle().importKey(format, bufferSource(der), profile.algorithm, true, [
      ...usages,
    ])
    jwk = await subtle().exportKey('jwk', key)
  } catch (cause) {
    if (isNotSupported(cause)) {
      throw new JotError(
        'KEY_UNSUPPORTED',
        'The Web Crypto backend of this runtime does not support this key type.',
        { cause },
      )
    }
    throw new JotError('KEY_INVALID', `The key data is not a valid ${DER_NAMES[format]}.`, {
      cause,
    })
  }
  return webKey(keyMembers(jwk), format === 'spki' ? 'public' : 'private')
}

function profileOf(handle: WebKeyHandle): KeyProfile {
  return keyProfile(handle.members['kty'], handle.members['crv'])
}

function pemWrap(label: string, der: Uint8Array): string {
  const base64 = encodeBase64url(der).replaceAll('-', '+').replaceAll('_', '/')
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4)
  const lines = padded.match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

async function exportPem(handle: WebKeyHandle): Promise<string> {
  const profile = profileOf(handle)
  const isPrivate = handle.kind === 'private'
  const members = isPrivate ? handle.members : publicMembers(handle.members)
  const usages = isPrivate ? profile.privateUsages : profile.publicUsages
  const key = await importJwkMembers(members, profile.algorithm, usages, true)
  const der = new Uint8Array(await subtle().exportKey(isPrivate ? 'pkcs8' : 'spki', key))
  return pemWrap(isPrivate ? 'PRIVATE KEY' : 'PUBLIC KEY', der)
}

// X25519 and X448 keys cannot sign, so a pair is checked by agreement: a fresh key pair E
// gives the same secret with (d, E public) as with (E private, x) only when x belongs to d.
async function isAgreementPair(
  profile: KeyProfile,
  privateMembers: JwkMembers,
  publicKeyMembers: JwkMembers,
): Promise<boolean> {
  // The cast is sound: keyProfile names agreement algorithms by a plain string.
  const name = profile.algorithm as string
  const ephemeral = (await subtle().generateKey(name, false, ['deriveBits'])) as CryptoKeyPair
  const privateKey = await importJwkMembers(privateMembers, name, ['deriveBits'], false)
  const publicKey = await importJwkMembers(publicKeyMembers, name, [], false)
  const bits = name === 'X448' ? 448 : 256
  const ours = await subtle().deriveBits({ name, public: ephemeral.publicKey }, privateKey, bits)
  const theirs = await subtle().deriveBits({ name, public: publicKey }, ephemeral.privateKey, bits)
  return encodeBase64url(new Uint8Array(ours)) === encodeBase64url(new Uint8Array(theirs))
}

async function isKeyPair(
  privateHandle: WebKeyHandle,
  publicHandle: WebKeyHandle,
): Promise<boolean> {
  const profile = profileOf(privateHandle)
  const publicKeyMembers = publicMembers(publicHandle.members)
  if (profile.publicUsages.length === 0) {
    return isAgreementPair(profile, privateHandle.members, publicKeyMembers)
  }
  const algorithm = profile.algorithm
  const params =
    typeof algorithm === 'object' && algorithm.name === 'ECDSA'
      ? { name: 'ECDSA', hash: 'SHA-256' }
      : algorithm
  const privateKey = await importJwkMembers(privateHandle.members, algorithm, ['sign'], false)
  const publicKey = await importJwkMembers(publicKeyMembers, algorithm, ['verify'], false)
  const signature = await subtle().sign(params, privateKey, PAIR_PROBE)
  return subtle().verify(params, publicKey, signature, PAIR_PROBE)
}

function generateParams(spec: KeyPairSpec): {
  profile: KeyProfile
  algorithm: AlgorithmIdentifier | RsaHashedKeyGenParams | EcKeyGenParams
} {
  if (spec.kty === 'RSA') {
    const profile = keyProfile('RSA', undefined)
    const algorithm = {
      name: 'RSASSA-PKCS1-v1_5',
      hash: 'SHA-256',
      modulusLength: spec.modulusLength,
      publicExponent: new Uint8Array([1, 0, 1]),
    }
    return { profile, algorithm }
  }
  const profile = keyProfile(spec.kty, spec.crv)
  return { profile, algorithm: profile.algorithm }
}

async function generateKeyPair(
  spec: KeyPairSpec,
): Promise<{ readonly privateKey: BackendKey; readonly publicKey: BackendKey }> {
  const { profile, algorithm } = generateParams(spec)
  let privateJwk: JsonWebKey
  let publicJwk: JsonWebKey
  try {
    const usages = [...profile.privateUsages, ...profile.publicUsages]
    const pair = (await subtle().generateKey(algorithm, true, usages)) as CryptoKeyPair
    privateJwk = await subtle().exportKey('jwk', pair.privateKey)
    publicJwk = await subtle().exportKey('jwk', pair.publicKey)
  } catch (cause) {
    const description = spec.kty === 'RSA' ? `${spec.modulusLength}-bit RSA` : spec.crv
    if (isNotSupported(cause)) {
      const error = unsupportedKey(spec.kty, spec.kty === 'RSA' ? undefined : spec.crv)
      throw new JotError(error.code, error.message, { cause })
    }
    throw new JotError(
      'KEY_UNSUPPORTED',
      `Web Crypto could not generate a ${description} key pair.`,
      { cause },
    )
  }
  return {
    privateKey: webKey(keyMembers(privateJwk), 'private'),
    publicKey: webKey(keyMembers(publicJwk), 'public'),
  }
}

/** The key operations of the Web Crypto backend. */
export const webKeyBackend: KeyBackend = {
  async importJwk(members, kind) {
    const profile = keyProfile(members['kty'], members['crv'])
    const usages = kind === 'private' ? profile.privateUsages : profile.publicUsages
    // Importing checks the material: Web Crypto rejects EC points off their curve here.
    await importJwkMembers(keyMembers(members), profile.algorithm, usages, false)
    return webKey(keyMembers(members), kind)
  },

  importDer,

  importSecret(secret) {
    return webKey({ kty: 'oct', k: encodeBase64url(secret) }, 'secret')
  },

  exportJwk(handle) {
    return { ...webHandle(handle).members }
  },

  exportPublicJwk(handle) {
    return publicMembers(webHandle(handle).members)
  },

  exportPem(handle) {
    return exportPem(webHandle(handle))
  },

  toPublicKey(handle) {
    return webKey(publicMembers(webHandle(handle).members), 'public')
  },

  isKeyPair(privateHandle, publicHandle) {
    return isKeyPair(webHandle(privateHandle), webHandle(publicHandle))
  },

  generateKeyPair,

  generateSecret(byteLength) {
    return webKey({ kty: 'oct', k: encodeBase64url(randomBytes(byteLength)) }, 'secret')
  },

  async digest(hash, data) {
    return new Uint8Array(await subtle().digest(webHashName(hash), bufferSource(data)))
  },
}
