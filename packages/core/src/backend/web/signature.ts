/** JWS signatures on Web Crypto; every call returns a promise. */
import { JotError } from '../../errors.js'
import { utf8Encode } from '../../encoding/base64url.js'
import type { JwsAlgorithmEntry } from '../../jwa/jws-algorithms.js'
import { keyHandle } from '../../keys/key.js'
import type { JotKey } from '../../keys/key.js'
import type { SignatureBackend } from '../types.js'
import { importCryptoKey, webHandle } from './key-handle.js'
import { bufferSource, subtle, webHashName } from './subtle.js'

// RFC 7518 section 3.5: PSS uses MGF1 with the same hash and a salt as long as the hash output.
const PSS_SALT_BYTES = { sha256: 32, sha384: 48, sha512: 64 } as const

type ImportParams =
  AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | HmacImportParams
type SignParams = AlgorithmIdentifier | RsaPssParams | EcdsaParams

function importParams(entry: JwsAlgorithmEntry, key: JotKey): ImportParams {
  const hash = webHashName(entry.hash ?? 'sha256')
  switch (entry.family) {
    case 'hmac':
      return { name: 'HMAC', hash }
    case 'rsa-pkcs1':
      return { name: 'RSASSA-PKCS1-v1_5', hash }
    case 'rsa-pss':
      return { name: 'RSA-PSS', hash }
    case 'ecdsa':
      if (key.crv === 'secp256k1') throw unsupportedAlgorithm(entry)
      return { name: 'ECDSA', namedCurve: key.crv ?? '' }
    case 'eddsa':
      return key.crv ?? ''
  }
}

function signParams(entry: JwsAlgorithmEntry, key: JotKey): SignParams {
  const hash = webHashName(entry.hash ?? 'sha256')
  switch (entry.family) {
    case 'ecdsa':
      // Web Crypto's ECDSA signature already is R || S of fixed width, as JWS wants (RFC 7518
      // section 3.4), so no DER conversion is needed.
      return { name: 'ECDSA', hash }
    case 'rsa-pss':
      return { name: 'RSA-PSS', saltLength: PSS_SALT_BYTES[entry.hash ?? 'sha256'] }
    case 'hmac':
      return 'HMAC'
    case 'rsa-pkcs1':
      return 'RSASSA-PKCS1-v1_5'
    case 'eddsa':
      return key.crv ?? ''
  }
}

function unsupportedAlgorithm(entry: JwsAlgorithmEntry): JotError {
  return new JotError(
    'ALG_UNSUPPORTED',
    `The Web Crypto backend does not support ${entry.alg}; use the Node.js backend for it.`,
  )
}

function cryptoKey(
  entry: JwsAlgorithmEntry,
  key: JotKey,
  usage: 'sign' | 'verify',
): Promise<CryptoKey> {
  const handle = webHandle(key[keyHandle])
  const usePublic = usage === 'verify' && key.kind !== 'secret'
  return importCryptoKey(
    handle,
    `${entry.alg}:${usage}`,
    importParams(entry, key),
    [usage],
    usePublic,
  )
}

function toBytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return bufferSource(typeof data === 'string' ? utf8Encode(data) : data)
}

export const webSignatureBackend: SignatureBackend = {
  name: 'web',

  async sign(entry, key, data) {
    const signingKey = await cryptoKey(entry, key, 'sign')
    return new Uint8Array(await subtle().sign(signParams(entry, key), signingKey, toBytes(data)))
  },

  async verify(entry, key, data, signature) {
    // A fixed-width signature of the wrong size is malformed, as on the Node.js backend.
    if (entry.signatureBytes !== 0 && signature.length !== entry.signatureBytes) return false
    const verifyingKey = await cryptoKey(entry, key, 'verify')
    return subtle().verify(
      signParams(entry, key),
      verifyingKey,
      bufferSource(signature),
      toBytes(data),
    )
  },
}
