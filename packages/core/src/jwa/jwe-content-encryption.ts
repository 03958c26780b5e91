/** The registry of JWE content encryption algorithms, the `enc` of a JWE (RFC 7518 section 5). */
import { JotError } from '../errors.js'
import type { HashName } from './jws-algorithms.js'

export type JweContentEncryptionAlgorithm =
  'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512' | 'A128GCM' | 'A192GCM' | 'A256GCM'

/** AES-CBC with an HMAC-SHA-2 tag (RFC 7518 section 5.2), or AES-GCM (section 5.3). */
export type JweContentEncryptionFamily = 'cbc-hmac' | 'gcm'

/** Everything the code needs to know about one JWE content encryption algorithm. */
export interface JweContentEncryptionEntry {
  readonly enc: JweContentEncryptionAlgorithm
  readonly family: JweContentEncryptionFamily
  /** Length of the CEK in bytes; for CBC-HMAC, the MAC key and the AES key together. */
  readonly cekBytes: number
  /** Length of the AES key in bytes. */
  readonly aesKeyBytes: number
  /** Length of the Initialization Vector in bytes: 16 for CBC, 12 for GCM. */
  readonly ivBytes: number
  /** Length of the Authentication Tag in bytes. */
  readonly tagBytes: number
  /** The HMAC hash of CBC-HMAC; null for GCM. */
  readonly hash: HashName | null
}

function entry(
  enc: JweContentEncryptionAlgorithm,
  family: JweContentEncryptionFamily,
  aesKeyBytes: number,
  hash: HashName | null,
): JweContentEncryptionEntry {
  // RFC 7518 section 5.2.2: the CEK is MAC_KEY || ENC_KEY of equal length, and the tag is the
  // HMAC output truncated to that length. Section 5.3: GCM uses a 96-bit IV and a 128-bit tag.
  const cbc = family === 'cbc-hmac'
  return Object.freeze({
    enc,
    family,
    cekBytes: cbc ? 2 * aesKeyBytes : aesKeyBytes,
    aesKeyBytes,
    ivBytes: cbc ? 16 : 12,
    tagBytes: cbc ? aesKeyBytes : 16,
    hash,
  })
}

const ENTRIES: readonly JweContentEncryptionEntry[] = [
  entry('A128CBC-HS256', 'cbc-hmac', 16, 'sha256'),
  entry('A192CBC-HS384', 'cbc-hmac', 24, 'sha384'),
  entry('A256CBC-HS512', 'cbc-hmac', 32, 'sha512'),
  entry('A128GCM', 'gcm', 16, null),
  entry('A192GCM', 'gcm', 24, null),
  entry('A256GCM', 'gcm', 32, null),
]

const BY_ENC = new Map<string, JweContentEncryptionEntry>(ENTRIES.map((e) => [e.enc, e]))

/** Every supported JWE content encryption algorithm name. */
export const JWE_CONTENT_ENCRYPTION_ALGORITHMS: readonly JweContentEncryptionAlgorithm[] =
  ENTRIES.map((e) => e.enc)

/** Every CEK length in bytes that some content encryption algorithm uses. */
export const CEK_LENGTHS: readonly number[] = [...new Set(ENTRIES.map((e) => e.cekBytes))].sort(
  (a, b) => a - b,
)

/** Tells whether a value names a supported JWE content encryption algorithm. */
export function isJweContentEncryptionAlgorithm(
  value: unknown,
): value is JweContentEncryptionAlgorithm {
  return typeof value === 'string' && BY_ENC.has(value)
}

/**
 * Looks up a JWE content encryption algorithm.
 * @throws JotError `ALG_UNSUPPORTED` for an unknown name.
 */
export function getJweContentEncryptionAlgorithm(enc: unknown): JweContentEncryptionEntry {
  const found = typeof enc === 'string' ? BY_ENC.get(enc) : undefined
  if (found !== undefined) return found
  const shown = typeof enc === 'string' ? `"${enc.slice(0, 32)}"` : typeof enc
  throw new JotError(
    'ALG_UNSUPPORTED',
    `The JWE content encryption algorithm ${shown} is not supported.`,
  )
}
