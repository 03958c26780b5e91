/** Encryption of private signing keys at rest: AES-256-GCM under a key derived with HKDF. */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { ServerError } from '../errors.js'
import type { MasterKey } from '../master-key.js'

// NOTE: a later version stores the private key as a JWE made with jot's own code. This format
// carries a version prefix so that both formats can be read during the change.
const FORMAT = 'v1'
// The info string separates this use of the master key from any other derived from it later.
const HKDF_INFO = 'jot signing-key encryption v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Encrypts a private JWK. The result reads `v1.<iv>.<ciphertext>.<tag>` in base64url; the kid
 * is authenticated data, so a ciphertext moved to another key's row does not decrypt.
 */
export function encryptPrivateJwk(
  jwk: Readonly<Record<string, unknown>>,
  masterKey: MasterKey,
  kid: string,
): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterKey), iv, {
    authTagLength: TAG_BYTES,
  })
  cipher.setAAD(Buffer.from(kid, 'utf8'))
  const plaintext = Buffer.from(JSON.stringify(jwk), 'utf8')
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  plaintext.fill(0)
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'))
  return [FORMAT, ...parts].join('.')
}

/**
 * Decrypts a private JWK made by encryptPrivateJwk for the same kid.
 * @throws ServerError `MASTER_KEY_MISMATCH` when authentication fails, `STORE_INVALID` when the
 *   stored text is not in this format.
 */
export function decryptPrivateJwk(
  encrypted: string,
  masterKey: MasterKey,
  kid: string,
): Record<string, unknown> {
  const [format, iv, ciphertext, tag, ...rest] = encrypted.split('.')
  if (format !== FORMAT || iv === undefined || ciphertext === undefined || tag === undefined) {
    throw malformed(kid)
  }
  if (rest.length > 0) throw malformed(kid)
  const ivBytes = Buffer.from(iv, 'base64url')
  const tagBytes = Buffer.from(tag, 'base64url')
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw malformed(kid)

  let plaintext: Buffer
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(masterKey), ivBytes, {
      authTagLength: TAG_BYTES,
    })
    decipher.setAAD(Buffer.from(kid, 'utf8'))
    decipher.setAuthTag(tagBytes)
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ])
  } catch (error) {
    throw new ServerError(
      'MASTER_KEY_MISMATCH',
      `The signing key ${kid} cannot be decrypted with the configured master key. Set ` +
        'JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key.',
      { cause: error },
    )
  }
  return parseJwk(plaintext, kid)
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

function deriveKey(masterKey: MasterKey): Buffer {
  const secret = masterKey.bytes()
  const key = Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), HKDF_INFO, 32))
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
