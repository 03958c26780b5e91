/** Key import, export and generation on node:crypto KeyObjects. */
import {
  X509Certificate,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPair,
  randomBytes,
  sign,
  verify,
} from 'node:crypto'
import type { JsonWebKey, KeyObject } from 'node:crypto'
import { JotError } from '../../errors.js'
import type { Curve, EcCurve, KeyType, OkpCurve } from '../../jwa/jws-algorithms.js'
import { CURVES } from '../../keys/curves.js'
import type {
  BackendKey,
  DerFormat,
  JwkMembers,
  KeyBackend,
  KeyPairSpec,
} from '../../keys/key-backend.js'
import { digest } from './digest.js'

// OpenSSL names the NIST curves differently from JOSE (RFC 7518 section 6.2.1.1).
const EC_CURVES = new Map<string, EcCurve>([
  ['prime256v1', 'P-256'],
  ['secp384r1', 'P-384'],
  ['secp521r1', 'P-521'],
  ['secp256k1', 'secp256k1'],
])
const OPENSSL_CURVE_NAMES = new Map<Curve, string>([...EC_CURVES].map(([name, crv]) => [crv, name]))

const OKP_CURVES = new Map<string, OkpCurve>([
  ['ed25519', 'Ed25519'],
  ['ed448', 'Ed448'],
  ['x25519', 'X25519'],
  ['x448', 'X448'],
])

const OKP_TYPES = new Map<Curve, string>([...OKP_CURVES].map(([type, crv]) => [crv, type]))

const DER_NAMES: Readonly<Record<DerFormat, string>> = {
  spki: 'SPKI public key',
  'pkcs1-public': 'PKCS #1 RSA public key',
  pkcs8: 'PKCS #8 private key',
  'pkcs1-private': 'PKCS #1 RSA private key',
  sec1: 'SEC 1 EC private key',
  x509: 'X.509 certificate',
}

const KEY_PAIR_PROBE = new TextEncoder().encode('jot key pair check')

// Every handle this backend receives came from describeKey below, so it is a KeyObject.
function keyObjectOf(handle: unknown): KeyObject {
  return handle as KeyObject
}

function describeKey(keyObject: KeyObject): BackendKey {
  if (keyObject.type === 'secret') {
    return material(keyObject, 'oct', undefined, (keyObject.symmetricKeySize ?? 0) * 8)
  }
  const type = keyObject.asymmetricKeyType ?? 'unknown'
  const details = keyObject.asymmetricKeyDetails ?? {}
  if (type === 'rsa') {
    return material(keyObject, 'RSA', undefined, details.modulusLength ?? 0, details.publicExponent)
  }
  const crv = type === 'ec' ? EC_CURVES.get(details.namedCurve ?? '') : OKP_CURVES.get(type)
  if (crv !== undefined) return material(keyObject, CURVES[crv].kty, crv, CURVES[crv].bits)
  throw unsupportedKey(type, details.namedCurve)
}

function material(
  keyObject: KeyObject,
  kty: KeyType,
  crv: Curve | undefined,
  bits: number,
  publicExponent?: bigint,
): BackendKey {
  return { kind: keyObject.type, kty, crv, bits, publicExponent, handle: keyObject }
}

function unsupportedKey(type: string, namedCurve: string | undefined): JotError {
  if (type === 'ec') {
    return new JotError(
      'KEY_UNSUPPORTED',
      `The EC curve ${namedCurve ?? '(explicit parameters)'} is not supported; use P-256, P-384, P-521 or secp256k1.`,
    )
  }
  if (type === 'rsa-pss') {
    // node:crypto cannot export id-RSASSA-PSS keys as JWK, and their parameters could pin a
    // hash other than the algorithm's, so only plain rsaEncryption keys are taken.
    return new JotError(
      'KEY_UNSUPPORTED',
      'RSASSA-PSS (id-RSASSA-PSS) keys are not supported; use an rsaEncryption RSA key for PS256, PS384 and PS512.',
    )
  }
  return new JotError('KEY_UNSUPPORTED', `The key type ${type} is not supported.`)
}

function toJwkMembers(jwk: JsonWebKey): JwkMembers {
  const members: Record<string, string> = {}
  for (const [name, value] of Object.entries(jwk)) {
    if (typeof value === 'string') members[name] = value
  }
  return members
}

function importDerKeyObject(format: DerFormat, der: Buffer): KeyObject {
  switch (format) {
    case 'spki':
      return createPublicKey({ key: der, format: 'der', type: 'spki' })
    case 'pkcs1-public':
      return createPublicKey({ key: der, format: 'der', type: 'pkcs1' })
    case 'pkcs8':
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    case 'pkcs1-private':
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })
    case 'sec1':
      return createPrivateKey({ key: der, format: 'der', type: 'sec1' })
    case 'x509':
      return new X509Certificate(der).publicKey
  }
}

function generateKeyObjects(
  spec: KeyPairSpec,
): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject): void => {
      if (error === null) resolve({ publicKey, privateKey })
      else reject(error)
    }
    // The callback form runs RSA generation, which can take seconds, off the main thread.
    if (spec.kty === 'RSA') {
      generateKeyPair('rsa', { modulusLength: spec.modulusLength, publicExponent: 0x10001 }, done)
    } else if (spec.kty === 'EC') {
      generateKeyPair('ec', { namedCurve: OPENSSL_CURVE_NAMES.get(spec.crv) ?? spec.crv }, done)
    } else {
      // OKP types take no options, so node's overloads for them are alike; any one will do.
      generateKeyPair(OKP_TYPES.get(spec.crv) as 'ed25519', undefined, done)
    }
  })
}

/** The key operations of the Node.js backend. */
export const nodeKeyBackend: KeyBackend = {
  importJwk(members, kind) {
    let keyObject: KeyObject
    try {
      const key = members as JsonWebKey
      keyObject =
        kind === 'private'
          ? createPrivateKey({ key, format: 'jwk' })
          : createPublicKey({ key, format: 'jwk' })
    } catch (cause) {
      // OpenSSL rejects EC points that are not on the named curve here.
      throw new JotError('KEY_INVALID', `The ${members['kty'] ?? ''} JWK is not a valid key.`, {
        cause,
      })
    }
    return describeKey(keyObject)
  },

  importDer(format, der) {
    let keyObject: KeyObject
    try {
      keyObject = importDerKeyObject(format, Buffer.from(der))
    } catch (cause) {
      throw new JotError('KEY_INVALID', `The key data is not a valid ${DER_NAMES[format]}.`, {
        cause,
      })
    }
    return describeKey(keyObject)
  },

  importSecret(secret) {
    return describeKey(createSecretKey(secret))
  },

  exportJwk(handle) {
    return toJwkMembers(keyObjectOf(handle).export({ format: 'jwk' }))
  },

  exportPublicJwk(handle) {
    const keyObject = keyObjectOf(handle)
    const publicKey = keyObject.type === 'private' ? createPublicKey(keyObject) : keyObject
    return toJwkMembers(publicKey.export({ format: 'jwk' }))
  },

  exportPem(handle) {
    const keyObject = keyObjectOf(handle)
    const pem =
      keyObject.type === 'private'
        ? keyObject.export({ format: 'pem', type: 'pkcs8' })
        : keyObject.export({ format: 'pem', type: 'spki' })
    return pem.toString()
  },

  toPublicKey(handle) {
    return describeKey(createPublicKey(keyObjectOf(handle)))
  },

  isKeyPair(privateHandle, publicHandle) {
    const privateKey = keyObjectOf(privateHandle)
    const publicKey = keyObjectOf(publicHandle)
    const type = privateKey.asymmetricKeyType
    if (type === 'x25519' || type === 'x448') {
      // Key agreement keys cannot sign, but node:crypto derives their public key from d.
      const derived = createPublicKey(privateKey).export({ format: 'jwk' })
      return derived.x === publicKey.export({ format: 'jwk' }).x
    }
    // A signature check covers every signing key type alike. Comparing public members would
    // not: an EC private KeyObject keeps whatever public point it was given.
    const hash = type === 'ed25519' || type === 'ed448' ? null : 'sha256'
    try {
      return verify(hash, KEY_PAIR_PROBE, publicKey, sign(hash, KEY_PAIR_PROBE, privateKey))
    } catch {
      // OpenSSL refuses to sign with some inconsistent private keys (an RSA qi larger than p);
      // such a key is no pair either.
      return false
    }
  },

  async generateKeyPair(spec) {
    let pair: { publicKey: KeyObject; privateKey: KeyObject }
    try {
      pair = await generateKeyObjects(spec)
    } catch (cause) {
      const description = spec.kty === 'RSA' ? `${spec.modulusLength}-bit RSA` : spec.crv
      throw new JotError(
        'KEY_UNSUPPORTED',
        `node:crypto could not generate a ${description} key pair.`,
        {
          cause,
        },
      )
    }
    return { privateKey: describeKey(pair.privateKey), publicKey: describeKey(pair.publicKey) }
  },

  generateSecret(byteLength) {
    return describeKey(createSecretKey(randomBytes(byteLength)))
  },

  digest,
}
