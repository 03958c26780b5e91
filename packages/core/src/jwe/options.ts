/** The decryption options shared by the compact, JSON and JWT decryption functions. */
import { JotError } from '../errors.js'
import { getJweContentEncryptionAlgorithm } from '../jwa/jwe-content-encryption.js'
import type { JweContentEncryptionAlgorithm } from '../jwa/jwe-content-encryption.js'
import { getJweKeyManagementAlgorithm } from '../jwa/jwe-key-management.js'
import type { JweKeyManagementAlgorithm } from '../jwa/jwe-key-management.js'

/** Default maximum length of a JWE, in characters. */
export const DEFAULT_MAX_JWE_LENGTH = 16_384

/** Default number of keys tried before a JWE counts as undecryptable. */
export const DEFAULT_MAX_DECRYPTION_ATTEMPTS = 3

/** Default cap on the PBES2 iteration count `p2c` a decryption accepts. */
export const DEFAULT_MAX_PBES2_COUNT = 1_000_000

/** Default cap on the size of decompressed content: 1 MiB. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 1_048_576

/** Options for decrypting a JWE. */
export interface DecryptOptions {
  /**
   * Accepted key management algorithms (`alg`). Default: only the algorithm each key is bound
   * to, which already pins it; a list narrows further.
   */
  readonly keyManagementAlgorithms?: readonly JweKeyManagementAlgorithm[] | undefined
  /** Accepted content encryption algorithms (`enc`). Default: all six that jot supports. */
  readonly contentEncryptionAlgorithms?: readonly JweContentEncryptionAlgorithm[] | undefined
  /** Extension header parameters the caller processes, which `crit` may then list. Default none. */
  readonly crit?: readonly string[] | undefined
  /** Maximum length in characters of the compact JWE, or of the JSON text. Default 16384. */
  readonly maxTokenLength?: number | undefined
  /**
   * Maximum number of decryption attempts when several keys, or several recipients, fit the
   * JWE. Default 3.
   */
  readonly maxKeyCandidates?: number | undefined
  /**
   * Maximum PBES2 iteration count (`p2c`) accepted. The count comes from the unauthenticated
   * header, so a JWE over the cap is rejected before any PBKDF2 work. Default 1,000,000.
   */
  readonly maxPbes2Count?: number | undefined
  /**
   * Maximum size in bytes of content after decompression (`zip: "DEF"`). Decompression stops
   * as soon as the output passes the cap. Default 1048576 (1 MiB).
   */
  readonly maxDecompressedBytes?: number | undefined
  /**
   * Returns the content encryption key (CEK) in the result as `contentEncryptionKey`. Off by
   * default: anyone holding the CEK can read the content and forge a JWE with the same key
   * under the same protected header. Meant for key escrow or debugging only.
   */
  readonly returnContentEncryptionKey?: boolean | undefined
}

/** Decryption options checked once and resolved to lookup structures. */
export interface PreparedDecryptOptions {
  readonly keyManagementAlgorithms: ReadonlySet<string> | null
  readonly contentEncryptionAlgorithms: ReadonlySet<string> | null
  readonly crit: ReadonlySet<string>
  readonly maxTokenLength: number
  readonly maxKeyCandidates: number
  readonly maxPbes2Count: number
  readonly maxDecompressedBytes: number
  readonly returnContentEncryptionKey: boolean
}

/**
 * Checks decryption options where they are supplied.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareDecryptOptions(options: DecryptOptions | undefined): PreparedDecryptOptions {
  if (options === undefined) return DEFAULTS
  if (typeof options !== 'object' || options === null) {
    throw new JotError('OPTION_INVALID', 'The decryption options must be an object.')
  }
  const crit = options.crit ?? []
  if (!Array.isArray(crit) || !crit.every((name) => typeof name === 'string')) {
    throw new JotError(
      'OPTION_INVALID',
      'The "crit" option must be an array of header parameter names.',
    )
  }
  const returnCek = options.returnContentEncryptionKey ?? false
  if (typeof returnCek !== 'boolean') {
    throw new JotError(
      'OPTION_INVALID',
      'The "returnContentEncryptionKey" option must be a boolean.',
    )
  }
  return {
    keyManagementAlgorithms: algorithmList(
      options.keyManagementAlgorithms,
      'keyManagementAlgorithms',
      (alg) => getJweKeyManagementAlgorithm(alg).alg,
    ),
    contentEncryptionAlgorithms: algorithmList(
      options.contentEncryptionAlgorithms,
      'contentEncryptionAlgorithms',
      (enc) => getJweContentEncryptionAlgorithm(enc).enc,
    ),
    crit: new Set(crit),
    maxTokenLength: wholeNumber(options.maxTokenLength, 'maxTokenLength', DEFAULT_MAX_JWE_LENGTH),
    maxKeyCandidates: wholeNumber(
      options.maxKeyCandidates,
      'maxKeyCandidates',
      DEFAULT_MAX_DECRYPTION_ATTEMPTS,
    ),
    maxPbes2Count: wholeNumber(options.maxPbes2Count, 'maxPbes2Count', DEFAULT_MAX_PBES2_COUNT),
    maxDecompressedBytes: wholeNumber(
      options.maxDecompressedBytes,
      'maxDecompressedBytes',
      DEFAULT_MAX_DECOMPRESSED_BYTES,
    ),
    returnContentEncryptionKey: returnCek,
  }
}

// Calls without options share one prepared object; nothing mutates it.
const DEFAULTS: PreparedDecryptOptions = Object.freeze({
  keyManagementAlgorithms: null,
  contentEncryptionAlgorithms: null,
  crit: new Set<string>(),
  maxTokenLength: DEFAULT_MAX_JWE_LENGTH,
  maxKeyCandidates: DEFAULT_MAX_DECRYPTION_ATTEMPTS,
  maxPbes2Count: DEFAULT_MAX_PBES2_COUNT,
  maxDecompressedBytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
  returnContentEncryptionKey: false,
})

function algorithmList(
  value: unknown,
  name: string,
  resolve: (alg: unknown) => string,
): ReadonlySet<string> | null {
  if (value === undefined) return null
  if (!Array.isArray(value) || value.length === 0) {
    throw new JotError('OPTION_INVALID', `The "${name}" option must be a non-empty array.`)
  }
  const names = new Set<string>()
  for (const alg of value as unknown[]) {
    try {
      names.add(resolve(alg))
    } catch (cause) {
      const shown = typeof alg === 'string' ? `"${alg.slice(0, 32)}"` : typeof alg
      throw new JotError(
        'OPTION_INVALID',
        `The "${name}" option lists ${shown}, which is not a supported algorithm.`,
        { cause },
      )
    }
  }
  return names
}

/**
 * Reads an optional positive whole-number option.
 * @throws JotError `OPTION_INVALID`.
 */
export function wholeNumber(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new JotError('OPTION_INVALID', `The "${name}" option must be a positive whole number.`)
  }
  return value
}
