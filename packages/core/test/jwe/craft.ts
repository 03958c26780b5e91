/** Builds compact JWEs by hand with node:crypto, bypassing every check jot makes. */
import { createCipheriv, createHmac, randomBytes } from 'node:crypto'

/** Encodes a JSON value, or a raw string, as base64url. */
export function segment(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** The five segments of a compact JWE, decoded where they are bytes. */
export interface RawJwe {
  readonly header: string
  readonly encryptedKey: Buffer
  readonly iv: Buffer
  readonly ciphertext: Buffer
  readonly tag: Buffer
}

/** Joins raw parts into a compact JWE. */
export function compact(parts: RawJwe): string {
  return [
    parts.header,
    parts.encryptedKey.toString('base64url'),
    parts.iv.toString('base64url'),
    parts.ciphertext.toString('base64url'),
    parts.tag.toString('base64url'),
  ].join('.')
}

/** Splits a compact JWE into raw parts. */
export function split(token: string): RawJwe {
  const [header = '', encryptedKey = '', iv = '', ciphertext = '', tag = ''] = token.split('.')
  return {
    header,
    encryptedKey: Buffer.from(encryptedKey, 'base64url'),
    iv: Buffer.from(iv, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  }
}

/** Returns a copy of the bytes with one bit flipped in the middle. */
export function flip(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes)
  const index = Math.floor(copy.length / 2)
  copy[index] = (copy[index] as number) ^ 0x01
  return copy
}

/**
 * Encrypts content with AES-GCM under a direct key (`dir`), for any header: the header is
 * encoded as given, so it may say what jot would never write.
 */
export function sealGcm(header: unknown, key: Uint8Array, content: Uint8Array): string {
  const encodedHeader = segment(header)
  const iv = randomBytes(12)
  const cipher = createCipheriv(`aes-${key.length * 8}-gcm` as 'aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(encodedHeader, 'ascii'))
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()])
  return compact({
    header: encodedHeader,
    encryptedKey: Buffer.alloc(0),
    iv,
    ciphertext,
    tag: cipher.getAuthTag(),
  })
}

/**
 * Encrypts a ciphertext for A128CBC-HS256 under a direct key, with a correct tag but content
 * that the caller pads (or fails to pad) by hand.
 */
export function sealCbcUnpadded(header: unknown, key: Uint8Array, content: Uint8Array): string {
  const encodedHeader = segment(header)
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-128-cbc', key.subarray(16), iv).setAutoPadding(false)
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()])
  const aad = Buffer.from(encodedHeader, 'ascii')
  const al = Buffer.alloc(8)
  al.writeBigUInt64BE(BigInt(aad.length * 8))
  const mac = createHmac('sha256', key.subarray(0, 16))
    .update(Buffer.concat([aad, iv, ciphertext, al]))
    .digest()
  return compact({
    header: encodedHeader,
    encryptedKey: Buffer.alloc(0),
    iv,
    ciphertext,
    tag: mac.subarray(0, 16),
  })
}

/** A compact JWE with random content segments, for header checks that run before decryption. */
export function withHeader(header: unknown, encryptedKey = Buffer.alloc(0)): string {
  return compact({
    header: segment(header),
    encryptedKey,
    iv: randomBytes(12),
    ciphertext: randomBytes(16),
    tag: randomBytes(16),
  })
}
