/** Encryption of JWE in the flattened and general JSON serializations. */
import { JotError } from '../errors.js'
import { utf8Encode } from '../encoding/base64url.js'
import { isJotKey } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { isPlainObject } from '../keys/options.js'
import { plaintextBytes } from './compact-encrypt.js'
import { encryptParts } from './encrypt.js'
import type { EncryptOptionsBase, EncryptedParts, RecipientRequest } from './encrypt.js'
import { readHeaderOption } from './encrypt-headers.js'
import type { FlattenedJwe, GeneralJwe } from './json-types.js'

/** One recipient of encryptJson: the key to encrypt to and an optional unprotected header. */
export interface JweRecipient {
  readonly key: JotKey
  /** The recipient's unprotected header (`header`), for example its `kid`. */
  readonly header?: Readonly<Record<string, unknown>> | undefined
}

/** Options for encrypting a JWE in a JSON serialization. */
export interface EncryptJsonOptions extends EncryptOptionsBase {
  /** `general` (default) for any number of recipients, or `flattened` for exactly one. */
  readonly serialization?: 'general' | 'flattened' | undefined
  /**
   * Further protected header parameters. As with encryptCompact, jot adds `alg`, `enc`, `zip`,
   * `kid` and the key management parameters, and any of them set here must carry jot's value.
   */
  readonly protectedHeader?: Readonly<Record<string, unknown>> | undefined
  /** The shared unprotected header (`unprotected`). */
  readonly unprotectedHeader?: Readonly<Record<string, unknown>> | undefined
  /** Additional authenticated data (`aad`); a string is taken as its UTF-8 bytes. */
  readonly aad?: string | Uint8Array | undefined
}

/**
 * Encrypts a plaintext as a JWE in the general or flattened JSON serialization (RFC 7516
 * section 7.2), for one or more recipients. Header parameter names must be unique across the
 * protected header, the shared unprotected header and each recipient's header. With one
 * recipient, `alg`, `kid` and the key management parameters go to the protected header; with
 * several, to each recipient's header. dir and ECDH-ES allow one recipient only.
 *
 * @example
 * const jwe = await encryptJson('hello', [{ key: alice }, { key: bob, header: { kid: 'bob' } }], {
 *   enc: 'A256GCM',
 * })
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 */
export async function encryptJson(
  plaintext: string | Uint8Array,
  recipients: JotKey | JweRecipient | readonly JweRecipient[],
  options: EncryptJsonOptions & { readonly serialization: 'flattened' },
): Promise<FlattenedJwe>
export async function encryptJson(
  plaintext: string | Uint8Array,
  recipients: JotKey | JweRecipient | readonly JweRecipient[],
  options: EncryptJsonOptions,
): Promise<GeneralJwe>
export async function encryptJson(
  plaintext: string | Uint8Array,
  recipients: JotKey | JweRecipient | readonly JweRecipient[],
  options: EncryptJsonOptions,
): Promise<FlattenedJwe | GeneralJwe> {
  const bytes = plaintextBytes(plaintext)
  if (!isPlainObject(options)) {
    throw new JotError(
      'OPTION_INVALID',
      'encryptJson needs options with enc, such as { enc: "A256GCM" }.',
    )
  }
  const requests = readRecipients(recipients)
  const serialization = options.serialization ?? 'general'
  if (serialization !== 'general' && serialization !== 'flattened') {
    throw new JotError(
      'OPTION_INVALID',
      'The "serialization" option must be "general" or "flattened".',
    )
  }
  if (serialization === 'flattened' && requests.length !== 1) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `The flattened serialization has exactly one recipient, not ${requests.length}; use "general".`,
    )
  }
  const templates = {
    protectedHeader: readHeaderOption(options.protectedHeader, 'protectedHeader'),
    sharedHeader: readHeaderOption(options.unprotectedHeader, 'unprotectedHeader'),
    recipientHeaders: requests.map((request) => request.header),
  }
  const pending = encryptParts(bytes, requests, templates, readAad(options.aad), options)
  const parts = pending instanceof Promise ? await pending : pending
  return serialization === 'flattened' ? toFlattened(parts) : toGeneral(parts)
}

function readRecipients(
  recipients: JotKey | JweRecipient | readonly JweRecipient[],
): RecipientRequest[] {
  if (isJotKey(recipients)) return [{ key: recipients, header: undefined }]
  const list: readonly unknown[] = Array.isArray(recipients) ? recipients : [recipients]
  if (list.length === 0) {
    throw new JotError('ARGUMENT_INVALID', 'encryptJson needs at least one recipient.')
  }
  return list.map((recipient, index) => {
    if (!isPlainObject(recipient) || !isJotKey(recipient['key'])) {
      throw new JotError(
        'ARGUMENT_INVALID',
        `Recipient ${index} must be an object with a JotKey as its "key".`,
      )
    }
    return { key: recipient['key'], header: readHeaderOption(recipient['header'], 'header') }
  })
}

function readAad(aad: unknown): Uint8Array | undefined {
  if (aad === undefined) return undefined
  if (typeof aad === 'string') return utf8Encode(aad)
  if (aad instanceof Uint8Array) return aad
  throw new JotError('OPTION_INVALID', 'The "aad" option must be a string or a Uint8Array.')
}

function toFlattened(parts: EncryptedParts): FlattenedJwe {
  const jwe: Record<string, unknown> = {}
  if (parts.headers.protectedHeader !== undefined) jwe['protected'] = parts.encodedProtectedHeader
  if (parts.headers.sharedHeader !== undefined) jwe['unprotected'] = parts.headers.sharedHeader
  const header = parts.headers.recipientHeaders[0]
  if (header !== undefined) jwe['header'] = header
  const encryptedKey = parts.encryptedKeys[0] ?? ''
  if (encryptedKey !== '') jwe['encrypted_key'] = encryptedKey
  addContent(jwe, parts)
  // Sound: iv, ciphertext and tag are always set, the other members when present.
  return jwe as unknown as FlattenedJwe
}

function toGeneral(parts: EncryptedParts): GeneralJwe {
  const jwe: Record<string, unknown> = {}
  if (parts.headers.protectedHeader !== undefined) jwe['protected'] = parts.encodedProtectedHeader
  if (parts.headers.sharedHeader !== undefined) jwe['unprotected'] = parts.headers.sharedHeader
  // RFC 7516 section 7.2.1: one element per recipient, even when it is the empty object.
  jwe['recipients'] = parts.headers.recipientHeaders.map((header, index) => {
    const recipient: Record<string, unknown> = {}
    if (header !== undefined) recipient['header'] = header
    const encryptedKey = parts.encryptedKeys[index] ?? ''
    if (encryptedKey !== '') recipient['encrypted_key'] = encryptedKey
    return recipient
  })
  addContent(jwe, parts)
  // Sound: recipients, iv, ciphertext and tag are always set, the other members when present.
  return jwe as unknown as GeneralJwe
}

function addContent(jwe: Record<string, unknown>, parts: EncryptedParts): void {
  if (parts.aad !== undefined) jwe['aad'] = parts.aad
  jwe['iv'] = parts.iv
  jwe['ciphertext'] = parts.ciphertext
  jwe['tag'] = parts.tag
}
