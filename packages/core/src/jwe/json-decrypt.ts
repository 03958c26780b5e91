/** Decryption of JWE in the flattened and general JSON serializations. */
import { DECRYPT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { decodeCheckedBase64url } from '../encoding/base64url.js'
import { decryptJwe } from './decrypt.js'
import type { JweHeader, JweHeaderParameters } from './header.js'
import { parseJsonJwe } from './json-parse.js'
import type { FlattenedJwe, GeneralJwe } from './json-types.js'
import { assertDecryptionKeys } from './key-selection.js'
import type { DecryptionKeys } from './key-selection.js'
import { prepareDecryptOptions } from './options.js'
import type { DecryptOptions } from './options.js'

/** A decrypted JWE in a JSON serialization. */
export interface DecryptJsonResult {
  readonly plaintext: Uint8Array
  /** The JOSE header of the recipient that decrypted: all three parts joined. */
  readonly header: JweHeader
  readonly protectedHeader?: JweHeaderParameters
  readonly sharedUnprotectedHeader?: JweHeaderParameters
  readonly recipientHeader?: JweHeaderParameters
  /** Index of the recipient that decrypted, from 0; always 0 for the flattened serialization. */
  readonly recipientIndex: number
  /** The decoded `aad` member, when present. */
  readonly additionalAuthenticatedData?: Uint8Array
  /** The CEK; present only with the `returnContentEncryptionKey` option. */
  readonly contentEncryptionKey?: Uint8Array
}

/**
 * Decrypts a JWE in the flattened or general JSON serialization (RFC 7516 section 7.2), given
 * as an object or as JSON text. Header parameter names must be unique across the three
 * headers. With several recipients, those whose `alg` is not allowed or that no key fits are
 * skipped. At most `maxKeyCandidates` decryptions are attempted in all, and the result names
 * the recipient that worked. Checks, limits and error codes are those of decryptCompact, and
 * `maxTokenLength` applies to the JSON text.
 *
 * @example
 * const { plaintext, recipientIndex } = await decryptJson(jwe, [aliceKey, bobKey])
 * @throws JotError as decryptCompact.
 */
export async function decryptJson(
  // Any object is taken, since every member is checked anyway, so JWEs typed by other JOSE
  // libraries pass without a cast.
  jwe: FlattenedJwe | GeneralJwe | object | string,
  keys: DecryptionKeys,
  options?: DecryptOptions,
): Promise<DecryptJsonResult> {
  assertDecryptionKeys(keys)
  rejectUnknownOptions(options, DECRYPT_OPTIONS, 'decryptJson')
  const prepared = prepareDecryptOptions(options)
  const parsed = parseJsonJwe(jwe, prepared.maxTokenLength)
  const decrypted = await decryptJwe(parsed, keys, prepared)

  const result: Record<string, unknown> = {
    plaintext: decrypted.plaintext,
    header: decrypted.header,
    recipientIndex: decrypted.recipientIndex,
  }
  if (parsed.protectedHeader !== undefined) result['protectedHeader'] = parsed.protectedHeader
  if (parsed.sharedHeader !== undefined) result['sharedUnprotectedHeader'] = parsed.sharedHeader
  const recipientHeader = parsed.recipients[decrypted.recipientIndex]?.header
  if (recipientHeader !== undefined) result['recipientHeader'] = recipientHeader
  if (parsed.aad !== undefined) {
    result['additionalAuthenticatedData'] = decodeCheckedBase64url(parsed.aad)
  }
  if (decrypted.contentEncryptionKey !== undefined) {
    result['contentEncryptionKey'] = decrypted.contentEncryptionKey
  }
  // Sound: plaintext, header and recipientIndex are always set, the others when present.
  return result as unknown as DecryptJsonResult
}
