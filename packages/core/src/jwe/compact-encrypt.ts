/** Encryption of compact JWE. */
import { JotError } from '../errors.js'
import { utf8Encode } from '../encoding/base64url.js'
import type { JotKey } from '../keys/key.js'
import { encryptParts } from './encrypt.js'
import type { EncryptOptionsBase } from './encrypt.js'
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
  const templates = {
    protectedHeader: readHeaderOption(options.header, 'header'),
    sharedHeader: undefined,
    recipientHeaders: [undefined],
  }
  // Awaiting only a real promise spares the synchronous path a turn of the microtask queue.
  const pending = encryptParts(bytes, [{ key, header: undefined }], templates, undefined, options)
  const parts = pending instanceof Promise ? await pending : pending
  const encryptedKey = parts.encryptedKeys[0] ?? ''
  return `${parts.encodedProtectedHeader}.${encryptedKey}.${parts.iv}.${parts.ciphertext}.${parts.tag}`
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
