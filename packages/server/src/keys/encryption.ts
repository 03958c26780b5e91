/**
 * Encryption of private signing keys at rest: a compact JWE made with jot's own code (`dir`,
 * A256GCM) under a key derived from the master key with HKDF. Keys stored by earlier versions
 * in the `v1.<iv>.<ciphertext>.<tag>` AES-256-GCM format still decrypt.
 */
import { createDecipheriv, hkdfSync } from 'node:crypto'
import { decryptCompact, encryptCompact, importSecret, isJotError } from '@jot/core'
import type { JotKey } from '@jot/core'
import { ServerError } from '../errors.js'
import type { MasterKey } from '../master-key.js'

// Each info string separates one use of the master key from every other derived from it.
const JWE_HKDF_INFO = 'jot signing-key encryption jwe v2'
const V1_HKDF_INFO = 'jot signing-key encryption v1'
const V1_FORMAT = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
// RFC 7516 section 4.1.12 `cty`: the plaintext is a JWK, as the JWK media type names it.
const CONTENT_TYPE = 'jwk+json'

/**
 * Encrypts a private JWK as a compact JWE. The kid sits in the protected header, which is
 * authenticated, so a ciphertext moved to another key's row does not decrypt.
 */
export async function encryptPrivateJwk(
  jwk: Readonly<Record<string, unknown>>,
  masterKey: MasterKey,
  kid: string,
): Promise<string> {
  const plaintext = Buffer.from(JSON.stringify(jwk), 'utf8')
  try {
    return await encryptCompact(plaintext, await jweKey(masterKey), {
      enc: 'A256GCM',
      header: { kid, cty: CONTENT_TYPE },
    })
  } finally {
    plaintext.fill(0)
  }
}

/**
 * Decrypts a private JWK made by encryptPrivateJwk, or by the earlier v1 format, for the same kid.
 * @throws ServerError `MASTER_KEY_MISMATCH` when authentication fails, `STORE_INVALID` when the
 *   stored text is in neither format.
 */
export async function decryptPrivateJwk(
  encrypted: string,
  masterKey: MasterKey,
  kid: string,
): Promise<Record<string, unknown>> {
  if (encrypted.startsWith(`${V1_FORMAT}.`)) return decryptV1(encrypted, masterKey, kid)
  let result: Awaited<ReturnType<typeof decryptCompact>>
  try {
    result = await decryptCompact(encrypted, await jweKey(masterKey), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    })
  } catch (error) {
    if (isJotError(error, 'DECRYPTION_FAILED')) throw mismatch(kid, error)
    throw malformed(kid, error)
  }
  if (result.protectedHeader.kid !== kid) throw mismatch(kid)
  return parseJwk(Buffer.from(result.plaintext), kid)
}

async function jweKey(masterKey: MasterKey): Promise<JotKey> {
  const bytes = deriveKey(masterKey, JWE_HKDF_INFO)
  try {
    return await importSecret(bytes, { alg: 'dir', extractable: false })
  } finally {
    bytes.fill(0)
  }
}

function decryptV1(encrypted: string, masterKey: MasterKey, kid: string): Record<string, unknown> {
  const [format, iv, ciphertext, tag, ...rest] = encrypted.split('.')
  if (format !== V1_FORMAT || iv === undefined || ciphertext === undefined || tag === undefined) {
    throw malformed(kid)
  }
  if (rest.length > 0) throw malformed(kid)
  const ivBytes = Buffer.from(iv, 'base64url')
  const tagBytes = Buffer.from(tag, 'base64url')
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw malformed(kid)

  let plaintext: Buffer
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(masterKey, V1_HKDF_INFO), ivBytes, {
      authTagLength: TAG_BYTES,
    })
    decipher.setAAD(Buffer.from(kid, 'utf8'))
    decipher.setAuthTag(tagBytes)
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ])
  } catch (error) {
    throw mismatch(kid, error)
  }
  return parseJwk(plaintext, kid)
}

function mismatch(kid: string, cause?: unknown): ServerError {
  return new ServerError(
    'MASTER_KEY_MISMATCH',
    `The signing key ${kid} cannot be decrypted with the configured master key. Set ` +
      'JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key.',
    { cause },
  )
}

function parseJwk(plaintext: Buffer, kid: string): Record<string, unknown> {
  let jwk: unknown
  try {
    jwk = JSON.parse(plaintext.toString('utf8'))
  } catch (error) {
    throw malformed(kid, error)
  } finally {
    plaintext.fill(0)
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw malformed(kid)
  return jwk as Record<string, unknown>
}

function deriveKey(masterKey: MasterKey, info: string): Buffer {
  const secret = masterKey.bytes()
  const key = Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), info, 32))
  secret.fill(0)
  return key
}

function malformed(kid: string, cause?: unknown): ServerError {
  return new ServerError(
    'STORE_INVALID',
    `The stored private key of signing key ${kid} is malformed.`,
    {
      cause,
    },
  )
}
