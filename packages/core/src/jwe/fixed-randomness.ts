/** The test-vector option that replaces the random values of an encryption with given ones. */
import { JotError } from '../errors.js'
import type { JweContentEncryptionEntry } from '../jwa/jwe-content-encryption.js'
import { isJotKey } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { MIN_PBES2_SALT_BYTES } from './key-decryption.js'

/**
 * Values an encryption would otherwise draw at random. This exists ONLY to reproduce
 * published test vectors (RFC 7520) byte for byte, and it removes the randomness the security
 * of JWE rests on. The same CEK and IV twice lets anyone recover AES-GCM plaintexts and forge
 * tags, and a fixed salt or ephemeral key makes every token derive the same key. Never set it
 * outside tests.
 */
export interface FixedRandomness {
  /** The content encryption key, of the `enc` algorithm's CEK length. Not for dir or ECDH-ES. */
  readonly cek?: Uint8Array | undefined
  /** The content encryption IV: 12 bytes for AES-GCM, 16 for AES-CBC. */
  readonly iv?: Uint8Array | undefined
  /** The ephemeral private key of ECDH-ES, imported for the recipient's ECDH-ES algorithm. */
  readonly ephemeralPrivateKey?: JotKey | undefined
  /** The PBES2 salt input `p2s`, at least 8 bytes. */
  readonly p2s?: Uint8Array | undefined
  /** The 12-byte IV of AES-GCM key wrapping (A128GCMKW, A192GCMKW, A256GCMKW). */
  readonly keyWrapIv?: Uint8Array | undefined
}

/** Fixed values checked against the encryption they serve. */
export interface CheckedFixedRandomness {
  readonly cek: Uint8Array | undefined
  readonly iv: Uint8Array | undefined
  readonly ephemeralPrivateKey: JotKey | undefined
  readonly p2s: Uint8Array | undefined
  readonly keyWrapIv: Uint8Array | undefined
}

const NONE: CheckedFixedRandomness = {
  cek: undefined,
  iv: undefined,
  ephemeralPrivateKey: undefined,
  p2s: undefined,
  keyWrapIv: undefined,
}

const NAMES = ['cek', 'iv', 'ephemeralPrivateKey', 'p2s', 'keyWrapIv']

/**
 * Checks the fixedRandomness option.
 * @throws JotError `OPTION_INVALID`.
 */
export function checkFixedRandomness(
  value: unknown,
  enc: JweContentEncryptionEntry,
): CheckedFixedRandomness {
  if (value === undefined) return NONE
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JotError('OPTION_INVALID', 'The "fixedRandomness" option must be an object.')
  }
  const fixed = value as Record<string, unknown>
  const unknown = Object.keys(fixed).find((name) => !NAMES.includes(name))
  if (unknown !== undefined) {
    throw new JotError(
      'OPTION_INVALID',
      `The "fixedRandomness" option has no member "${unknown.slice(0, 40)}".`,
    )
  }
  const ephemeralPrivateKey = fixed['ephemeralPrivateKey']
  if (
    ephemeralPrivateKey !== undefined &&
    (!isJotKey(ephemeralPrivateKey) || ephemeralPrivateKey.kind !== 'private')
  ) {
    throw new JotError(
      'OPTION_INVALID',
      'The "fixedRandomness.ephemeralPrivateKey" option must be a private JotKey.',
    )
  }
  return {
    cek: bytes(fixed['cek'], 'cek', enc.cekBytes, enc.enc),
    iv: bytes(fixed['iv'], 'iv', enc.ivBytes, enc.enc),
    ephemeralPrivateKey,
    p2s: bytes(fixed['p2s'], 'p2s', 0, ''),
    keyWrapIv: bytes(fixed['keyWrapIv'], 'keyWrapIv', 12, 'AES-GCM key wrapping'),
  }
}

// length 0 stands for the PBES2 salt, whose length has a minimum only.
function bytes(value: unknown, name: string, length: number, user: string): Uint8Array | undefined {
  if (value === undefined) return undefined
  const wanted =
    length === 0 ? `at least ${MIN_PBES2_SALT_BYTES} bytes` : `${length} bytes for ${user}`
  const fits =
    value instanceof Uint8Array &&
    (length === 0 ? value.length >= MIN_PBES2_SALT_BYTES : value.length === length)
  if (fits) return value
  throw new JotError(
    'OPTION_INVALID',
    `The "fixedRandomness.${name}" option must be a Uint8Array of ${wanted}.`,
  )
}
