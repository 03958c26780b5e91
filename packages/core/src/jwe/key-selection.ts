/** Selection of the keys that may decrypt a JWE, and the key operations each algorithm needs. */
import { JotError } from '../errors.js'
import type { JweKeyManagementEntry, JweKeyManagementFamily } from '../jwa/jwe-key-management.js'
import type { Curve } from '../jwa/jws-algorithms.js'
import { assertKeyUsable, isJotKey, isKeyUsableFor } from '../keys/key.js'
import type { JotKey, KeyOperation } from '../keys/key.js'
import type { JweHeader } from './header.js'
import { DECRYPTION_FAILED_MESSAGE } from './failure-message.js'

/** Picks keys for a JWE header. Returning undefined or an empty list means no key fits. */
export type DecryptionKeyResolver = (
  header: JweHeader,
) => JotKey | readonly JotKey[] | undefined | Promise<JotKey | readonly JotKey[] | undefined>

/** Keys a decryption accepts: one key, a list (picked by `kid` and `alg`), or a resolver. */
export type DecryptionKeys = JotKey | readonly JotKey[] | DecryptionKeyResolver

// RFC 7517 section 4.3: a JWE key wraps or unwraps the CEK, is the CEK (dir), or derives it.
const DERIVE: readonly KeyOperation[] = ['deriveKey', 'deriveBits']
const ENCRYPT_OPERATIONS: Readonly<Record<JweKeyManagementFamily, readonly KeyOperation[]>> = {
  'rsa-oaep': ['wrapKey'],
  'aes-kw': ['wrapKey'],
  'aes-gcm-kw': ['wrapKey'],
  dir: ['encrypt'],
  'ecdh-es': DERIVE,
  'ecdh-es-kw': DERIVE,
  pbes2: DERIVE,
}
const DECRYPT_OPERATIONS: Readonly<Record<JweKeyManagementFamily, readonly KeyOperation[]>> = {
  'rsa-oaep': ['unwrapKey'],
  'aes-kw': ['unwrapKey'],
  'aes-gcm-kw': ['unwrapKey'],
  dir: ['decrypt'],
  'ecdh-es': DERIVE,
  'ecdh-es-kw': DERIVE,
  pbes2: DERIVE,
}

/** Returns the `key_ops` values, one of which a key needs to encrypt with an algorithm. */
export function encryptOperations(entry: JweKeyManagementEntry): readonly KeyOperation[] {
  return ENCRYPT_OPERATIONS[entry.family]
}

/**
 * Checks the keys argument where it is supplied.
 * @throws JotError `ARGUMENT_INVALID`.
 */
export function assertDecryptionKeys(keys: unknown): void {
  if (isJotKey(keys) || typeof keys === 'function') return
  if (Array.isArray(keys) && keys.every(isJotKey)) return
  throw new JotError(
    'ARGUMENT_INVALID',
    'The decryption key must be a JotKey, an array of JotKeys or a resolver function; import raw material with importJwk, importPem or importSecret first.',
  )
}

/**
 * Narrows resolved keys to those that can decrypt for this recipient: bound to its `alg`,
 * matching its `kid`, permitted by `use` and `key_ops`, holding private or secret material,
 * and for ECDH-ES on the curve of the ephemeral key. In strict mode a single key is checked
 * strictly instead, so a JWE cannot switch it to another algorithm (RFC 8725 section 2.1).
 * @param epkCurve the `crv` of the header's `epk` for ECDH-ES, otherwise undefined.
 * @throws JotError `ALG_NOT_ALLOWED`, `KEY_INVALID`, `DECRYPTION_FAILED` or `NO_MATCHING_KEY`.
 */
export function selectDecryptionKeys(
  resolved: JotKey | readonly JotKey[] | undefined,
  header: JweHeader,
  entry: JweKeyManagementEntry,
  epkCurve: Curve | undefined,
  strict: boolean,
): readonly JotKey[] {
  const operations = DECRYPT_OPERATIONS[entry.family]
  if (isJotKey(resolved) && strict) {
    assertKeyUsable(resolved, entry.alg, operations)
    if (resolved.kind === 'public') {
      throw new JotError('KEY_INVALID', 'A public key cannot decrypt; use the private key.')
    }
    // A key on another curve is a wrong key like any other, and a wrong key gets the one
    // decryption failure, whatever step noticed it.
    if (epkCurve !== undefined && resolved.crv !== epkCurve) {
      throw new JotError('DECRYPTION_FAILED', DECRYPTION_FAILED_MESSAGE)
    }
    return [resolved]
  }
  // The caller chose a single key, so only a list is narrowed by `kid`. A single key is still
  // tried only for recipients whose alg it is bound to.
  const single = isJotKey(resolved)
  const list: readonly JotKey[] = single ? [resolved] : (resolved ?? [])
  const candidates = list.filter(
    (key) =>
      key.alg === entry.alg &&
      key.kind !== 'public' &&
      (single || header.kid === undefined || key.kid === header.kid) &&
      (epkCurve === undefined || key.crv === epkCurve) &&
      isKeyUsableFor(key, operations, false),
  )
  if (candidates.length > 0) return candidates
  const kid = header.kid === undefined ? 'no kid' : `kid "${header.kid.slice(0, 64)}"`
  throw new JotError(
    'NO_MATCHING_KEY',
    `No decryption key matches the JWE's alg "${entry.alg}" and ${kid}.`,
  )
}
