/** The row type of the sibling tables and the keys the rows share. */
import {
  createCipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  randomBytes,
} from 'node:crypto'
import type { JsonWebKey } from 'node:crypto'
import { importJwk, importSecret } from '../../src/index.js'
import { readKeyFixture } from '../keys/helpers.js'
import type { JotKey, KeyAlgorithm } from '../../src/index.js'

/** One sibling of a handed adversarial case: an input of the same class that jot must reject. */
export interface Sibling {
  /** The id of the handed case whose class the sibling belongs to. */
  readonly caseId: string
  readonly name: string
  readonly run: () => unknown
}

/** A fixed clock for tests: 2026-01-01T00:00:00Z. */
export const NOW = 1_767_225_600

/** Encodes a JSON value, or a raw string, as base64url. */
export function segment(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** Signs raw header and payload segments with an HMAC, bypassing every check jot makes. */
export function hmacToken(
  header: string,
  payload: string,
  secret: Uint8Array | string,
  hash: 'sha256' | 'sha384' | 'sha512' = 'sha256',
): string {
  const input = `${header}.${payload}`
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`
}

// Fixture keys rather than fresh ones, so the encoded members, and with them the set of
// spellings each one allows, are the same on every run.
function jwkPair(fixture: string): { privateJwk: JsonWebKey; publicJwk: JsonWebKey } {
  const privateKey = createPrivateKey(readKeyFixture(fixture))
  return {
    privateJwk: privateKey.export({ format: 'jwk' }),
    publicJwk: createPublicKey(privateKey).export({ format: 'jwk' }),
  }
}

export const rsa = jwkPair('rsa-2048-pkcs8.pem')
export const ec = jwkPair('ec-p256-pkcs8.pem')
export const ed25519 = jwkPair('ed25519-pkcs8.pem')
export const x25519 = jwkPair('x25519-pkcs8.pem')

/** A 32-byte HMAC secret. */
export const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i + 1)

/** Imports a private or public JWK, or raw secret bytes, bound to one algorithm. */
export function keyFor(material: JsonWebKey | Uint8Array, alg: KeyAlgorithm): Promise<JotKey> {
  if (material instanceof Uint8Array) return importSecret(material, { alg })
  return importJwk(material, { alg })
}

/** Returns random bytes, as a fresh key or an IV. */
export function random(length: number): Uint8Array {
  return new Uint8Array(randomBytes(length))
}

/**
 * Encrypts content with A256GCM under a direct key for an already encoded header, so the header
 * bytes may be anything, invalid UTF-8 included.
 */
export function sealDirect(
  encodedHeader: string,
  key: Uint8Array,
  content: string | Uint8Array,
): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(encodedHeader, 'ascii'))
  const ciphertext = Buffer.concat([
    cipher.update(typeof content === 'string' ? Buffer.from(content) : content),
    cipher.final(),
  ])
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'))
  return [encodedHeader, '', ...parts].join('.')
}
