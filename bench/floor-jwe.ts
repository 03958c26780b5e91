/**
 * The JWE floor: the least work a correct implementation does to encrypt or decrypt a JWT
 * with node:crypto and prepared KeyObjects. Encrypt: JSON and base64url of header and
 * claims, the key management step, one AES-256-GCM encryption. Decrypt: split, parse the
 * header and check `alg` and `enc`, that it has no `crit` or `zip`, and the IV and tag
 * lengths, then the key management step, one AES-256-GCM decryption, parse the claims and
 * check `exp`, `nbf`, `iss` and `aud`.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createECDH,
  createHash,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type ECDH,
  type KeyObject,
} from 'node:crypto'
import type { Contender, Implementation } from './contender.js'
import { checkClaims, decodeJson, encodeJson, isObject } from './floor.js'
import { JWE_ENC, type JweAlgorithm, type JweKeyMaterial } from './jwe-keys.js'
import type { Claims } from './token.js'

// RFC 3394 section 2.2.3.1: the default initial value of AES Key Wrap.
const KEY_WRAP_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex')

/** The CEK of one token, and what the recipient needs to recover it. */
interface WrappedKey {
  readonly cek: Buffer
  readonly encryptedKey: Buffer
  /** Header parameters the key management step adds (`epk` for ECDH-ES). */
  readonly headerParameters: Readonly<Record<string, unknown>>
}

function wrapKey(kek: KeyObject | Buffer, cek: Buffer): Buffer {
  const cipher = createCipheriv('id-aes256-wrap', kek, KEY_WRAP_IV)
  return Buffer.concat([cipher.update(cek), cipher.final()])
}

function unwrapKey(kek: KeyObject | Buffer, encryptedKey: Buffer): Buffer {
  const decipher = createDecipheriv('id-aes256-wrap', kek, KEY_WRAP_IV)
  return Buffer.concat([decipher.update(encryptedKey), decipher.final()])
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}

// RFC 7518 section 4.6.2: Concat KDF with SHA-256. One round gives the 256 bits A256KW needs;
// AlgorithmID is the `alg`, PartyUInfo and PartyVInfo are empty, SuppPubInfo is the bit length.
const KDF_OTHER_INFO = Buffer.concat([
  lengthPrefixed(Buffer.from('ECDH-ES+A256KW')),
  lengthPrefixed(Buffer.alloc(0)),
  lengthPrefixed(Buffer.alloc(0)),
  Buffer.from([0, 0, 1, 0]),
])
const KDF_ROUND_ONE = Buffer.from([0, 0, 0, 1])

function deriveKeyEncryptionKey(ecdh: ECDH, peerPublicKey: Buffer): Buffer {
  // computeSecret rejects a point that is not on the curve (invalid-curve attacks).
  const sharedSecret = ecdh.computeSecret(peerPublicKey)
  return createHash('sha256')
    .update(KDF_ROUND_ONE)
    .update(sharedSecret)
    .update(KDF_OTHER_INFO)
    .digest()
}

/** Returns the SEC 1 uncompressed encoding (0x04, x, y) of a P-256 public JWK. */
function uncompressedPoint(jwk: Readonly<Record<string, unknown>>): Buffer {
  const { kty, crv, x, y } = jwk
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') {
    throw new Error('The key is not a P-256 public key.')
  }
  const xBytes = Buffer.from(x, 'base64url')
  const yBytes = Buffer.from(y, 'base64url')
  if (xBytes.length !== 32 || yBytes.length !== 32) {
    throw new Error('The key coordinates are not 32 bytes each.')
  }
  return Buffer.concat([Buffer.from([4]), xBytes, yBytes])
}

// RFC 7518 section 4.3: RSAES-OAEP with SHA-256 and MGF1 with SHA-256.
const OAEP_PADDING = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }

function createKeyWrapper(material: JweKeyMaterial): () => WrappedKey {
  const key = material.encryptionKey
  switch (material.alg) {
    case 'dir': {
      const cek = key.export()
      return () => ({ cek, encryptedKey: Buffer.alloc(0), headerParameters: {} })
    }
    case 'A256KW':
      return () => {
        const cek = randomBytes(32)
        return { cek, encryptedKey: wrapKey(key, cek), headerParameters: {} }
      }
    case 'ECDH-ES+A256KW': {
      const recipient = uncompressedPoint(material.encryptionJwk)
      return () => {
        // createECDH works on raw points, which spares the KeyObject and JWK conversions.
        const ephemeral = createECDH('prime256v1')
        const point = ephemeral.generateKeys()
        const epk = {
          kty: 'EC',
          crv: 'P-256',
          x: point.subarray(1, 33).toString('base64url'),
          y: point.subarray(33).toString('base64url'),
        }
        const cek = randomBytes(32)
        const kek = deriveKeyEncryptionKey(ephemeral, recipient)
        return { cek, encryptedKey: wrapKey(kek, cek), headerParameters: { epk } }
      }
    }
    case 'RSA-OAEP-256':
      return () => {
        const cek = randomBytes(32)
        return {
          cek,
          encryptedKey: publicEncrypt({ key, ...OAEP_PADDING }, cek),
          headerParameters: {},
        }
      }
  }
}

function createKeyUnwrapper(
  material: JweKeyMaterial,
): (header: Record<string, unknown>, encryptedKey: Buffer) => Buffer {
  const key = material.decryptionKey
  switch (material.alg) {
    case 'dir': {
      const cek = key.export()
      return (_header, encryptedKey) => {
        if (encryptedKey.length !== 0) throw new Error('A dir token carries an encrypted key.')
        return cek
      }
    }
    case 'A256KW':
      return (_header, encryptedKey) => unwrapKey(key, encryptedKey)
    case 'ECDH-ES+A256KW': {
      const recipient = createECDH('prime256v1')
      recipient.setPrivateKey(Buffer.from(String(material.decryptionJwk.d), 'base64url'))
      return (header, encryptedKey) => {
        const epk = header['epk']
        if (!isObject(epk)) throw new Error('The epk header parameter is missing.')
        const kek = deriveKeyEncryptionKey(recipient, uncompressedPoint(epk))
        return unwrapKey(kek, encryptedKey)
      }
    }
    case 'RSA-OAEP-256':
      return (_header, encryptedKey) => privateDecrypt({ key, ...OAEP_PADDING }, encryptedKey)
  }
}

/** Creates the floor's encrypter, which returns a compact JWE of the claims. */
export function createFloorEncrypter(material: JweKeyMaterial): (claims: Claims) => string {
  const wrapper = createKeyWrapper(material)
  const baseHeader = { alg: material.alg, enc: JWE_ENC, typ: 'JWT' }

  return (claims) => {
    const { cek, encryptedKey, headerParameters } = wrapper()
    const encodedHeader = encodeJson({ ...baseHeader, ...headerParameters })
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', cek, iv)
    // RFC 7516 section 5.1, step 14: the AAD is the ASCII of the encoded protected header.
    cipher.setAAD(Buffer.from(encodedHeader))
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims)), cipher.final()])
    return [
      encodedHeader,
      encryptedKey.toString('base64url'),
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.')
  }
}

/** Creates the floor's decrypter, which returns the checked claims or throws. */
export function createFloorDecrypter(material: JweKeyMaterial): (token: string) => Claims {
  const unwrapper = createKeyUnwrapper(material)
  const alg: JweAlgorithm = material.alg

  return (token) => {
    const parts = token.split('.')
    if (parts.length !== 5) throw new Error('The token does not have five segments.')
    const [headerSegment, keySegment, ivSegment, ciphertextSegment, tagSegment] = parts as [
      string,
      string,
      string,
      string,
      string,
    ]
    const header = decodeJson(headerSegment)
    // RFC 8725 section 3.1: the key decides the algorithms, never the token.
    if (!isObject(header) || header['alg'] !== alg || header['enc'] !== JWE_ENC) {
      throw new Error('The token header is invalid or names other algorithms.')
    }
    // RFC 7515 section 4.1.11 (applied by RFC 7516 section 4.1.13): a recipient rejects a
    // crit it does not process, and the floor processes no extension. It does not inflate
    // either, so a compressed token (RFC 7516 section 4.1.3) is rejected too.
    if (header['crit'] !== undefined || header['zip'] !== undefined) {
      throw new Error('The token header names an extension or compression.')
    }
    // RFC 7518 section 5.3: AES-GCM in JWE takes a 96-bit IV and a 128-bit tag, and OpenSSL
    // would accept other lengths.
    const iv = Buffer.from(ivSegment, 'base64url')
    const tag = Buffer.from(tagSegment, 'base64url')
    if (iv.length !== 12) throw new Error('The initialization vector is not 96 bits.')
    if (tag.length !== 16) throw new Error('The authentication tag is not 128 bits.')

    const cek = unwrapper(header, Buffer.from(keySegment, 'base64url'))
    const decipher = createDecipheriv('aes-256-gcm', cek, iv)
    decipher.setAAD(Buffer.from(headerSegment))
    decipher.setAuthTag(tag)
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertextSegment, 'base64url')),
      decipher.final(),
    ])
    const claims: unknown = JSON.parse(plaintext.toString())
    checkClaims(claims)
    return claims
  }
}

/** The JWE floor as a column. */
export const floorJwe: Contender<JweKeyMaterial> = {
  column: 'floor',
  prepare(material) {
    const implementation: Implementation = {
      mode: 'sync',
      createToken: createFloorEncrypter(material),
      readToken: createFloorDecrypter(material),
    }
    return Promise.resolve(implementation)
  },
}
