/** The sender side of JWE key management: the CEK and Encrypted Key of each recipient. */
import { JotError } from '../errors.js'
import { encodeBase64url } from '../encoding/base64url.js'
import type { JweContentEncryptionEntry } from '../jwa/jwe-content-encryption.js'
import type { JweKeyManagementEntry } from '../jwa/jwe-key-management.js'
import type { HashName } from '../jwa/jws-algorithms.js'
import { keyHandle } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { andThen } from './awaitable.js'
import type { Awaitable } from './awaitable.js'
import { concatKdf } from './concat-kdf.js'
import type { CheckedFixedRandomness } from './fixed-randomness.js'
import { jweBackend } from './jwe-backend.js'
import { buildPbes2Salt } from './key-decryption.js'
import type { ContentKey } from './key-decryption.js'

/** Settings shared by every recipient of one encryption. */
export interface KeyEncryptionContext {
  readonly enc: JweContentEncryptionEntry
  readonly fixed: CheckedFixedRandomness
  readonly pbes2Count: number
}

/** Output of key management for one recipient. */
export interface EncryptedKey {
  readonly cek: ContentKey
  readonly encryptedKey: Uint8Array
  /** Header parameters the algorithm sets, in header order: epk; iv, tag; or p2s, p2c. */
  readonly parameters: Readonly<Record<string, unknown>>
}

const EMPTY = new Uint8Array(0)
const PBES2_SALT_BYTES = 16
const WRAP_IV_BYTES = 12

/** Tells whether an algorithm determines the CEK itself instead of encrypting a given one. */
export function isDirect(entry: JweKeyManagementEntry): boolean {
  return entry.family === 'dir' || entry.family === 'ecdh-es'
}

/**
 * Runs key management for one recipient. Direct algorithms (dir, ECDH-ES) determine the CEK;
 * the others encrypt `cek`, which must then be given.
 * @param agreementInfo the decoded `apu` and `apv` for ECDH-ES, empty when absent.
 * @throws JotError `KEY_INVALID` when the recipient's key cannot take part.
 */
export function encryptKey(
  entry: JweKeyManagementEntry,
  key: JotKey,
  cek: Uint8Array | undefined,
  agreementInfo: { readonly apu: Uint8Array; readonly apv: Uint8Array },
  context: KeyEncryptionContext,
): Awaitable<EncryptedKey> {
  const handle = key[keyHandle]
  const content = cek ?? EMPTY
  switch (entry.family) {
    case 'dir':
      return { cek: key, encryptedKey: EMPTY, parameters: {} }
    case 'ecdh-es': {
      const { enc } = context
      const agreed = agree(entry, key, enc.cekBytes, enc.enc, agreementInfo, context)
      return andThen(agreed, ({ key: cek, epk }) => ({
        cek,
        encryptedKey: EMPTY,
        parameters: { epk },
      }))
    }
    case 'ecdh-es-kw': {
      const agreed = agree(entry, key, entry.wrappingKeyBytes, entry.alg, agreementInfo, context)
      return andThen(agreed, ({ key: kek, epk }) =>
        andThen(jweBackend.aesKeyWrap(kek, content), (encryptedKey) => ({
          cek: content,
          encryptedKey,
          parameters: { epk },
        })),
      )
    }
    case 'rsa-oaep': {
      const encryptedKey = jweBackend.rsaOaepEncrypt(entry.hash ?? 'sha1', handle, content)
      return andThen(encryptedKey, (wrapped) => ({
        cek: content,
        encryptedKey: wrapped,
        parameters: {},
      }))
    }
    case 'aes-kw':
      return andThen(jweBackend.aesKeyWrap(handle, content), (encryptedKey) => ({
        cek: content,
        encryptedKey,
        parameters: {},
      }))
    case 'aes-gcm-kw':
      return wrapWithGcm(handle, content, context)
    case 'pbes2':
      return wrapWithPassword(entry, handle, content, context)
  }
}

function wrapWithGcm(
  handle: unknown,
  cek: Uint8Array,
  context: KeyEncryptionContext,
): Awaitable<EncryptedKey> {
  const iv = context.fixed.keyWrapIv ?? jweBackend.randomBytes(WRAP_IV_BYTES)
  return andThen(jweBackend.gcmEncrypt(handle, iv, cek), (sealed) => ({
    cek,
    encryptedKey: sealed.ciphertext,
    parameters: { iv: encodeBase64url(iv), tag: encodeBase64url(sealed.tag) },
  }))
}

function wrapWithPassword(
  entry: JweKeyManagementEntry,
  handle: unknown,
  cek: Uint8Array,
  context: KeyEncryptionContext,
): Awaitable<EncryptedKey> {
  const p2s = context.fixed.p2s ?? jweBackend.randomBytes(PBES2_SALT_BYTES)
  const kek = jweBackend.pbkdf2(
    // Sound: every PBES2 entry names HMAC with a SHA-2 hash as its PRF.
    entry.hash as HashName,
    jweBackend.secretBytes(handle),
    buildPbes2Salt(entry.alg, p2s),
    context.pbes2Count,
    entry.wrappingKeyBytes,
  )
  const encryptedKey = andThen(kek, (derived) => jweBackend.aesKeyWrap(derived, cek))
  return andThen(encryptedKey, (wrapped) => ({
    cek,
    encryptedKey: wrapped,
    parameters: { p2s: encodeBase64url(p2s), p2c: context.pbes2Count },
  }))
}

function agree(
  entry: JweKeyManagementEntry,
  key: JotKey,
  keyBytes: number,
  algorithmId: string,
  agreementInfo: { readonly apu: Uint8Array; readonly apv: Uint8Array },
  context: KeyEncryptionContext,
): Awaitable<AgreedKey> {
  return andThen(ephemeralKeyPair(entry, key, context), (ephemeral) => {
    const z = jweBackend.deriveSharedSecret(ephemeral.privateKey, key[keyHandle])
    return andThen(z, (secret) => {
      if (secret === undefined) {
        throw new JotError(
          'KEY_INVALID',
          `ECDH with the recipient's ${key.crv ?? key.kty} key failed; the key cannot serve for key agreement.`,
        )
      }
      const derived = concatKdf(secret, keyBytes, algorithmId, agreementInfo.apu, agreementInfo.apv)
      return andThen(derived, (agreed) => ({ key: agreed, epk: ephemeral.publicMembers }))
    })
  })
}

interface AgreedKey {
  readonly key: Uint8Array
  readonly epk: Readonly<Record<string, string>>
}

function ephemeralKeyPair(
  entry: JweKeyManagementEntry,
  key: JotKey,
  context: KeyEncryptionContext,
): Awaitable<{
  readonly privateKey: unknown
  readonly publicMembers: Readonly<Record<string, string>>
}> {
  // Sound: ECDH-ES keys are EC or OKP keys, which always have a curve.
  const crv = key.crv as NonNullable<JotKey['crv']>
  const fixed = context.fixed.ephemeralPrivateKey
  if (fixed === undefined) return jweBackend.generateAgreementKeyPair(crv)
  if (fixed.crv !== crv || !entry.curves.includes(crv)) {
    throw new JotError(
      'OPTION_INVALID',
      `The "fixedRandomness.ephemeralPrivateKey" option must be a key on ${crv}, like the recipient's.`,
    )
  }
  const privateKey = fixed[keyHandle]
  return { privateKey, publicMembers: jweBackend.agreementPublicMembers(privateKey) }
}
