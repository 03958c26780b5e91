/** JWE decryption (RFC 7516 section 5.2), shared by the compact and JSON serializations. */
import { JotError, isJotError } from '../errors.js'
import { decodeCheckedBase64url, utf8Encode } from '../encoding/base64url.js'
import { getJweCompressionAlgorithm } from '../jwa/jwe-compression.js'
import { getJweContentEncryptionAlgorithm } from '../jwa/jwe-content-encryption.js'
import type { JweContentEncryptionEntry } from '../jwa/jwe-content-encryption.js'
import { getJweKeyManagementAlgorithm } from '../jwa/jwe-key-management.js'
import { keyHandle } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { assertExtractable } from '../keys/options.js'
import { checkCrit, checkHeaderTypes, joinHeaderParts } from './header.js'
import type { JweHeader } from './header.js'
import { andThen, mapAll } from './awaitable.js'
import type { Awaitable } from './awaitable.js'
import { jweBackend } from './jwe-backend.js'
import type { InflateResult } from './jwe-backend.js'
import {
  contentKeyInput,
  contentKeyLength,
  readRecipientInput,
  recoverCek,
} from './key-decryption.js'
import type { ContentKey, RecipientInput } from './key-decryption.js'
import { DECRYPTION_FAILED_MESSAGE } from './failure-message.js'
import { selectDecryptionKeys } from './key-selection.js'
import type { DecryptionKeyResolver, DecryptionKeys } from './key-selection.js'
import type { PreparedDecryptOptions } from './options.js'

type Header = Readonly<Record<string, unknown>>

/** A JWE whose structure and encodings are checked, in either serialization. */
export interface ParsedJwe {
  /** The encoded protected header; empty when there is none. */
  readonly protectedSegment: string
  readonly protectedHeader: Header | undefined
  readonly sharedHeader: Header | undefined
  readonly recipients: readonly {
    readonly header: Header | undefined
    readonly encryptedKey: string
  }[]
  readonly aad: string | undefined
  readonly iv: string
  readonly ciphertext: string
  readonly tag: string
}

/** The outcome of a successful decryption. */
export interface DecryptedJwe {
  readonly plaintext: Uint8Array
  /** The JOSE header of the recipient that decrypted. */
  readonly header: JweHeader
  readonly recipientIndex: number
  /** The CEK, only when the caller asked for it. */
  readonly contentEncryptionKey: Uint8Array | undefined
}

/** One recipient whose header passed every check. */
interface PreparedRecipient {
  readonly index: number
  readonly header: JweHeader
  readonly enc: JweContentEncryptionEntry
  readonly input: RecipientInput
}

/**
 * Decrypts a parsed JWE: header checks and algorithm allowlists for each recipient, key
 * selection, then decryption with at most `maxKeyCandidates` attempts. Synchronous on the
 * Node.js backend unless `keys` is a resolver. A JWE with one recipient is checked strictly;
 * with several, recipients whose algorithm is not allowed or that no key fits are skipped.
 * @throws JotError as decryptCompact documents.
 */
export function decryptJwe(
  parsed: ParsedJwe,
  keys: DecryptionKeys,
  options: PreparedDecryptOptions,
): Awaitable<DecryptedJwe> {
  const strict = parsed.recipients.length === 1
  return andThen(prepareRecipients(parsed, options, strict), (recipients) => {
    if (typeof keys !== 'function') return decryptWithKeys(parsed, recipients, () => keys, options)
    return resolveAll(recipients, keys).then((resolved) =>
      decryptWithKeys(parsed, recipients, (index) => resolved[index], options),
    )
  })
}

async function resolveAll(
  recipients: readonly PreparedRecipient[],
  resolver: DecryptionKeyResolver,
): Promise<ResolvedKeys[]> {
  const resolved: ResolvedKeys[] = []
  // One at a time, so a resolver that fetches keys is never called for all recipients at once.
  for (const recipient of recipients) resolved[recipient.index] = await resolver(recipient.header)
  return resolved
}

function prepareRecipients(
  parsed: ParsedJwe,
  options: PreparedDecryptOptions,
  strict: boolean,
): Awaitable<PreparedRecipient[]> {
  // Indexed by recipient, so the first skipped recipient is found whichever finished first.
  const skipped: unknown[] = []
  const prepared = mapAll(parsed.recipients, (recipient, index) => {
    const joined = joinHeaderParts([parsed.protectedHeader, parsed.sharedHeader, recipient.header])
    const header = checkHeaderTypes(joined)
    checkCrit(parsed.protectedHeader, header, options.crit)
    checkZip(parsed.protectedHeader, header)
    try {
      const result = prepareRecipient(parsed, index, header, options)
      return result instanceof Promise ? skipLater(result, index, skipped, strict) : result
    } catch (error) {
      if (strict || !isSkippable(error)) throw error
      skipped[index] = error
      return undefined
    }
  })
  return andThen(prepared, (settled) => keptRecipients(settled, skipped))
}

function skipLater(
  pending: Promise<PreparedRecipient>,
  index: number,
  skipped: unknown[],
  strict: boolean,
): Promise<PreparedRecipient | undefined> {
  return pending.catch((error: unknown) => {
    if (strict || !isSkippable(error)) throw error
    skipped[index] = error
    return undefined
  })
}

function keptRecipients(
  prepared: readonly (PreparedRecipient | undefined)[],
  skipped: readonly unknown[],
): PreparedRecipient[] {
  const kept = prepared.filter((recipient) => recipient !== undefined)
  const firstSkipped: unknown = skipped.find((error) => error !== undefined)
  if (kept.length === 0) throw firstSkipped
  return kept
}

function prepareRecipient(
  parsed: ParsedJwe,
  index: number,
  header: JweHeader,
  options: PreparedDecryptOptions,
): Awaitable<PreparedRecipient> {
  const entry = getJweKeyManagementAlgorithm(header.alg)
  if (options.keyManagementAlgorithms !== null && !options.keyManagementAlgorithms.has(entry.alg)) {
    throw new JotError(
      'ALG_NOT_ALLOWED',
      `The algorithm "${entry.alg}" is not in the allowed list.`,
    )
  }
  const enc = getJweContentEncryptionAlgorithm(header.enc)
  if (
    options.contentEncryptionAlgorithms !== null &&
    !options.contentEncryptionAlgorithms.has(enc.enc)
  ) {
    throw new JotError(
      'ALG_NOT_ALLOWED',
      `The content encryption algorithm "${enc.enc}" is not in the allowed list.`,
    )
  }
  // The lengths are public, so a wrong one is malformed input, not a failed decryption. GCM
  // with a short tag would also lose most of its integrity protection.
  checkLength(parsed.iv, enc.ivBytes, 'Initialization Vector', enc)
  checkLength(parsed.tag, enc.tagBytes, 'Authentication Tag', enc)
  const encryptedKey = parsed.recipients[index]?.encryptedKey ?? ''
  const input = readRecipientInput(entry, header, encryptedKey, options.maxPbes2Count)
  return andThen(input, (checked) => ({ index, header, enc, input: checked }))
}

function checkLength(
  segment: string,
  length: number,
  name: string,
  enc: JweContentEncryptionEntry,
): void {
  const actual = Math.floor((segment.length * 3) / 4)
  if (actual === length) return
  throw new JotError(
    'TOKEN_MALFORMED',
    `The JWE ${name} must be ${length} bytes for ${enc.enc}, not ${actual}.`,
  )
}

// RFC 7516 section 4.1.3: zip must be integrity protected, and an unknown value is an error.
function checkZip(protectedHeader: Header | undefined, header: JweHeader): void {
  if (header.zip === undefined) return
  if (protectedHeader?.['zip'] === undefined) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'The header parameter "zip" must be in the protected header.',
    )
  }
  getJweCompressionAlgorithm(header.zip)
}

function isSkippable(error: unknown): boolean {
  return (
    isJotError(error, 'ALG_UNSUPPORTED') ||
    isJotError(error, 'ALG_NOT_ALLOWED') ||
    isJotError(error, 'NO_MATCHING_KEY')
  )
}

type ResolvedKeys = JotKey | readonly JotKey[] | undefined

function decryptWithKeys(
  parsed: ParsedJwe,
  recipients: readonly PreparedRecipient[],
  keysFor: (index: number) => ResolvedKeys,
  options: PreparedDecryptOptions,
): Awaitable<DecryptedJwe> {
  const strict = parsed.recipients.length === 1
  const attempts: { recipient: PreparedRecipient; key: JotKey }[] = []
  let firstSkipped: unknown
  for (const recipient of recipients) {
    const { header, input } = recipient
    try {
      const keys = keysFor(recipient.index)
      for (const key of selectDecryptionKeys(keys, header, input.entry, input.epk?.crv, strict)) {
        attempts.push({ recipient, key })
      }
    } catch (error) {
      if (strict || !isSkippable(error)) throw error
      firstSkipped ??= error
    }
  }
  if (attempts.length === 0) throw firstSkipped
  const content = decodeContent(parsed)
  return attemptFrom(0, attempts.slice(0, options.maxKeyCandidates), content, options)
}

// Tries the attempts in order, one at a time, from `index` on.
function attemptFrom(
  index: number,
  attempts: readonly { readonly recipient: PreparedRecipient; readonly key: JotKey }[],
  content: DecodedContent,
  options: PreparedDecryptOptions,
): Awaitable<DecryptedJwe> {
  const attempt = attempts[index]
  if (attempt === undefined) throw new JotError('DECRYPTION_FAILED', DECRYPTION_FAILED_MESSAGE)
  const { recipient, key } = attempt
  return andThen(attemptDecryption(content, recipient, key), (opened) => {
    if (opened === undefined) return attemptFrom(index + 1, attempts, content, options)
    return finish(opened.plaintext, opened.cek, recipient, key, options)
  })
}

interface DecodedContent {
  readonly aad: Uint8Array
  readonly iv: Uint8Array
  readonly ciphertext: Uint8Array
  readonly tag: Uint8Array
}

// Senders use a handful of protected headers, so the AAD bytes of short ones are kept, like
// the decoded headers in header.ts. The backends only read the AAD, so sharing the bytes is safe.
const MAX_CACHED_AADS = 256
const MAX_CACHED_AAD_LENGTH = 1024
const aadCache = new Map<string, Uint8Array>()

// RFC 7516 section 5.2 step 14: the AAD is the encoded protected header, then "." and the
// encoded JWE AAD when there is one.
function encodeAad(parsed: ParsedJwe): Uint8Array {
  if (parsed.aad !== undefined) return utf8Encode(`${parsed.protectedSegment}.${parsed.aad}`)
  const segment = parsed.protectedSegment
  const cached = aadCache.get(segment)
  if (cached !== undefined) return cached
  const aad = utf8Encode(segment)
  if (segment.length <= MAX_CACHED_AAD_LENGTH) {
    if (aadCache.size >= MAX_CACHED_AADS) aadCache.clear()
    aadCache.set(segment, aad)
  }
  return aad
}

function decodeContent(parsed: ParsedJwe): DecodedContent {
  return {
    aad: encodeAad(parsed),
    iv: decodeCheckedBase64url(parsed.iv),
    ciphertext: decodeCheckedBase64url(parsed.ciphertext),
    tag: decodeCheckedBase64url(parsed.tag),
  }
}

function attemptDecryption(
  content: DecodedContent,
  recipient: PreparedRecipient,
  key: JotKey,
): Awaitable<{ readonly plaintext: Uint8Array; readonly cek: ContentKey } | undefined> {
  const enc = recipient.enc
  return andThen(recoverCek(recipient.input, key, enc), (recovered) => {
    const usable = recovered !== undefined && contentKeyLength(recovered) === enc.cekBytes
    // RFC 7516 section 11.5: when the CEK cannot be recovered, decrypt with a random one
    // anyway. A failed unwrap then takes the same path and time as a wrong tag, which is the
    // difference the Bleichenbacher and Manger attacks on RSA measure.
    const cek = usable ? recovered : jweBackend.randomBytes(enc.cekBytes)
    const { aad, iv, ciphertext, tag } = content
    const plaintext = jweBackend.decryptContent(enc, contentKeyInput(cek), iv, ciphertext, tag, aad)
    return andThen(plaintext, (opened) =>
      usable && opened !== undefined ? { plaintext: opened, cek } : undefined,
    )
  })
}

function finish(
  decrypted: Uint8Array,
  cek: ContentKey,
  recipient: PreparedRecipient,
  key: JotKey,
  options: PreparedDecryptOptions,
): Awaitable<DecryptedJwe> {
  let contentEncryptionKey: Uint8Array | undefined
  if (options.returnContentEncryptionKey) {
    if (!(cek instanceof Uint8Array)) assertExtractable(key, 'returnContentEncryptionKey')
    contentEncryptionKey = cek instanceof Uint8Array ? cek : jweBackend.secretBytes(cek[keyHandle])
  }
  const plaintext =
    recipient.header.zip === undefined
      ? decrypted
      : andThen(jweBackend.inflate(decrypted, options.maxDecompressedBytes), (inflated) =>
          checkInflated(inflated, options.maxDecompressedBytes),
        )
  return andThen(plaintext, (bytes) => ({
    plaintext: bytes,
    header: recipient.header,
    recipientIndex: recipient.index,
    contentEncryptionKey,
  }))
}

function checkInflated(inflated: InflateResult, maxBytes: number): Uint8Array {
  if (inflated === 'too-large') {
    throw new JotError(
      'INPUT_TOO_LARGE',
      `The decompressed content is larger than ${maxBytes} bytes; raise maxDecompressedBytes to accept it.`,
    )
  }
  if (inflated === 'invalid') {
    throw new JotError('TOKEN_MALFORMED', 'The decrypted content is not valid DEFLATE data.')
  }
  return inflated
}
