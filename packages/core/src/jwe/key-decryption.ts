/** The recipient side of JWE key management: recovering the CEK (RFC 7516 section 5.2, steps 6-10). */
import { JotError } from '../errors.js'
import { decodeBase64url, utf8Encode } from '../encoding/base64url.js'
import type { JweContentEncryptionEntry } from '../jwa/jwe-content-encryption.js'
import type { JweKeyManagementEntry } from '../jwa/jwe-key-management.js'
import type { HashName } from '../jwa/jws-algorithms.js'
import { keyHandle } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { andThen } from './awaitable.js'
import type { Awaitable } from './awaitable.js'
import { concatKdf } from './concat-kdf.js'
import { readEphemeralPublicKey } from './epk.js'
import type { EphemeralPublicKey } from './epk.js'
import type { JweHeader } from './header.js'
import { jweBackend } from './jwe-backend.js'

/** The CEK: bytes, or for `dir` the key itself, whose material never needs copying. */
export type ContentKey = Uint8Array | JotKey

/** Inputs of one recipient's decryption besides the key, checked before any key is touched. */
export interface RecipientInput {
  readonly entry: JweKeyManagementEntry
  readonly encryptedKey: Uint8Array
  readonly epk: EphemeralPublicKey | undefined
  readonly apu: Uint8Array
  readonly apv: Uint8Array
  /** The `iv` and `tag` of AES-GCM key wrapping. */
  readonly wrapIv: Uint8Array | undefined
  readonly wrapTag: Uint8Array | undefined
  /** The PBES2 salt: UTF8(alg) || 0x00 || p2s (RFC 7518 section 4.8.1.1). */
  readonly pbes2Salt: Uint8Array | undefined
  readonly pbes2Count: number
}

const EMPTY = new Uint8Array(0)

/** Minimum PBES2 salt input length (RFC 7518 section 4.8.1.1). */
export const MIN_PBES2_SALT_BYTES = 8

// RFC 7518 section 4.7.1: the AES-GCM key wrap IV is 96 bits and its tag 128 bits.
const WRAP_IV_BYTES = 12
const WRAP_TAG_BYTES = 16

/**
 * Reads and checks the header parameters and Encrypted Key of one recipient. A promise when
 * the backend imports the `epk` asynchronously.
 * @throws JotError `TOKEN_MALFORMED`; `INPUT_TOO_LARGE` for a PBES2 count over `maxPbes2Count`.
 */
export function readRecipientInput(
  entry: JweKeyManagementEntry,
  header: JweHeader,
  encryptedKeySegment: string,
  maxPbes2Count: number,
): Awaitable<RecipientInput> {
  const direct = entry.family === 'dir' || entry.family === 'ecdh-es'
  // RFC 7516 sections 5.2 step 10 and 7.1: direct encryption and direct key agreement leave
  // the Encrypted Key empty. Every other algorithm needs one.
  if (direct !== (encryptedKeySegment === '')) {
    throw new JotError(
      'TOKEN_MALFORMED',
      direct
        ? `The JWE Encrypted Key must be empty for ${entry.alg}.`
        : `The JWE Encrypted Key is empty; ${entry.alg} needs one.`,
    )
  }
  const encryptedKey = direct ? EMPTY : decodeBase64url(encryptedKeySegment, 'JWE Encrypted Key')
  const ecdh = entry.family === 'ecdh-es' || entry.family === 'ecdh-es-kw'
  const gcm = entry.family === 'aes-gcm-kw'
  const pbes2 = entry.family === 'pbes2'
  const input: RecipientInput = {
    entry,
    encryptedKey,
    epk: undefined,
    apu: ecdh ? optionalBytes(header.apu, 'apu') : EMPTY,
    apv: ecdh ? optionalBytes(header.apv, 'apv') : EMPTY,
    wrapIv: gcm ? fixedBytes(header.iv, 'iv', WRAP_IV_BYTES) : undefined,
    wrapTag: gcm ? fixedBytes(header.tag, 'tag', WRAP_TAG_BYTES) : undefined,
    pbes2Salt: pbes2 ? pbes2Salt(entry, header.p2s) : undefined,
    pbes2Count: pbes2 ? pbes2Count(header.p2c, maxPbes2Count) : 0,
  }
  if (!ecdh) return input
  return andThen(readEphemeralPublicKey(entry, header.epk), (epk) => ({ ...input, epk }))
}

function optionalBytes(value: string | undefined, name: string): Uint8Array {
  return value === undefined ? EMPTY : decodeBase64url(value, `header parameter "${name}"`)
}

function fixedBytes(value: string | undefined, name: string, length: number): Uint8Array {
  if (value === undefined) {
    throw new JotError('TOKEN_MALFORMED', `The header has no "${name}" parameter.`)
  }
  const bytes = decodeBase64url(value, `header parameter "${name}"`)
  if (bytes.length !== length) {
    throw new JotError(
      'TOKEN_MALFORMED',
      `The header parameter "${name}" must be ${length} bytes, not ${bytes.length}.`,
    )
  }
  return bytes
}

/** Builds the PBES2 salt from the algorithm name and the salt input (RFC 7518 section 4.8.1.1). */
export function buildPbes2Salt(alg: string, p2s: Uint8Array): Uint8Array {
  const name = utf8Encode(alg)
  const salt = new Uint8Array(name.length + 1 + p2s.length)
  salt.set(name)
  salt.set(p2s, name.length + 1)
  return salt
}

function pbes2Salt(entry: JweKeyManagementEntry, p2s: string | undefined): Uint8Array {
  if (p2s === undefined) throw new JotError('TOKEN_MALFORMED', 'The header has no "p2s" parameter.')
  const input = decodeBase64url(p2s, 'header parameter "p2s"')
  if (input.length < MIN_PBES2_SALT_BYTES) {
    throw new JotError(
      'TOKEN_MALFORMED',
      `The header parameter "p2s" must be at least ${MIN_PBES2_SALT_BYTES} bytes, not ${input.length}.`,
    )
  }
  return buildPbes2Salt(entry.alg, input)
}

// The count comes from a header that is not authenticated yet, so it is capped before any
// PBKDF2 work. Otherwise one JWE could cost the recipient minutes of CPU.
function pbes2Count(p2c: number | undefined, max: number): number {
  if (p2c === undefined) throw new JotError('TOKEN_MALFORMED', 'The header has no "p2c" parameter.')
  if (!Number.isSafeInteger(p2c) || p2c < 1) {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "p2c" must be a positive integer.')
  }
  if (p2c > max) {
    throw new JotError(
      'INPUT_TOO_LARGE',
      `The PBES2 iteration count p2c ${p2c} exceeds the maximum of ${max}; raise maxPbes2Count to accept it.`,
    )
  }
  return p2c
}

/**
 * Recovers the CEK of one recipient with one key. Returns undefined for every failure, so the
 * caller reports them all alike.
 */
export function recoverCek(
  input: RecipientInput,
  key: JotKey,
  enc: JweContentEncryptionEntry,
): Awaitable<ContentKey | undefined> {
  const { entry, encryptedKey } = input
  const handle = key[keyHandle]
  switch (entry.family) {
    case 'dir':
      return key
    case 'ecdh-es':
      return agreeKey(input, handle, enc.cekBytes, enc.enc)
    case 'ecdh-es-kw': {
      const kek = agreeKey(input, handle, entry.wrappingKeyBytes, entry.alg)
      return andThen(kek, (agreed) =>
        agreed === undefined ? undefined : jweBackend.aesKeyUnwrap(agreed, encryptedKey),
      )
    }
    case 'rsa-oaep':
      return jweBackend.rsaOaepDecrypt(entry.hash ?? 'sha1', handle, encryptedKey)
    case 'aes-kw':
      return jweBackend.aesKeyUnwrap(handle, encryptedKey)
    case 'aes-gcm-kw':
      return jweBackend.gcmDecrypt(
        handle,
        input.wrapIv ?? EMPTY,
        encryptedKey,
        input.wrapTag ?? EMPTY,
      )
    case 'pbes2': {
      // Sound: every PBES2 entry names HMAC with a SHA-2 hash as its PRF.
      const kek = jweBackend.pbkdf2(
        entry.hash as HashName,
        jweBackend.secretBytes(handle),
        input.pbes2Salt ?? EMPTY,
        input.pbes2Count,
        entry.wrappingKeyBytes,
      )
      return andThen(kek, (derived) => jweBackend.aesKeyUnwrap(derived, encryptedKey))
    }
  }
}

function agreeKey(
  input: RecipientInput,
  handle: unknown,
  keyBytes: number,
  algorithmId: string,
): Awaitable<Uint8Array | undefined> {
  if (input.epk === undefined) return undefined
  const z = jweBackend.deriveSharedSecret(handle, input.epk.handle)
  return andThen(z, (secret) =>
    secret === undefined
      ? undefined
      : concatKdf(secret, keyBytes, algorithmId, input.apu, input.apv),
  )
}

/** Returns the length of a CEK in bytes. */
export function contentKeyLength(cek: ContentKey): number {
  return cek instanceof Uint8Array ? cek.length : cek.bits / 8
}

/** Returns what the backend takes for a CEK: its bytes, or the dir key's handle. */
export function contentKeyInput(cek: ContentKey): unknown {
  return cek instanceof Uint8Array ? cek : cek[keyHandle]
}
