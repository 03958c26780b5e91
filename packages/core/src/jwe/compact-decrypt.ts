/** Decryption of compact JWE. */
import { DECRYPT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import type { JweHeader } from './header.js'
import { assertDecryptionKeys } from './key-selection.js'
import type { DecryptionKeys } from './key-selection.js'
import { decryptJwe } from './decrypt.js'
import { parseCompactJwe } from './compact-parse.js'
import { prepareDecryptOptions } from './options.js'
import type { DecryptOptions } from './options.js'

/** A decrypted compact JWE. */
export interface DecryptCompactResult {
  readonly plaintext: Uint8Array
  readonly protectedHeader: JweHeader
  /** The CEK; present only with the `returnContentEncryptionKey` option. */
  readonly contentEncryptionKey?: Uint8Array
}

/**
 * Decrypts a compact JWE (RFC 7516). Checks run in this order:
 * 1. size and structure;
 * 2. the header, its parameter types and `crit`;
 * 3. `alg` and `enc` against the allowlists and the key's binding;
 * 4. key selection, then decryption and decompression.
 *
 * Every decryption failure, whichever step failed, is `DECRYPTION_FAILED` with one message.
 *
 * Limits: `maxTokenLength` (default 16384 characters), `maxPbes2Count` (default 1,000,000,
 * checked before any PBKDF2 work), `maxDecompressedBytes` (default 1 MiB, enforced while
 * inflating), `maxKeyCandidates` (default 3 attempts). Compressed content (`zip: "DEF"`) is
 * accepted by default, within that cap.
 *
 * @param keys one key, a list picked by `kid` and `alg` (and the `epk` curve for ECDH-ES), or
 *   a resolver that may be async.
 * @example
 * const { plaintext } = await decryptCompact(token, privateKey)
 * const text = new TextDecoder().decode(plaintext)
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `INPUT_TOO_LARGE`, `TOKEN_MALFORMED`,
 *   `CRIT_UNSUPPORTED`, `ALG_NOT_ALLOWED`, `ALG_UNSUPPORTED`, `NO_MATCHING_KEY`, `KEY_INVALID`
 *   or `DECRYPTION_FAILED`; on the Web Crypto backend also `KEY_UNSUPPORTED` for an `epk` on a
 *   curve the runtime lacks.
 */
export async function decryptCompact(
  token: string,
  keys: DecryptionKeys,
  options?: DecryptOptions,
): Promise<DecryptCompactResult> {
  assertDecryptionKeys(keys)
  rejectUnknownOptions(options, DECRYPT_OPTIONS, 'decryptCompact')
  const prepared = prepareDecryptOptions(options)
  const parsed = parseCompactJwe(token, prepared.maxTokenLength)
  // Awaiting only a real promise spares the synchronous path a turn of the microtask queue.
  const pending = decryptJwe(parsed, keys, prepared)
  const decrypted = pending instanceof Promise ? await pending : pending
  const result = { plaintext: decrypted.plaintext, protectedHeader: decrypted.header }
  if (decrypted.contentEncryptionKey === undefined) return result
  return { ...result, contentEncryptionKey: decrypted.contentEncryptionKey }
}
