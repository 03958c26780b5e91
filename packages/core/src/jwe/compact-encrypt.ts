/** Encryption of compact JWE. */
import { JotError } from '../errors.js'
import { utf8Encode } from '../encoding/base64url.js'
import type { JotKey } from '../keys/key.js'
import { andThen } from './awaitable.js'
import type { Awaitable } from './awaitable.js'
import { encryptPrepared, prepareEncryption } from './encrypt.js'
import type { EncryptOptionsBase, PreparedEncryption } from './encrypt.js'
import { readHeaderOption } from './encrypt-headers.js'

/** Options for encrypting a compact JWE. */
export interface EncryptCompactOptions extends EncryptOptionsBase {
  /**
   * Further protected header parameters, such as `typ` or `cty`. jot sets `alg` (from the
   * key), `enc`, `zip`, `kid` (the key's, unless set here) and the key management parameters
   * (`epk`, `iv`, `tag`, `p2s`, `p2c`). The header may name those too, with the value jot sets,
   * which fixes their order in the encoded header; another value is an error.
   */
  readonly header?: Readonly<Record<string, unknown>> | undefined
}

/**
 * Encrypts a plaintext to one recipient as a compact JWE (RFC 7516 section 7.1). The key's
 * algorithm is the `alg`: RSA-OAEP*, A*KW, A*GCMKW, dir, ECDH-ES (+A*KW) or PBES2. A string
 * plaintext is encrypted as its UTF-8 bytes.
 *
 * @example
 * const token = await encryptCompact('hello', recipientPublicKey, { enc: 'A256GCM' })
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 */
export async function encryptCompact(
  plaintext: string | Uint8Array,
  key: JotKey,
  options: EncryptCompactOptions,
): Promise<string> {
  const bytes = plaintextBytes(plaintext)
  if (typeof options !== 'object' || options === null) {
    throw new JotError(
      'OPTION_INVALID',
      'encryptCompact needs options with enc, such as { enc: "A256GCM" }.',
    )
  }
  const prepared = prepareCompactEncryption(readHeaderOption(options.header, 'header'), options)
  const pending = encryptCompactPrepared(bytes, key, prepared)
  // Awaiting only a real promise spares the synchronous path a turn of the microtask queue.
  return pending instanceof Promise ? await pending : pending
}

/**
 * Checks the options of a compact encryption, for encryptCompactPrepared.
 * @param protectedHeader the protected header parameters the caller sets, already checked.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareCompactEncryption(
  protectedHeader: Readonly<Record<string, unknown>> | undefined,
  options: EncryptOptionsBase,
): PreparedEncryption {
  const templates = { protectedHeader, sharedHeader: undefined, recipientHeaders: [undefined] }
  return prepareEncryption(templates, options)
}

/**
 * Encrypts bytes to one recipient as a compact JWE with prepared options, which may serve
 * any number of calls. Synchronous on the Node.js backend.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 */
export function encryptCompactPrepared(
  plaintext: Uint8Array,
  key: JotKey,
  prepared: PreparedEncryption,
): Awaitable<string> {
  const pending = encryptPrepared(plaintext, [{ key, header: undefined }], prepared, undefined)
  return andThen(pending, (parts) => {
    const encryptedKey = parts.encryptedKeys[0] ?? ''
    return `${parts.encodedProtectedHeader}.${encryptedKey}.${parts.iv}.${parts.ciphertext}.${parts.tag}`
  })
}

/**
 * Turns a plaintext argument into bytes.
 * @throws JotError `ARGUMENT_INVALID`.
 */
export function plaintextBytes(plaintext: unknown): Uint8Array {
  if (typeof plaintext === 'string') return utf8Encode(plaintext)
  if (plaintext instanceof Uint8Array) return plaintext
  throw new JotError('ARGUMENT_INVALID', 'The plaintext must be a string or a Uint8Array.')
}
