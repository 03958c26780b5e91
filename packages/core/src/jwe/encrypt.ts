/** JWE encryption (RFC 7516 section 5.1), shared by the compact and JSON serializations. */
import { JotError } from '../errors.js'
import {
  decodeBase64url,
  encodeBase64url,
  encodeBase64urlString,
  utf8Encode,
} from '../encoding/base64url.js'
import { getJweCompressionAlgorithm } from '../jwa/jwe-compression.js'
import type { JweCompressionAlgorithm } from '../jwa/jwe-compression.js'
import { getJweContentEncryptionAlgorithm } from '../jwa/jwe-content-encryption.js'
import type {
  JweContentEncryptionAlgorithm,
  JweContentEncryptionEntry,
} from '../jwa/jwe-content-encryption.js'
import {
  getJweKeyManagementAlgorithm,
  isJweKeyManagementAlgorithm,
} from '../jwa/jwe-key-management.js'
import type { JweKeyManagementEntry } from '../jwa/jwe-key-management.js'
import { assertKeyUsable, isJotKey } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { checkHeaderTemplates, checkCritOption, placeHeaders } from './encrypt-headers.js'
import type { HeaderTemplates, PlacedHeaders } from './encrypt-headers.js'
import { checkFixedRandomness } from './fixed-randomness.js'
import type { FixedRandomness } from './fixed-randomness.js'
import { andThen, mapAll } from './awaitable.js'
import type { Awaitable } from './awaitable.js'
import { jweBackend } from './jwe-backend.js'
import { contentKeyInput, contentKeyLength } from './key-decryption.js'
import { encryptKey, isDirect } from './key-encryption.js'
import type { EncryptedKey, KeyEncryptionContext } from './key-encryption.js'
import { encryptOperations } from './key-selection.js'

/** Default PBES2 iteration count for encryption. */
export const DEFAULT_PBES2_COUNT = 600_000

/** Lowest PBES2 iteration count jot encrypts with (RFC 7518 section 4.8.1.2 recommends 1000). */
export const MIN_PBES2_COUNT = 1000

/** Options every JWE encryption takes. */
export interface EncryptOptionsBase {
  /** The content encryption algorithm. Required. */
  readonly enc: JweContentEncryptionAlgorithm
  /**
   * Compresses the plaintext with DEFLATE before encrypting it. Off by default: the length of
   * compressed content reveals how repetitive the plaintext is, which leaks secrets mixed with
   * attacker-chosen text (RFC 8725 section 3.6).
   */
  readonly zip?: JweCompressionAlgorithm | undefined
  /**
   * PBES2 iteration count (`p2c`). Default 600,000; at least 1000. Decryption rejects counts
   * above its `maxPbes2Count`, by default 1,000,000.
   */
  readonly pbes2Count?: number | undefined
  /** Replaces random values with given ones. For published test vectors only; see FixedRandomness. */
  readonly fixedRandomness?: FixedRandomness | undefined
}

/** One recipient of a JWE: the key to encrypt to and an optional unprotected header. */
export interface RecipientRequest {
  readonly key: JotKey
  readonly header: Readonly<Record<string, unknown>> | undefined
}

/** The parts of a new JWE, encoded, ready for either serialization. */
export interface EncryptedParts {
  readonly headers: PlacedHeaders
  readonly encodedProtectedHeader: string
  readonly encryptedKeys: readonly string[]
  readonly aad: string | undefined
  readonly iv: string
  readonly ciphertext: string
  readonly tag: string
}

/** Encryption options and the caller's headers, checked once: everything but the keys. */
export interface PreparedEncryption {
  readonly templates: HeaderTemplates
  readonly context: KeyEncryptionContext
  readonly zip: JweCompressionAlgorithm | undefined
  /** The decoded `apu` and `apv` of each recipient, filled in on first use. */
  readonly agreementInfo: (AgreementInfo | undefined)[]
  /**
   * The headers of the last single-recipient encryption whose algorithm adds no header
   * parameters (dir, AES Key Wrap, RSA-OAEP). They depend only on the templates, `enc`, `zip`
   * and the key's `alg` and `kid`, and a JotKey is frozen, so they are reused for that key.
   * A reuse shares the header objects, so only the compact serialization, which returns none
   * of them, keeps a prepared encryption across calls.
   */
  lastFixedHeaders: FixedHeaders | undefined
}

interface AgreementInfo {
  readonly apu: Uint8Array
  readonly apv: Uint8Array
}

/** Placed and encoded headers, and the key entry they were placed for. */
interface FixedHeaders {
  readonly key: JotKey
  readonly entry: JweKeyManagementEntry
  readonly headers: PlacedHeaders
  readonly encodedProtectedHeader: string
  /** The AAD of a JWE without JWE AAD: the ASCII bytes of the encoded protected header. */
  readonly headerAad: Uint8Array
}

/** The headers of one encryption; `headerAad` only when they came from the reuse slot. */
interface Placed {
  readonly headers: PlacedHeaders
  readonly encodedProtectedHeader: string
  readonly headerAad?: Uint8Array | undefined
}

/**
 * Checks the encryption options and the caller's headers.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareEncryption(
  templates: HeaderTemplates,
  options: EncryptOptionsBase,
): PreparedEncryption {
  const enc = readEnc(options.enc)
  const zip = readZip(options.zip, templates)
  const context: KeyEncryptionContext = {
    enc,
    fixed: checkFixedRandomness(options.fixedRandomness, enc),
    pbes2Count: readPbes2Count(options.pbes2Count),
  }
  checkHeaderTemplates(templates)
  return { templates, context, zip, agreementInfo: [], lastFixedHeaders: undefined }
}

/**
 * Encrypts plaintext for the given recipients. Synchronous on the Node.js backend.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 */
export function encryptParts(
  plaintext: Uint8Array,
  recipients: readonly RecipientRequest[],
  templates: HeaderTemplates,
  aad: Uint8Array | undefined,
  options: EncryptOptionsBase,
): Awaitable<EncryptedParts> {
  return encryptPrepared(plaintext, recipients, prepareEncryption(templates, options), aad)
}

/**
 * Encrypts plaintext for the given recipients with prepared options, whose templates have one
 * entry per recipient. Synchronous on the Node.js backend.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 */
export function encryptPrepared(
  plaintext: Uint8Array,
  recipients: readonly RecipientRequest[],
  prepared: PreparedEncryption,
  aad: Uint8Array | undefined,
): Awaitable<EncryptedParts> {
  const { context } = prepared
  const fixed = reusableHeaders(prepared, recipients)
  const entries = fixed === undefined ? recipientEntries(recipients, context) : [fixed.entry]

  const direct = entries.some(isDirect)
  const cek = direct
    ? undefined
    : (context.fixed.cek ?? jweBackend.randomBytes(context.enc.cekBytes))
  const pending = mapAll(recipients, (recipient, index) =>
    encryptKey(
      entries[index] as JweKeyManagementEntry,
      recipient.key,
      cek,
      agreementInfoOf(prepared, index),
      context,
    ),
  )
  return andThen(pending, (results) => {
    const placed = fixed ?? placeAll(prepared, recipients, entries, results)
    return seal(plaintext, placed, results, aad, prepared.zip !== undefined, context)
  })
}

// A hit needs the same key as last time, one recipient, and so the same entry.
function reusableHeaders(
  prepared: PreparedEncryption,
  recipients: readonly RecipientRequest[],
): FixedHeaders | undefined {
  const last = prepared.lastFixedHeaders
  if (last === undefined || recipients.length !== 1) return undefined
  return recipients[0]?.key === last.key ? last : undefined
}

function placeAll(
  prepared: PreparedEncryption,
  recipients: readonly RecipientRequest[],
  entries: readonly JweKeyManagementEntry[],
  results: readonly EncryptedKey[],
): Placed {
  const shared: Record<string, unknown> = { enc: prepared.context.enc.enc }
  if (prepared.zip !== undefined) shared['zip'] = prepared.zip
  const parameters = recipients.map((recipient, index) => ({
    alg: (entries[index] as JweKeyManagementEntry).alg,
    kid: recipient.key.kid,
    parameters: (results[index] as EncryptedKey).parameters,
  }))
  const headers = placeHeaders(prepared.templates, parameters, shared)
  checkCritOption(headers.protectedHeader, jointHeaders(headers))

  const encodedProtectedHeader =
    headers.protectedHeader === undefined
      ? ''
      : encodeBase64urlString(JSON.stringify(headers.protectedHeader))
  const entry = entries[0] as JweKeyManagementEntry
  const key = (recipients[0] as RecipientRequest).key
  if (recipients.length === 1 && addsNoParameters(entry)) {
    const headerAad = utf8Encode(encodedProtectedHeader)
    prepared.lastFixedHeaders = { key, entry, headers, encodedProtectedHeader, headerAad }
  }
  return { headers, encodedProtectedHeader }
}

function addsNoParameters(entry: JweKeyManagementEntry): boolean {
  return entry.family === 'dir' || entry.family === 'aes-kw' || entry.family === 'rsa-oaep'
}

function seal(
  plaintext: Uint8Array,
  placed: Placed,
  results: readonly EncryptedKey[],
  aad: Uint8Array | undefined,
  compress: boolean,
  context: KeyEncryptionContext,
): Awaitable<EncryptedParts> {
  const { headers, encodedProtectedHeader } = placed
  const encodedAad = aad === undefined ? undefined : encodeBase64url(aad)
  const content = compress ? jweBackend.deflate(plaintext) : plaintext
  const iv = context.fixed.iv ?? jweBackend.randomBytes(context.enc.ivBytes)
  const cek = contentKeyInput((results[0] as EncryptedKey).cek)
  const aadBytes = contentAad(placed, encodedAad)
  const sealed = andThen(content, (bytes) =>
    jweBackend.encryptContent(context.enc, cek, iv, bytes, aadBytes),
  )
  return andThen(sealed, ({ ciphertext, tag }) => ({
    headers,
    encodedProtectedHeader,
    encryptedKeys: results.map((result) => encodeBase64url(result.encryptedKey)),
    aad: encodedAad,
    iv: encodeBase64url(iv),
    ciphertext: encodeBase64url(ciphertext),
    tag: encodeBase64url(tag),
  }))
}

// RFC 7516 section 5.1 step 14: the AAD is the encoded protected header, then "." and the
// encoded JWE AAD when there is one.
function contentAad(placed: Placed, encodedAad: string | undefined): Uint8Array {
  if (encodedAad !== undefined) return utf8Encode(`${placed.encodedProtectedHeader}.${encodedAad}`)
  return placed.headerAad ?? utf8Encode(placed.encodedProtectedHeader)
}

function recipientEntries(
  recipients: readonly RecipientRequest[],
  context: KeyEncryptionContext,
): JweKeyManagementEntry[] {
  const entries = recipients.map((recipient) => encryptionEntry(recipient.key, context.enc))
  const direct = entries.some(isDirect)
  if (direct && recipients.length > 1) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'dir and ECDH-ES determine the CEK themselves, so a JWE that uses them has exactly one recipient.',
    )
  }
  if (direct && context.fixed.cek !== undefined) {
    throw new JotError(
      'OPTION_INVALID',
      'The "fixedRandomness.cek" option does not apply to dir or ECDH-ES, which determine the CEK.',
    )
  }
  return entries
}

function readEnc(enc: unknown): JweContentEncryptionEntry {
  if (enc === undefined) {
    throw new JotError(
      'OPTION_INVALID',
      `Encryption needs the enc option, the content encryption algorithm, for example { enc: 'A256GCM' }.`,
    )
  }
  try {
    return getJweContentEncryptionAlgorithm(enc)
  } catch (cause) {
    const shown = typeof enc === 'string' ? `"${enc.slice(0, 32)}"` : typeof enc
    throw new JotError(
      'OPTION_INVALID',
      `The enc option ${shown} is not a supported content encryption algorithm.`,
      { cause },
    )
  }
}

function readZip(zip: unknown, templates: HeaderTemplates): JweCompressionAlgorithm | undefined {
  if (zip === undefined) {
    if (templates.protectedHeader?.['zip'] === undefined) return undefined
    throw new JotError(
      'OPTION_INVALID',
      'Compression is set with the zip option; the header parameter "zip" alone would announce content that is not compressed.',
    )
  }
  try {
    return getJweCompressionAlgorithm(zip).zip
  } catch (cause) {
    throw new JotError('OPTION_INVALID', 'The zip option must be "DEF" when set.', { cause })
  }
}

function readPbes2Count(value: unknown): number {
  if (value === undefined) return DEFAULT_PBES2_COUNT
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= MIN_PBES2_COUNT) {
    return value
  }
  throw new JotError(
    'OPTION_INVALID',
    `The "pbes2Count" option must be a whole number of at least ${MIN_PBES2_COUNT}; fewer PBKDF2 iterations make the password cheap to guess.`,
  )
}

/**
 * Checks that a key can encrypt and returns its algorithm entry.
 * @throws JotError `ARGUMENT_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 */
function encryptionEntry(key: unknown, enc: JweContentEncryptionEntry): JweKeyManagementEntry {
  if (!isJotKey(key)) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'The encryption key must be a JotKey; import raw material with importJwk, importPem or importSecret first.',
    )
  }
  if (!isJweKeyManagementAlgorithm(key.alg)) {
    throw new JotError(
      'KEY_INVALID',
      `The key is bound to the JWS algorithm ${key.alg} and cannot encrypt; import it for a JWE key management algorithm.`,
    )
  }
  const entry = getJweKeyManagementAlgorithm(key.alg)
  assertKeyUsable(key, entry.alg, encryptOperations(entry))
  if (entry.family === 'dir' && contentKeyLength(key) !== enc.cekBytes) {
    throw new JotError(
      'KEY_INVALID',
      `The dir key is ${contentKeyLength(key)} bytes long, but ${enc.enc} needs a ${enc.cekBytes}-byte key.`,
    )
  }
  return entry
}

function agreementInfoOf(prepared: PreparedEncryption, index: number): AgreementInfo {
  const known = prepared.agreementInfo[index]
  if (known !== undefined) return known
  const info = agreementInfo(prepared.templates, index)
  prepared.agreementInfo[index] = info
  return info
}

// RFC 7518 section 4.6.1: apu and apv, when the caller sets them, feed the key derivation.
function agreementInfo(templates: HeaderTemplates, index: number): AgreementInfo {
  const parts = [
    templates.protectedHeader,
    templates.sharedHeader,
    templates.recipientHeaders[index],
  ]
  const read = (name: 'apu' | 'apv'): Uint8Array => {
    const value = parts.find((part) => part !== undefined && Object.hasOwn(part, name))?.[name]
    if (value === undefined) return new Uint8Array(0)
    if (typeof value !== 'string') {
      throw new JotError(
        'OPTION_INVALID',
        `The header parameter "${name}" must be a base64url string.`,
      )
    }
    try {
      return decodeBase64url(value, `header parameter "${name}"`)
    } catch (cause) {
      throw new JotError(
        'OPTION_INVALID',
        `The header parameter "${name}" must be canonical base64url.`,
        {
          cause,
        },
      )
    }
  }
  return { apu: read('apu'), apv: read('apv') }
}

function jointHeaders(headers: PlacedHeaders): Readonly<Record<string, unknown>>[] {
  return headers.recipientHeaders.map((recipient) => ({
    ...headers.protectedHeader,
    ...headers.sharedHeader,
    ...recipient,
  }))
}
